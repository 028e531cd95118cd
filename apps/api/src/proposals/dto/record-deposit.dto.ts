import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RequestIdDto } from './request-id.dto';

export class RecordDepositDto extends RequestIdDto {
  @ApiProperty({ example: '2026-11-20', description: 'Date the instrument was deposited with the depositary' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'depositDate must be YYYY-MM-DD' })
  depositDate: string;
}
