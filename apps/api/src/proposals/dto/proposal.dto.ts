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

export class BilingualTextDto {
  @ApiProperty({ example: 'Enters into force 3 month(s) after the deposit of the instrument.' }) en: string;
  @ApiProperty({ example: 'Баримт бичгийг хадгалуулснаас хойш 3 сарын дараа хүчин төгөлдөр болно.' }) mn: string;
}

/** Entry into force of the convention for the country: a forecast before deposit, the fixed date after. */
export class EntryIntoForceDto {
  @ApiProperty({ enum: ['forecast', 'fixed'], description: 'forecast: not deposited yet, computed as if deposited today; fixed: from the recorded deposit' })
  status: 'forecast' | 'fixed';
  @ApiProperty({ enum: ['if_deposited_today', 'deposit'], description: 'What the date is computed from' })
  basis: 'if_deposited_today' | 'deposit';
  @ApiProperty({ example: 'RKC' }) conventionCode: string;
  @ApiProperty({ example: '2026-03-02', description: 'The deposit date the date follows from: today (Ulaanbaatar) for a forecast, the recorded one when fixed' })
  depositDate: string;
  @ApiProperty({ example: '2026-06-02', description: 'Entry-into-force date (YYYY-MM-DD), by the convention’s own rule' })
  date: string;
  @ApiPropertyOptional({ nullable: true, example: '2026-03-31', description: 'Forecast only: the last deposit date that still gives the same date' })
  latestDepositForSameDate: string | null;
  @ApiProperty({ type: BilingualTextDto, description: 'What to show, labelled as a forecast or as the fixed date' }) label: BilingualTextDto;
  @ApiProperty({ type: BilingualTextDto, description: 'The convention’s rule in words' }) rule: BilingualTextDto;
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
  @ApiPropertyOptional({
    type: EntryIntoForceDto,
    nullable: true,
    description:
      'Accession to a catalogued convention: before deposit a forecast (status forecast, "if deposited today"), after deposit the fixed date. Null for other kinds, an unknown convention, or a proposal that ended before deposit.',
  })
  entryIntoForce: EntryIntoForceDto | null;
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
