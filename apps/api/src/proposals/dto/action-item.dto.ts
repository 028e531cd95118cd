import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { RequestIdDto } from './request-id.dto';

export class AddActionItemDto extends RequestIdDto {
  @ApiProperty({ example: 'Amend the customs procedures regulation' }) @IsString() @Length(2, 300) title: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() ownerId: string;
  @ApiProperty({ example: '2027-03-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be YYYY-MM-DD' }) dueDate: string;
}

export class ReassignDto extends RequestIdDto {
  @ApiProperty({ format: 'uuid', description: 'The person who takes it over' }) @IsUUID() assigneeId: string;
}
