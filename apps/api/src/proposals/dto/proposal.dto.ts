import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProposalEventDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'CREATED' }) type: string;
  @ApiPropertyOptional({ nullable: true }) fromStage: string | null;
  @ApiPropertyOptional({ nullable: true }) toStage: string | null;
  @ApiPropertyOptional({ nullable: true }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true }) onBehalfOfId: string | null;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
  @ApiProperty() occurredAt: string;
}

export class ProposalLiveStateDto {
  @ApiProperty({ example: 'DRAFT' }) stage: string;
  @ApiProperty({ example: 'open' }) status: string;
  @ApiProperty() stageEnteredAt: string;
  @ApiProperty() eventSeq: number;
}

export class ProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'accession' }) kind: string;
  @ApiProperty() titleEn: string;
  @ApiProperty() titleMn: string;
  @ApiProperty() summary: string;
  @ApiProperty({ example: 'DRAFT' }) stage: string;
  @ApiProperty({ example: 'open' }) status: string;
  @ApiProperty({ example: 'RUNNING', description: 'Workflow status as last reported by the workflow itself' })
  workflowStatus: string;
  @ApiProperty({ example: 'proposal-5f0c...' }) workflowId: string;
  @ApiProperty() definitionVersion: string;
  @ApiProperty() stageEnteredAt: string;
  @ApiPropertyOptional({ nullable: true }) dueAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: [ProposalEventDto] }) timeline?: ProposalEventDto[];
  @ApiPropertyOptional({ type: ProposalLiveStateDto, nullable: true, description: 'Live state queried from the workflow' })
  live?: ProposalLiveStateDto | null;
}
