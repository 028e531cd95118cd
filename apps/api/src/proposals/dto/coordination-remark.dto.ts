import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { RequestIdDto } from './request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class RecordRemarkDto extends RequestIdDto {
  @ApiProperty({ example: 'Ministry of Finance', description: 'The consulted body' })
  @IsString()
  @Length(2, 200)
  body: string;

  @ApiProperty({ example: 'Budget impact of Specific Annex B must be estimated' })
  @IsString()
  @Length(1, 8000)
  remarks: string;

  @ApiPropertyOptional({ example: '2026-12-15', description: 'Deadline to reply to this body' })
  @IsOmittable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'replyDeadline must be YYYY-MM-DD' })
  replyDeadline?: string;
}

export class RespondToRemarkDto extends RequestIdDto {
  @ApiProperty({ example: 'Estimate added to section 4 of the research report' })
  @IsString()
  @Length(1, 8000)
  response: string;
}
