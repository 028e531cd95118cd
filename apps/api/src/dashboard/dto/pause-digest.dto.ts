import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class PauseDigestDto {
  @ApiPropertyOptional({ example: 'Holiday week', maxLength: 200, description: 'Why (shown to other admins)' })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  note?: string;
}
