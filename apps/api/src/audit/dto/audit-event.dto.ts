import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEventDto {
  @ApiProperty({ example: '1024' }) id: string;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) onBehalfOfId: string | null;
  @ApiProperty({ example: 'access.denied' }) action: string;
  @ApiProperty({ enum: ['success', 'denied', 'failure'] }) outcome: string;
  @ApiPropertyOptional({ nullable: true, example: 'proposal' }) targetType: string | null;
  @ApiPropertyOptional({ nullable: true }) targetId: string | null;
  @ApiPropertyOptional({ nullable: true, example: '10.0.0.12' }) ip: string | null;
  @ApiPropertyOptional({ nullable: true }) userAgent: string | null;
  @ApiPropertyOptional({ nullable: true }) requestId: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'POST' }) method: string | null;
  @ApiPropertyOptional({ nullable: true, example: '/api/v1/proposals' }) path: string | null;
  @ApiPropertyOptional({ nullable: true, example: 403 }) status: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { reason: 'role' } }) details: Record<string, unknown>;
}
