import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BilingualDto {
  @ApiProperty({ example: 'Internal approvals' }) en: string;
  @ApiProperty({ example: 'Дотоод хянан батлалт' }) mn: string;
}

export class StageRefDto {
  @ApiProperty({ example: 'TRANSLATION' }) code: string;
  @ApiProperty({ type: BilingualDto }) name: BilingualDto;
  @ApiProperty({ description: 'A stage the process ends in (completed, rejected, ...)' }) terminal: boolean;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ nullable: true }) nameMn: string | null;
  @ApiPropertyOptional({ nullable: true }) nameLatin: string | null;
}

export class StageCountDto {
  @ApiProperty({ example: 'accession' }) kind: string;
  @ApiProperty({ example: 'TRANSLATION' }) stage: string;
  @ApiProperty({ type: BilingualDto }) stageName: BilingualDto;
  @ApiProperty({ description: 'Proposals in this stage (open ones; for terminal stages, all that ended there)' }) count: number;
  @ApiProperty({ description: 'Of those, past the stage SLA' }) overdue: number;
}

export class PersonLoadDto {
  @ApiProperty({ type: PersonRefDto }) person: PersonRefDto;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
}

export class OverdueTaskDto {
  @ApiProperty() taskId: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: BilingualDto }) title: BilingualDto;
  @ApiProperty() stage: string;
  @ApiProperty({ type: BilingualDto }) stageName: BilingualDto;
  @ApiProperty({ example: 'legal' }) role: string;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) assignee: PersonRefDto | null;
  @ApiProperty() dueAt: string;
  @ApiProperty({ description: 'Whole days past the due time' }) daysOverdue: number;
}

export class PastSlaDto {
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: BilingualDto }) title: BilingualDto;
  @ApiProperty() stage: string;
  @ApiProperty({ type: BilingualDto }) stageName: BilingualDto;
  @ApiPropertyOptional({ nullable: true }) division: string | null;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) owner: PersonRefDto | null;
  @ApiProperty() stageEnteredAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty() daysOverdue: number;
}

export class OverdueTasksDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [OverdueTaskDto] }) items: OverdueTaskDto[];
}

export class PastSlaListDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [PastSlaDto] }) items: PastSlaDto[];
}

export class TripsOverviewDto {
  @ApiProperty({ description: 'False when the overview is narrowed to another kind (the figures are null then)' }) available: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'Requested trips departing this Ulaanbaatar month' }) departingThisMonth: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Trip reports not in yet and due by the end of this month' }) reportsDueThisMonth: number | null;
}

export class OverviewTotalsDto {
  @ApiProperty() openProposals: number;
  @ApiProperty() closedProposals: number;
  @ApiProperty() proposalsPastSla: number;
  @ApiProperty() openTasks: number;
  @ApiProperty() overdueTasks: number;
}

export class OverviewDto {
  @ApiProperty() generatedAt: string;
  @ApiPropertyOptional({ nullable: true }) kind: string | null;
  @ApiPropertyOptional({ nullable: true }) division: string | null;
  @ApiProperty({ type: OverviewTotalsDto }) totals: OverviewTotalsDto;
  @ApiProperty({ type: [StageCountDto], description: 'Open proposals by kind x stage, and closed ones by the stage they ended in' }) countsByKindStage: StageCountDto[];
  @ApiProperty({ type: [PersonLoadDto], description: 'The 20 people with most open tasks' }) openTasksByPerson: PersonLoadDto[];
  @ApiProperty({ type: OverdueTasksDto }) overdueTasks: OverdueTasksDto;
  @ApiProperty({ type: PastSlaListDto }) proposalsPastSla: PastSlaListDto;
  @ApiProperty({ type: TripsOverviewDto }) trips: TripsOverviewDto;
}

export class PipelineStageDto {
  @ApiProperty() stage: string;
  @ApiProperty({ type: BilingualDto }) name: BilingualDto;
  @ApiProperty({ description: 'Open proposals in the stage within the SLA' }) onTime: number;
  @ApiProperty({ description: 'Open proposals in the stage past the SLA' }) overdue: number;
}

export class PipelineKindDto {
  @ApiProperty() kind: string;
  @ApiProperty({ type: BilingualDto }) name: BilingualDto;
  @ApiProperty({ type: [PipelineStageDto] }) stages: PipelineStageDto[];
  @ApiProperty({ description: 'Closed proposals by outcome stage (COMPLETED, REJECTED, WITHDRAWN)', type: 'object', additionalProperties: { type: 'number' } })
  closed: Record<string, number>;
}

export class PipelineDto {
  @ApiProperty({ type: [PipelineKindDto] }) kinds: PipelineKindDto[];
}

export class StageCycleTimeDto {
  @ApiProperty({ example: 'accession' }) kind: string;
  @ApiProperty() stage: string;
  @ApiProperty({ type: BilingualDto }) name: BilingualDto;
  @ApiProperty({ description: 'Stays in the stage that ended in the period' }) samples: number;
  @ApiProperty({ example: 12.5 }) medianDays: number;
  @ApiProperty({ example: 41.2 }) p90Days: number;
}

export class CycleTimesDto {
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiPropertyOptional({ nullable: true }) kind: string | null;
  @ApiPropertyOptional({ nullable: true }) division: string | null;
  @ApiProperty({ type: [StageCycleTimeDto] }) stages: StageCycleTimeDto[];
}

