import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { REQUEST_ID_MESSAGE, REQUEST_ID_PATTERN } from './user-fields';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class CreateDelegationDto {
  @ApiProperty({ format: 'uuid', description: 'Who receives the tasks meanwhile' })
  @IsUUID()
  delegateId: string;

  @ApiProperty({ example: '2026-07-01T00:00:00+08:00', description: 'Start of the absence (inclusive)' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-07-15T00:00:00+08:00', description: 'End of the absence (exclusive)' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ example: 'WCO Council session, Brussels', maxLength: 500 })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admin only: delegate on behalf of someone else (default: yourself)' })
  @IsOmittable()
  @IsUUID()
  delegatorId?: string;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOmittable()
  @Matches(REQUEST_ID_PATTERN, { message: REQUEST_ID_MESSAGE })
  requestId?: string;
}
