import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProposalEventDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'STAGE_CHANGED' }) type: string;
  @ApiPropertyOptional({ nullable: true }) fromStage: string | null;
  @ApiPropertyOptional({ nullable: true }) toStage: string | null;
  @ApiPropertyOptional({ nullable: true }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Set when a delegate acted for someone' }) onBehalfOfId: string | null;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() occurredAt: string;
}

export class TaskDto {
  @ApiProperty() id: string;
  @ApiProperty() stage: string;
  @ApiProperty({ enum: ['work', 'approval'] }) kind: string;
  @ApiProperty({ example: 'legal' }) role: string;
  @ApiPropertyOptional({ nullable: true }) assigneeId: string | null;
  @ApiPropertyOptional({ nullable: true }) onBehalfOfId: string | null;
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) status: string;
  @ApiProperty({ type: [String] }) actions: string[];
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional({ nullable: true }) dueAt: string | null;
  @ApiPropertyOptional({ nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) decision: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'translation' }) kind: string;
  @ApiProperty() version: number;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty() uploadedAt: string;
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
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiPropertyOptional({ nullable: true }) division: string | null;
  @ApiProperty({ example: 'DRAFT' }) stage: string;
  @ApiProperty({ example: 'open' }) status: string;
  @ApiProperty({ example: 'RUNNING', description: 'Workflow status as last reported by the workflow itself' }) workflowStatus: string;
  @ApiProperty({ example: 'proposal-5f0c...' }) workflowId: string;
  @ApiProperty() definitionVersion: string;
  @ApiProperty() stageEnteredAt: string;
  @ApiPropertyOptional({ nullable: true }) dueAt: string | null;
  @ApiProperty({ type: [String] }) currentAssignees: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Fields, remarks, action items, outcomes, deposit' })
  details: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ProposalDetailDto extends ProposalDto {
  @ApiProperty({ type: [ProposalEventDto] }) timeline: ProposalEventDto[];
  @ApiProperty({ type: [TaskDto] }) tasks: TaskDto[];
  @ApiProperty({ type: [DocumentDto] }) documents: DocumentDto[];
  @ApiPropertyOptional({ type: ProposalLiveStateDto, nullable: true, description: 'Live state queried from the workflow' })
  live: ProposalLiveStateDto | null;
}

export class ProposalPageDto {
  @ApiProperty({ type: [ProposalDto] }) items: ProposalDto[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as cursor to get the next page' }) nextCursor: string | null;
}

export class ActionResultDto {
  @ApiProperty({ example: 'TRANSLATION' }) stage: string;
  @ApiProperty({ example: 'open' }) status: string;
  @ApiProperty() eventSeq: number;
}
