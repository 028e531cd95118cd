import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

/** The confirmation form, posted by a person's browser (application/x-www-form-urlencoded). */
export class ActionFormDto {
  @ApiPropertyOptional({ description: 'CSRF token from the confirmation page; without it the page answers 403' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  csrf?: string;

  @ApiPropertyOptional({ description: 'Why; required for reject and request-changes', maxLength: 4000 })
  @IsOmittable()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
