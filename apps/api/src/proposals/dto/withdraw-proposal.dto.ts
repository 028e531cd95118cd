import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { RequestIdDto } from './request-id.dto';

export class WithdrawProposalDto extends RequestIdDto {
  @ApiProperty({ example: 'Superseded by the regional agreement' }) @IsString() @Length(3, 4000) reason: string;
}
