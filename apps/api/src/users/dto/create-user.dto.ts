import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsIn, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { ROLE_NAMES } from '../../../../../libs/domain';
import type { RoleName } from '../../../../../libs/domain';
import { MAX_PASSWORD_LENGTH } from '../../auth/password-hasher';
import { DIVISION_MESSAGE, DIVISION_PATTERN, REQUEST_ID_MESSAGE, REQUEST_ID_PATTERN } from './user-fields';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class CreateUserDto {
  @ApiProperty({ example: 'nomin.g@customs.example', maxLength: 320 })
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ example: 'Номин Ганзориг', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  nameMn: string;

  @ApiProperty({ example: 'Nomin Ganzorig', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  nameLatin: string;

  @ApiPropertyOptional({ enum: ['mn', 'en'], default: 'mn' })
  @IsOmittable()
  @IsIn(['mn', 'en'])
  language?: 'mn' | 'en';

  @ApiPropertyOptional({ example: 'international-cooperation' })
  @IsOmittable()
  @Matches(DIVISION_PATTERN, { message: DIVISION_MESSAGE })
  division?: string;

  @ApiProperty({ enum: ROLE_NAMES, isArray: true, example: ['officer'] })
  @IsArray()
  @ArrayMaxSize(ROLE_NAMES.length)
  @ArrayUnique()
  @IsIn(ROLE_NAMES, { each: true })
  roles: RoleName[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  supervisorId?: string;

  @ApiPropertyOptional({ description: 'Initial password; when omitted a one-time password is generated and returned once', format: 'password' })
  @IsOmittable()
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password?: string;

  @ApiPropertyOptional({ description: 'Client-chosen id of this request; a retry with the same id returns the same user', maxLength: 128 })
  @IsOmittable()
  @Matches(REQUEST_ID_PATTERN, { message: REQUEST_ID_MESSAGE })
  requestId?: string;
}
