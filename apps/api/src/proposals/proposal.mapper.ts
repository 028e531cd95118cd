import { DocumentEntity, ProposalEntity, ProposalEventEntity, TaskEntity } from '../../../../libs/db';
import { DocumentDto, ProposalDto, ProposalEventDto, TaskDto } from './dto/proposal.dto';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toProposalDto(p: ProposalEntity): ProposalDto {
  return {
    id: p.id,
    kind: p.kind,
    titleEn: p.titleEn,
    titleMn: p.titleMn,
    summary: p.summary,
    ownerId: p.ownerId,
    division: p.division,
    stage: p.stage,
    status: p.status,
    workflowStatus: p.workflowStatus,
    workflowId: p.workflowId,
    definitionVersion: p.definitionVersion,
    stageEnteredAt: p.stageEnteredAt.toISOString(),
    dueAt: iso(p.dueAt),
    currentAssignees: p.currentAssignees,
    details: p.details,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toEventDto(e: ProposalEventEntity): ProposalEventDto {
  return {
    seq: e.seq,
    type: e.type,
    fromStage: e.fromStage,
    toStage: e.toStage,
    actorId: e.actorId,
    onBehalfOfId: e.onBehalfOfId,
    comment: e.comment,
    data: e.data,
    occurredAt: e.occurredAt.toISOString(),
  };
}

export function toTaskDto(t: TaskEntity): TaskDto {
  return {
    id: t.id,
    stage: t.stage,
    kind: t.kind,
    role: t.role,
    assigneeId: t.assigneeId,
    onBehalfOfId: t.onBehalfOfId,
    status: t.status,
    actions: t.actions,
    openedAt: t.openedAt.toISOString(),
    dueAt: iso(t.dueAt),
    closedAt: iso(t.closedAt),
    decision: t.decision,
    decidedBy: t.decidedBy,
    comment: t.comment,
  };
}

export function toDocumentDto(d: DocumentEntity): DocumentDto {
  return {
    id: d.id,
    kind: d.kind,
    version: d.version,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBy: d.uploadedBy,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}
