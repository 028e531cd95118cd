import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { COST_CATEGORIES, FUNDING_SOURCES, TRIP_EVENT_TYPES } from '../../../../../libs/domain';
import { RequestIdDto } from '../../proposals/dto/request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class TripEventDto {
  @ApiProperty({ example: 'WCO Council, 147th/148th sessions' }) @IsString() @Length(2, 300) name: string;
  @ApiProperty({ example: 'World Customs Organization' }) @IsString() @Length(2, 300) organiser: string;
  @ApiProperty({ enum: TRIP_EVENT_TYPES }) @IsIn(TRIP_EVENT_TYPES) type: (typeof TRIP_EVENT_TYPES)[number];
}

export class TripDestinationDto {
  @ApiProperty({ example: 'BE', description: 'ISO 3166-1 alpha-2 country code' }) @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter country code (ISO 3166-1)' }) country: string;
  @ApiProperty({ example: 'Brussels' }) @IsString() @Length(1, 120) city: string;
}

/** Amount, currency, category and funding source are checked by the trip rules (with field and reason), not here. */
export class TripCostLineDto {
  @ApiProperty({ enum: COST_CATEGORIES }) @IsString() category: string;
  @ApiProperty({ example: 1500, description: 'Non-negative amount in the currency' }) @IsNumber({ allowNaN: false, allowInfinity: false }) amount: number;
  @ApiProperty({ example: 'USD', description: 'ISO 4217 code with a configured rate to MNT' }) @IsString() currency: string;
  @ApiProperty({ enum: FUNDING_SOURCES }) @IsString() fundingSource: string;
}

export class CreateTripDto extends RequestIdDto {
  @ApiProperty({ type: TripEventDto }) @ValidateNested() @Type(() => TripEventDto) event: TripEventDto;
  @ApiProperty({ type: TripDestinationDto }) @ValidateNested() @Type(() => TripDestinationDto) destination: TripDestinationDto;
  @ApiProperty({ example: '2027-03-14', description: 'Ulaanbaatar date, after today' }) @IsString() departureDate: string;
  @ApiProperty({ example: '2027-03-19', description: 'Not before the departure date' }) @IsString() returnDate: string;
  @ApiProperty({ type: [String], description: 'Travellers: existing, active users; at least one' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true, message: 'each delegate must be a user id' })
  delegateIds: string[];
  @ApiProperty({ type: [TripCostLineDto], description: 'Estimated costs by category, each with its currency and funding source' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TripCostLineDto)
  costs: TripCostLineDto[];
  @ApiPropertyOptional({ description: 'Required when the request is later than the configured lead time before departure' })
  @IsOmittable()
  @IsString()
  @Length(0, 4000)
  lateJustification?: string;
  @ApiPropertyOptional({ description: 'Mongolian title; the event name when absent' }) @IsOmittable() @IsString() @Length(2, 300) titleMn?: string;
}
