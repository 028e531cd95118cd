import type { TaskRecord } from '../libs/contracts';
import type { ProposalEventRecord } from '../libs/db/repositories/proposal-projection.repository';
import type { EngineEffect, ProposalEngineState, TaskState } from '../libs/domain';
import { workflowNow } from './workflow-clock';

/**
 * What every proposal-like workflow (accession, trip) writes to the read model: pure builders, so both workflows
 * hand the projection activities exactly the same shapes. Each kind adds only its own `details`.
 */
export function taskRecord(state: ProposalEngineState, workflowId: string, version: number, t: TaskState): TaskRecord {
  return {
    ...t,
    proposalId: state.proposalId,
    workflowId,
    closedAt: t.closedAt ?? null,
    decision: t.decision ?? null,
    decidedBy: t.decidedBy ?? null,
    comment: t.comment ?? null,
    version,
  };
}

/** The row as the read model should show it after an event. */
export function rowSnapshot(state: ProposalEngineState, details: Record<string, unknown>): ProposalEventRecord['snapshot'] {
  return {
    stage: state.stage,
    status: state.status,
    workflowStatus: state.status === 'open' ? 'RUNNING' : 'COMPLETED',
    stageEnteredAt: state.stageEnteredAt,
    dueAt: state.dueAt,
    currentAssignees: [...new Set(state.tasks.filter((t) => t.status === 'open' && t.assigneeId).map((t) => t.assigneeId!))],
    details,
  };
}

/** One timeline event, numbered by the workflow (the natural key that makes a retried write harmless). */
export function eventRecord(
  state: ProposalEngineState,
  workflowId: string,
  seq: number,
  e: Extract<EngineEffect, { type: 'event' }>,
  details: Record<string, unknown>,
): ProposalEventRecord {
  return {
    proposalId: state.proposalId,
    workflowId,
    seq,
    type: e.eventType,
    actorId: e.actorId,
    onBehalfOfId: e.onBehalfOfId ?? null,
    fromStage: e.fromStage,
    toStage: e.toStage,
    comment: e.comment ?? null,
    data: e.data ?? {},
    occurredAt: workflowNow().toISOString(),
    snapshot: rowSnapshot(state, details),
  };
}
