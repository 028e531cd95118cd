import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLE_NAMES } from '../../../../../libs/domain';
import type { RoleName } from '../../../../../libs/domain';

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'temuulen.b@customs.example' }) email: string;
  @ApiProperty({ example: 'Тэмүүлэн Батболд' }) nameMn: string;
  @ApiProperty({ example: 'Temuulen Batbold' }) nameLatin: string;
  @ApiProperty({ enum: ['mn', 'en'] }) language: 'mn' | 'en';
  @ApiPropertyOptional({ nullable: true, example: 'international-cooperation' }) division: string | null;
  @ApiProperty({ enum: ROLE_NAMES, isArray: true, example: ['officer'] }) roles: RoleName[];
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) supervisorId: string | null;
  @ApiProperty({ description: 'The password was set by an admin and should be changed now' }) mustChangePassword: boolean;
}
