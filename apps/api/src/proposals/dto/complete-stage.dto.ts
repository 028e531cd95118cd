import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { RequestIdDto } from './request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class CompleteStageDto extends RequestIdDto {
  @ApiPropertyOptional({ maxLength: 4000, example: 'Translation reviewed by the legal translator' })
  @IsOmittable()
  @IsString()
  @Length(0, 4000)
  comment?: string;
}
