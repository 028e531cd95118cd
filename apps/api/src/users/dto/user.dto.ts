import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MeDto } from '../../auth/dto/me.dto';

export class UserDto extends MeDto {
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ nullable: true }) deactivatedAt: string | null;
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({ description: 'Only when the admin gave no password: shown this once, to be changed at first sign-in' })
  oneTimePassword?: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ example: 42 }) total: number;
}

export class OneTimePasswordDto {
  @ApiProperty({ description: 'Shown this once; every session of the person has been ended', example: 'k7Qmz-Xa3pR-...' })
  oneTimePassword: string;
}