export class DashboardProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: BilingualDto }) title: BilingualDto;
  @ApiProperty() stage: string;
  @ApiProperty({ type: BilingualDto }) stageName: BilingualDto;
  @ApiProperty({ enum: ['open', 'completed', 'rejected', 'withdrawn', 'cancelled', 'expired'] }) status: string;
  @ApiPropertyOptional({ nullable: true }) division: string | null;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) owner: PersonRefDto | null;
  @ApiProperty() stageEnteredAt: string;
  @ApiPropertyOptional({ nullable: true }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class DashboardProposalPageDto {
  @ApiProperty({ type: [DashboardProposalDto] }) items: DashboardProposalDto[];
  @ApiProperty({ description: 'Matching rows, counted exactly up to 2,000; past that totalExact is false and total is 2,000' }) total: number;
  @ApiProperty({ description: 'False when more rows match than were counted (show "2,000+")' }) totalExact: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class KindFilterDto {
  @ApiProperty() kind: string;
  @ApiProperty({ type: BilingualDto }) name: BilingualDto;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { $ref: '#/components/schemas/BilingualDto' } } } })
  stages: Array<{ code: string; name: BilingualDto }>;
}

export class DashboardFiltersDto {
  @ApiProperty({ type: [KindFilterDto] }) kinds: KindFilterDto[];
  @ApiProperty({ type: [String] }) divisions: string[];
  @ApiProperty({ type: [PersonRefDto] }) owners: PersonRefDto[];
}

export class MyTaskDto {
  @ApiProperty() taskId: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: BilingualDto }) title: BilingualDto;
  @ApiProperty() stage: string;
  @ApiProperty({ type: BilingualDto }) stageName: BilingualDto;
  @ApiProperty({ enum: ['work', 'approval'] }) taskKind: string;
  @ApiProperty() role: string;
  @ApiProperty({ type: [String] }) actions: string[];
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true, description: 'Set when you hold it as a delegate' }) onBehalfOf: PersonRefDto | null;
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional({ nullable: true }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
}

export class EmailMessageDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'task-assigned' }) template: string;
  @ApiProperty({ enum: ['mn', 'en'] }) language: string;
  @ApiProperty() recipient: string;
  @ApiPropertyOptional({ nullable: true }) subject: string | null;
  @ApiProperty({ enum: ['sending', 'retrying', 'sent', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) sentAt: string | null;
}

export class TimelineEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'STAGE_CHANGED' }) type: string;
  @ApiPropertyOptional({ nullable: true }) fromStage: string | null;
  @ApiPropertyOptional({ nullable: true }) toStage: string | null;
  @ApiPropertyOptional({ type: BilingualDto, nullable: true }) fromStageName: BilingualDto | null;
  @ApiPropertyOptional({ type: BilingualDto, nullable: true }) toStageName: BilingualDto | null;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) actor: PersonRefDto | null;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) onBehalfOf: PersonRefDto | null;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional({ nullable: true, description: 'For a stage move: days spent in the stage it left' }) daysInStage: number | null;
}

export class DetailTaskDto {
  @ApiProperty() id: string;
  @ApiProperty() stage: string;
  @ApiProperty({ type: BilingualDto }) stageName: BilingualDto;
  @ApiProperty() kind: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) assignee: PersonRefDto | null;
  @ApiProperty() status: string;
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional({ nullable: true }) dueAt: string | null;
  @ApiPropertyOptional({ nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) decision: string | null;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
}

export class DetailDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: BilingualDto }) kindName: BilingualDto;
  @ApiProperty() version: number;
  @ApiProperty() fileName: string;
  @ApiProperty() sizeBytes: number;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) uploadedBy: PersonRefDto | null;
  @ApiProperty() uploadedAt: string;
  @ApiProperty({ description: 'Download path (GET with your bearer token)' }) href: string;
}

export class ProposalStatusDto extends DashboardProposalDto {
  @ApiProperty() summary: string;
  @ApiProperty() workflowStatus: string;
  @ApiProperty({ description: 'Sequence number of the last timeline event the read model holds (actions return theirs)' }) eventSeq: number;
  @ApiProperty({ type: [PersonRefDto] }) currentAssignees: PersonRefDto[];
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
  @ApiProperty({ type: [DetailTaskDto] }) tasks: DetailTaskDto[];
  @ApiProperty({ type: [DetailDocumentDto] }) documents: DetailDocumentDto[];
  @ApiProperty({ type: [EmailMessageDto] }) emails: EmailMessageDto[];
  @ApiProperty({ type: [StageRefDto], description: 'Stages of the kind in order, then the terminal ones, for the stage bar' }) stagePath: StageRefDto[];
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { $ref: '#/components/schemas/BilingualDto' } } }, description: 'Document kinds of its definition' })
  documentKinds: Array<{ code: string; name: BilingualDto }>;
}

export class DigestScheduleDto {
  @ApiProperty({ example: 'weekly-digest-accord' }) scheduleId: string;
  @ApiProperty({ description: 'Whether the schedule exists in Temporal' }) exists: boolean;
  @ApiProperty() paused: boolean;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiProperty({ example: 'Every Monday 08:00 Asia/Ulaanbaatar' }) description: string;
  @ApiProperty({ type: [String], description: 'Next start times (ISO instants)' }) nextRuns: string[];
  @ApiProperty({ type: [String], description: 'Workflow ids of recent runs, newest first' }) recentRuns: string[];
}

export class DigestTriggerResultDto {
  @ApiProperty() scheduleId: string;
  @ApiProperty({ description: 'The digest run (a Temporal workflow id)' }) workflowId: string;
  @ApiProperty({ description: 'False when this request id had already started it' }) started: boolean;
}
