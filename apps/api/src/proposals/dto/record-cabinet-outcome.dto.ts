import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { RequestIdDto } from './request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class RecordCabinetOutcomeDto extends RequestIdDto {
  @ApiProperty({ enum: ['approved', 'returned', 'rejected'] })
  @IsIn(['approved', 'returned', 'rejected'])
  outcome: 'approved' | 'returned' | 'rejected';

  @ApiPropertyOptional({ example: '217', description: 'Required when approved' })
  @IsOmittable()
  @IsString()
  @Length(1, 64)
  resolutionNumber?: string;

  @ApiPropertyOptional({ example: '2026-10-14', description: 'Required when approved' })
  @IsOmittable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'resolutionDate must be YYYY-MM-DD' })
  resolutionDate?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'Required when returned or rejected' })
  @IsOmittable()
  @IsString()
  @Length(0, 4000)
  remarks?: string;
}
