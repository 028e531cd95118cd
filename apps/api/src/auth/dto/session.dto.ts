import { ApiProperty } from '@nestjs/swagger';
import { MeDto } from './me.dto';

export class SessionDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer ...`' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ description: 'Single-use: each refresh returns a new one; reusing an old one ends the session' }) refreshToken: string;
  @ApiProperty() refreshExpiresAt: string;
  @ApiProperty({ type: MeDto }) user: MeDto;
}
