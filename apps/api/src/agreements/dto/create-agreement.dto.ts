import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { INSTRUMENT_TYPES, InstrumentType } from '../../../../../libs/domain';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';
import { RequestIdDto } from '../../proposals/dto/request-id.dto';
import { AgreementTermsDto } from './agreement-terms.dto';

const COUNTRY = /^[A-Z]{2}$/;

/** A new bilateral agreement or MoU (draft). */
export class CreateAgreementDto extends AgreementTermsDto {
  @ApiProperty({ example: 'Agreement between Mongolia and the Republic of Korea on Cooperation and Mutual Assistance in Customs Matters', minLength: 3, maxLength: 300 })
  @IsString()
  @Length(3, 300)
  titleEn: string;

  @ApiProperty({ example: 'Гаалийн асуудлаар хамтран ажиллах, харилцан туслалцаа үзүүлэх тухай Монгол Улс, Бүгд Найрамдах Солонгос Улсын хэлэлцээр', minLength: 3, maxLength: 300 })
  @IsString()
  @Length(3, 300)
  titleMn: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOmittable()
  @IsString()
  @Length(0, 5000)
  summary?: string;

  @ApiProperty({ example: 'KR', description: 'ISO 3166-1 alpha-2 code of the counterpart country' })
  @Matches(COUNTRY, { message: 'counterpartCountry must be a two-letter country code (ISO 3166-1)' })
  counterpartCountry: string;

  @ApiProperty({ example: 'Korea Customs Service', minLength: 2, maxLength: 300 })
  @IsString()
  @Length(2, 300)
  counterpartAuthority: string;

  @ApiProperty({ enum: INSTRUMENT_TYPES, description: 'intergovernmental: Cabinet approval to sign; interagency_mou: no Cabinet, never ratified' })
  @IsIn(INSTRUMENT_TYPES)
  instrumentType: InstrumentType;

  @ApiProperty({ example: 'Cooperation and mutual assistance in customs matters', minLength: 3, maxLength: 1000 })
  @IsString()
  @Length(3, 1000)
  subject: string;

  @ApiPropertyOptional({ example: 'WCO Model Bilateral Agreement on Mutual Administrative Assistance in Customs Matters', maxLength: 1000 })
  @IsOmittable()
  @IsString()
  @Length(0, 1000)
  legalBasis?: string;

  @ApiProperty({ example: false, description: 'Whether the instrument must be ratified before entry into force (never for an MoU)' })
  @IsBoolean()
  requiresRatification: boolean;
}

/** Draft fields the owner may change before negotiations start (DRAFT only). */
export class EditAgreementDraftDto extends RequestIdDto {
  @ApiPropertyOptional({ maxLength: 300 }) @IsOmittable() @IsString() @Length(3, 300) titleEn?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOmittable() @IsString() @Length(3, 300) titleMn?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOmittable() @IsString() @Length(0, 5000) summary?: string;
  @ApiPropertyOptional({ example: 'KR' })
  @IsOmittable()
  @Matches(COUNTRY, { message: 'counterpartCountry must be a two-letter country code (ISO 3166-1)' })
  counterpartCountry?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOmittable() @IsString() @Length(2, 300) counterpartAuthority?: string;
  @ApiPropertyOptional({ enum: INSTRUMENT_TYPES }) @IsOmittable() @IsIn(INSTRUMENT_TYPES) instrumentType?: InstrumentType;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOmittable() @IsString() @Length(3, 1000) subject?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOmittable() @IsString() @Length(0, 1000) legalBasis?: string;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() requiresRatification?: boolean;
}
