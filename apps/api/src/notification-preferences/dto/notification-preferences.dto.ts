import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { RequestIdDto } from '../../proposals/dto/request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'Email when someone decides on one of my proposals' }) decision: boolean;
  @ApiProperty({ description: 'Email when one of my proposals moves to another stage' }) stageChange: boolean;
}

export class UpdateNotificationPreferencesDto extends RequestIdDto {
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() decision?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() stageChange?: boolean;
}
