import type { AssigneeRequest, AssigneeResult } from '../../libs/contracts';

/** Who gets a role's task: an active holder of the role (in the division when it has one), or their delegate. */
export interface AssigneeDirectory {
  resolveForRole(request: AssigneeRequest): Promise<AssigneeResult | null>;
}

export interface AssignmentDeps {
  directory: AssigneeDirectory;
}

export function createAssignmentActivities(deps: AssignmentDeps) {
  return {
    /** Null when nobody holds the role: the workflow records that and waits for an admin to reassign. */
    async resolveTaskAssignee(request: AssigneeRequest): Promise<AssigneeResult | null> {
      return deps.directory.resolveForRole(request);
    },
  };
}
