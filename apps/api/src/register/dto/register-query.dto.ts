import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { REGISTER_CATEGORIES, REGISTER_STATUSES, RegisterCategory, RegisterStatus } from '../register-entry';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Filters of the treaty register, shared by the list and its CSV/XLSX export. */
export class RegisterQuery {
  @ApiPropertyOptional({ enum: REGISTER_CATEGORIES, description: 'Conventions acceded, or bilateral agreements and MoUs' })
  @IsOptional()
  @IsIn(REGISTER_CATEGORIES)
  category?: RegisterCategory;

  @ApiPropertyOptional({ enum: REGISTER_STATUSES, description: 'Status today (Ulaanbaatar date)' })
  @IsOptional()
  @IsIn(REGISTER_STATUSES)
  status?: RegisterStatus;

  @ApiPropertyOptional({ example: 'RU', description: 'Counterpart country of a bilateral instrument (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'counterpartCountry must be a two-letter country code' })
  counterpartCountry?: string;

  @ApiPropertyOptional({ description: 'Text in the English or the Mongolian title' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ example: '2020-01-01', description: 'Only instruments that were in force on this date' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'inForceOn must be YYYY-MM-DD' })
  inForceOn?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'Order by entry-into-force date (unknown dates last)' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
