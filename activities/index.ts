import { AssignmentDeps, createAssignmentActivities } from './assignment/resolve-task-assignee.activity';
import { createProposalProjectionActivities, ProposalProjectionDeps } from './read-model/proposal-projection.activities';

export type ActivityDependencies = ProposalProjectionDeps & AssignmentDeps;

/** Composes every activity from injected dependencies; the worker registers exactly this object. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createProposalProjectionActivities(deps),
    ...createAssignmentActivities(deps),
  };
}

export type AccordActivities = ReturnType<typeof createActivities>;
