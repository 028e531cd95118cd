import { AssignmentDeps, createAssignmentActivities } from './assignment/resolve-task-assignee.activity';
import { createDigestActivities, DigestDeps } from './digest/weekly-digest.activities';
import { createProposalProjectionActivities, ProposalProjectionDeps } from './read-model/proposal-projection.activities';

export type ActivityDependencies = ProposalProjectionDeps & AssignmentDeps & DigestDeps;

/** Composes every activity from injected dependencies; the worker registers exactly this object. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createProposalProjectionActivities(deps),
    ...createAssignmentActivities(deps),
    ...createDigestActivities(deps),
  };
}

export type AccordActivities = ReturnType<typeof createActivities>;
