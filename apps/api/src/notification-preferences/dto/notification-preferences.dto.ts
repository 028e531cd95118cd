import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { RequestIdDto } from '../../proposals/dto/request-id.dto';

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'Email when someone decides on one of my proposals' }) decision: boolean;
  @ApiProperty({ description: 'Email when one of my proposals moves to another stage' }) stageChange: boolean;
}

export class UpdateNotificationPreferencesDto extends RequestIdDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() decision?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() stageChange?: boolean;
}
