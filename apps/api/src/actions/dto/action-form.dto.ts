import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The confirmation form, posted by a person's browser (application/x-www-form-urlencoded). */
export class ActionFormDto {
  @ApiPropertyOptional({ description: 'CSRF token from the confirmation page; without it the page answers 403' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  csrf?: string;

  @ApiPropertyOptional({ description: 'Why; required for reject and request-changes', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
