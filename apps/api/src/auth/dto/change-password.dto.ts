import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '../password-hasher';

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 8, maxLength: MAX_PASSWORD_LENGTH, description: 'At least PASSWORD_MIN_LENGTH characters (12 by default)' })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  newPassword: string;
}
