import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { RequestIdDto } from './request-id.dto';

export class CompleteStageDto extends RequestIdDto {
  @ApiPropertyOptional({ maxLength: 4000, example: 'Translation reviewed by the legal translator' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  comment?: string;
}
