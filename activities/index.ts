import { createProposalProjectionActivities, ProposalProjectionDeps } from './read-model/proposal-projection.activities';

export type ActivityDependencies = ProposalProjectionDeps;

/** Composes every activity from injected dependencies; the worker registers exactly this object. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createProposalProjectionActivities(deps),
  };
}

export type AccordActivities = ReturnType<typeof createActivities>;
