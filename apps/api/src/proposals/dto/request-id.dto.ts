import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** Every action carries a client request id (body or Idempotency-Key header): retries perform it once. */
export class RequestIdDto {
  @ApiPropertyOptional({ description: 'Client request id; the Idempotency-Key header may carry it instead', example: 'a3f1c2d4-submit-1' })
  @IsOmittable()
  @Matches(REQUEST_ID_PATTERN, { message: 'requestId must be 8-128 letters, digits or . _ : -' })
  requestId?: string;
}
