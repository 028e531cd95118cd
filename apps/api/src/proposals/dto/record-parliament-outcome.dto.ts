import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { RequestIdDto } from './request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class RecordParliamentOutcomeDto extends RequestIdDto {
  @ApiProperty({ enum: ['ratified', 'returned', 'rejected'] })
  @IsIn(['ratified', 'returned', 'rejected'])
  outcome: 'ratified' | 'returned' | 'rejected';

  @ApiPropertyOptional({ example: 'XI-45', description: 'Required when ratified' })
  @IsOmittable()
  @IsString()
  @Length(1, 64)
  lawNumber?: string;

  @ApiPropertyOptional({ example: '2026-11-02', description: 'Required when ratified' })
  @IsOmittable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'lawDate must be YYYY-MM-DD' })
  lawDate?: string;

  @ApiPropertyOptional({
    example: ['GENERAL', 'A', 'B'],
    description: 'Codes of the annexes accepted, from the convention catalogue (mandatory annexes may be left out); checked against the convention on ratification',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  annexesAccepted?: string[];

  @ApiPropertyOptional({ example: ['Reservation to Recommended Practice 3 of Chapter 1 of Specific Annex B'], description: 'Refused (400) for a convention that permits none' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  reservations?: string[];

  @ApiPropertyOptional({ maxLength: 4000, description: 'Required when returned or rejected' })
  @IsOmittable()
  @IsString()
  @Length(0, 4000)
  remarks?: string;
}
