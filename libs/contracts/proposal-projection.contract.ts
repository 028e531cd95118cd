/** What the workflow hands to the read-model activities (kept here so workflow and activities agree). */
export interface TaskRecord {
  id: string;
  proposalId: string;
  workflowId: string;
  stage: string;
  kind: 'work' | 'approval';
  role: string;
  assigneeId: string | null;
  onBehalfOfId: string | null;
  status: 'open' | 'done' | 'cancelled';
  actions: string[];
  openedAt: string;
  dueAt: string | null;
  closedAt: string | null;
  decision: string | null;
  decidedBy: string | null;
  comment: string | null;
  /** Monotonic per workflow (the event sequence when written): an older write never overwrites a newer one. */
  version: number;
}

export interface AssigneeRequest {
  role: string;
  division: string | null;
  /** People who must not get the task (segregation of duties: the owner). */
  excludeUserIds: string[];
  at: string;
}

export interface AssigneeResult {
  assigneeId: string;
  onBehalfOfId: string | null;
}
