import type { TaskRecord } from '../../libs/contracts';
import { ProposalEventRecord, ProposalProjectionRepository, TaskProjectionRepository } from '../../libs/db';

export interface ProposalProjectionDeps {
  projections: ProposalProjectionRepository;
  tasks: TaskProjectionRepository;
}

/** One read-model write as the workflow's outbox queues it. */
export type ReadModelWrite = { kind: 'event'; record: ProposalEventRecord } | { kind: 'task'; record: TaskRecord };

export function createProposalProjectionActivities(deps: ProposalProjectionDeps) {
  return {
    /**
     * Applies queued writes in their order, in one activity: a workflow's action usually yields several events and
     * task rows, and one activity for all of them keeps its history small. Each write is keyed, so a retry after a
     * partial batch repeats the done ones harmlessly.
     */
    async recordReadModel(writes: ReadModelWrite[]): Promise<void> {
      for (const w of writes) {
        if (w.kind === 'event') await deps.projections.record(w.record);
        else await deps.tasks.upsert(w.record);
      }
    },
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
