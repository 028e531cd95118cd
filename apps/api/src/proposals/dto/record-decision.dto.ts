import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { RequestIdDto } from './request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class RecordDecisionDto extends RequestIdDto {
  @ApiProperty({ example: '5f0c...:t7', description: 'The approval task decided' })
  @IsString()
  @Length(1, 200)
  taskId: string;

  @ApiProperty({ enum: ['approve', 'request_changes', 'reject'] })
  @IsIn(['approve', 'request_changes', 'reject'])
  decision: 'approve' | 'request_changes' | 'reject';

  @ApiPropertyOptional({ maxLength: 4000, description: 'Required to request changes or reject' })
  @IsOmittable()
  @IsString()
  @Length(0, 4000)
  comment?: string;

  @ApiPropertyOptional({ example: 'RESEARCH', description: 'For request_changes: the stage to send the proposal back to' })
  @IsOmittable()
  @Matches(/^[A-Z_]{2,32}$/)
  returnToStage?: string;
}
