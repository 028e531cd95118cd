import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, Max, Min, ValidateBy, ValidateIf, ValidateNested, ValidationOptions } from 'class-validator';
import { ENTRY_INTO_FORCE_RULE_TYPES, isIsoDate } from '../../../../../libs/domain';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';
import { RequestIdDto } from '../../proposals/dto/request-id.dto';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: (v) => isIsoDate(v), defaultMessage: (a) => `${a?.property} must be a date (YYYY-MM-DD)` } }, options);
}

/** The instrument's entry-into-force clause. */
export class EntryIntoForceRuleDto {
  @ApiProperty({
    enum: ENTRY_INTO_FORCE_RULE_TYPES,
    example: 'days_after_last_notification',
    description:
      'on_signature; on_last_notification (the later of the two diplomatic notifications); days_after_last_notification (needs days); first_day_of_month_after_last_notification (needs months: 1 = the next month)',
  })
  @IsIn(ENTRY_INTO_FORCE_RULE_TYPES)
  type: (typeof ENTRY_INTO_FORCE_RULE_TYPES)[number];

  @ApiPropertyOptional({ example: 30, minimum: 0, maximum: 3650, description: 'For days_after_last_notification' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(3650)
  days?: number;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 120, description: 'For first_day_of_month_after_last_notification' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(120)
  months?: number;
}

export class AutomaticRenewalDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 100, description: 'Length of each further period, in years' })
  @IsInt()
  @Min(1)
  @Max(100)
  periodYears: number;

  @ApiProperty({ example: 6, minimum: 0, maximum: 60, description: 'Notice of termination must be given at least this many months before the period ends' })
  @IsInt()
  @Min(0)
  @Max(60)
  noticeMonths: number;
}

/** Validity and renewal: "in force for five years, renewed for five-year periods unless notice six months before expiry". */
export class RenewalRuleDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 100, description: 'Initial validity, in years from entry into force' })
  @IsInt()
  @Min(1)
  @Max(100)
  validityYears: number;

  @ApiProperty({ type: AutomaticRenewalDto, nullable: true, description: 'null: the agreement simply expires at the end of its validity' })
  @ValidateIf((o: RenewalRuleDto) => o.automaticRenewal !== null)
  @IsObject({ message: 'automaticRenewal must be an object, or null when the agreement does not renew' })
  @ValidateNested()
  @Type(() => AutomaticRenewalDto)
  automaticRenewal: AutomaticRenewalDto | null;

  @ApiPropertyOptional({ example: 3, minimum: 0, maximum: 24, description: 'How long before the notice deadline (or expiry) the division should decide; default 3' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(24)
  reviewLeadMonths?: number;
}

/** The terms an agreement is created with and that can change until signature (PUT /agreements/:id/terms). */
export class AgreementTermsDto extends RequestIdDto {
  @ApiProperty({ type: EntryIntoForceRuleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EntryIntoForceRuleDto)
  entryIntoForceRule: EntryIntoForceRuleDto;

  @ApiProperty({ type: RenewalRuleDto, nullable: true, description: 'null: in force until terminated' })
  @ValidateIf((o: AgreementTermsDto) => o.renewalRule !== null)
  @IsObject({ message: 'renewalRule must be an object, or null when the agreement is in force until terminated' })
  @ValidateNested()
  @Type(() => RenewalRuleDto)
  renewalRule: RenewalRuleDto | null;
}
