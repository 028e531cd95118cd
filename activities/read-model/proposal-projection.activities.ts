import { ProposalEventRecord, ProposalProjectionRepository } from '../../libs/db';

export interface ProposalProjectionDeps {
  projections: ProposalProjectionRepository;
}

export function createProposalProjectionActivities(deps: ProposalProjectionDeps) {
  return {
    /** Appends one timeline event and moves the proposal row forward; safe to retry. */
    async recordProposalEvent(event: ProposalEventRecord): Promise<void> {
      await deps.projections.record(event);
    },
  };
}
