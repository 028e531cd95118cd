import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DelegationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) delegatorId: string;
  @ApiProperty({ format: 'uuid' }) delegateId: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) createdBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) revokedBy: string | null;
  @ApiProperty({ description: 'In force right now' }) active: boolean;
}
