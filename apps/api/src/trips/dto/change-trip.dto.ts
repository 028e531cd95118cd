import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUUID, Length } from 'class-validator';
import { RequestIdDto } from '../../proposals/dto/request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

/** A change of dates or delegates; after approval it goes back through the approvals the change affects. */
export class ChangeTripDto extends RequestIdDto {
  @ApiPropertyOptional({ example: '2027-03-15' }) @IsOmittable() @IsString() departureDate?: string;
  @ApiPropertyOptional({ example: '2027-03-20' }) @IsOmittable() @IsString() returnDate?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true, message: 'each delegate must be a user id' })
  delegateIds?: string[];
  @ApiPropertyOptional({ description: 'Why the trip changed' }) @IsOmittable() @IsString() @Length(0, 4000) reason?: string;
}

export class CancelTripDto extends RequestIdDto {
  @ApiPropertyOptional({ example: 'The meeting was postponed' }) @IsString() @Length(3, 4000) reason: string;
}
