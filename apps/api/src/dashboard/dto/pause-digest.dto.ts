import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class PauseDigestDto {
  @ApiPropertyOptional({ example: 'Holiday week', maxLength: 200, description: 'Why (shown to other admins)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  note?: string;
}
