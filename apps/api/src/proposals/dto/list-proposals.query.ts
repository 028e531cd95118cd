import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

export class ListProposalsQuery {
  @ApiPropertyOptional({ enum: ['accession', 'trip', 'agreement'] }) @IsOptional() @IsIn(['accession', 'trip', 'agreement']) kind?: string;
  @ApiPropertyOptional({ example: 'INTERNAL_REVIEW' }) @IsOptional() @Matches(/^[A-Z_]{2,32}$/) stage?: string;
  @ApiPropertyOptional({ enum: ['open', 'completed', 'rejected', 'withdrawn'] }) @IsOptional() @IsIn(['open', 'completed', 'rejected', 'withdrawn']) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ example: 'international-cooperation' }) @IsOptional() @IsString() @Length(1, 64) division?: string;
  @ApiPropertyOptional({ description: 'Only proposals past (true) or within (false) their stage SLA' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'Text in the English or Mongolian title' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({ enum: ['createdAt', 'updatedAt', 'dueAt'], default: 'updatedAt' }) @IsOptional() @IsIn(['createdAt', 'updatedAt', 'dueAt']) sort?: 'createdAt' | 'updatedAt' | 'dueAt';
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'Cursor from the previous page (nextCursor)' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,400}$/) cursor?: string;
}
