import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const PEOPLE_MAX_LIMIT = 50;
export const PEOPLE_MAX_IDS = 50;

/** `ids=a,b` and `ids=a&ids=b` both give a list; anything else is left for the validators to refuse. */
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s.length > 0) : value);

/** The people picker's question: a name fragment, or the people behind some ids. */
export class PeopleQuery {
  @ApiPropertyOptional({ description: 'Part of either spelling of the name (Cyrillic or Latin), case-insensitive', maxLength: 100, example: 'Тэмүүлэн' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description: `Only these people (comma-separated or repeated; up to ${PEOPLE_MAX_IDS}), e.g. to name the delegates already chosen`,
    type: [String],
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(PEOPLE_MAX_IDS)
  @IsUUID('all', { each: true, message: 'each id must be a user id (UUID)' })
  ids?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: PEOPLE_MAX_LIMIT, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PEOPLE_MAX_LIMIT)
  limit?: number;
}
