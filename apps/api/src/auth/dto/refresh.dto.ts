import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { REFRESH_TOKEN_PATTERN } from '../session.service';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

/** The refresh token comes in the body (API clients) or in the httpOnly `accord_refresh` cookie (browsers). */
export class RefreshDto {
  @ApiPropertyOptional({ description: 'Refresh token from sign-in; omit to use the accord_refresh cookie', example: 'mC1v...43 characters' })
  @IsOmittable()
  @Matches(REFRESH_TOKEN_PATTERN, { message: 'refreshToken is not a refresh token' })
  refreshToken?: string;
}
