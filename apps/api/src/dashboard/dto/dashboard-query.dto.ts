import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { PROPOSAL_KINDS } from '../../../../../libs/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const PROPOSAL_STATUSES = ['open', 'completed', 'rejected', 'withdrawn', 'cancelled', 'expired', 'terminated'];
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Narrows a dashboard figure to one kind and/or one division (leadership looking at one division). */
export class DashboardScopeQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_KINDS }) @IsOptional() @IsIn(PROPOSAL_KINDS) kind?: string;
  @ApiPropertyOptional({ example: 'international-cooperation' }) @IsOptional() @IsString() @Length(1, 64) division?: string;
}

/** Cycle times over a period of Ulaanbaatar calendar dates (both ends included); default: the last 90 days. */
export class CycleTimesQuery extends DashboardScopeQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (Ulaanbaatar date)' }) @IsOptional() @Matches(ISO_DATE, { message: 'from must be YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day (Ulaanbaatar date)' }) @IsOptional() @Matches(ISO_DATE, { message: 'to must be YYYY-MM-DD' }) to?: string;
}

export const LIST_SORTS = ['updatedAt', 'createdAt', 'dueAt', 'titleEn', 'titleMn', 'stage'] as const;

/** Filters of the list page, shared by the page itself and its CSV/XLSX export. */
export class DashboardListFilterQuery extends DashboardScopeQuery {
  @ApiPropertyOptional({ example: 'INTERNAL_REVIEW' }) @IsOptional() @Matches(/^[A-Z_]{2,32}$/, { message: 'stage must be a stage code' }) stage?: string;
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES }) @IsOptional() @IsIn(PROPOSAL_STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ description: 'Only proposals past (true) or within (false) their stage SLA' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'Text in the English or the Mongolian title' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Period start (Ulaanbaatar date, included)' }) @IsOptional() @Matches(ISO_DATE, { message: 'from must be YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Period end (Ulaanbaatar date, included)' }) @IsOptional() @Matches(ISO_DATE, { message: 'to must be YYYY-MM-DD' }) to?: string;
  @ApiPropertyOptional({ enum: ['created', 'updated'], default: 'created', description: 'What the period applies to' }) @IsOptional() @IsIn(['created', 'updated']) periodOf?: 'created' | 'updated';
  @ApiPropertyOptional({ enum: LIST_SORTS, default: 'updatedAt' }) @IsOptional() @IsIn(LIST_SORTS) sort?: (typeof LIST_SORTS)[number];
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}

export class DashboardListQuery extends DashboardListFilterQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 25 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class StatusReportQuery {
  @ApiPropertyOptional({ enum: ['mn', 'en'], description: 'Language of the report; default: yours' }) @IsOptional() @IsIn(['mn', 'en']) lang?: 'mn' | 'en';
}
