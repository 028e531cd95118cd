import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { RequestIdDto } from './request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class EditDraftDto extends RequestIdDto {
  @ApiPropertyOptional({ maxLength: 300 }) @IsOmittable() @IsString() @Length(3, 300) titleEn?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOmittable() @IsString() @Length(3, 300) titleMn?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOmittable() @IsString() @Length(0, 5000) summary?: string;
  @ApiPropertyOptional({ example: 'RKC', description: 'From the convention catalogue: RKC, ISTANBUL, ATA or HS (any other: 400)' })
  @IsOmittable()
  @Matches(/^[A-Z0-9_]{2,32}$/, { message: 'conventionCode must be 2-32 capital letters, digits or _' })
  conventionCode?: string;
}
