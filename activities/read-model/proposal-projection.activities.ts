import type { TaskRecord } from '../../libs/contracts';
import { ProposalEventRecord, ProposalProjectionRepository, TaskProjectionRepository } from '../../libs/db';

export interface ProposalProjectionDeps {
  projections: ProposalProjectionRepository;
  tasks: TaskProjectionRepository;
}

export function createProposalProjectionActivities(deps: ProposalProjectionDeps) {
  return {
    /** Appends one timeline event and moves the proposal row forward; safe to retry. */
    async recordProposalEvent(event: ProposalEventRecord): Promise<void> {
      await deps.projections.record(event);
    },
    /** Upserts one task row by its id; safe to retry and to reorder. */
    async recordTask(task: TaskRecord): Promise<void> {
      await deps.tasks.upsert(task);
    },
  };
}
