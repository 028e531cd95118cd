import type { AgreementAction } from '../agreements/agreement-actions';
import type { ProcessDefinition, RoleName, StageDefinition } from './process-definition';

export type ProposalStatus = 'open' | 'completed' | 'rejected' | 'withdrawn' | 'cancelled' | 'expired' | 'terminated';
export type ApprovalDecision = 'approve' | 'request_changes' | 'reject';

export interface Actor {
  id: string;
  roles: RoleName[];
}

export interface TaskState {
  id: string;
  stage: string;
  kind: 'work' | 'approval';
  role: RoleName | 'owner';
  assigneeId: string | null;
  onBehalfOfId: string | null;
  status: 'open' | 'done' | 'cancelled';
  actions: string[];
  openedAt: string;
  dueAt: string | null;
  closedAt?: string;
  decision?: string;
  decidedBy?: string;
  comment?: string;
}

export interface DocumentRef {
  kind: string;
  documentId: string;
  version: number;
  fileName: string;
}

export interface CoordinationRemark {
  id: string;
  body: string;
  remarks: string;
  replyDeadline: string | null;
  recordedAt: string;
  response: string | null;
  respondedAt: string | null;
  respondedBy: string | null;
}

export interface ActionItem {
  id: string;
  title: string;
  ownerId: string;
  dueDate: string;
  status: 'open' | 'done';
  completedAt: string | null;
  completedBy: string | null;
  /** When the item was added (items added before this field existed have none). */
  addedAt?: string;
}

export interface ProposalEngineState {
  proposalId: string;
  ownerId: string;
  division: string | null;
  definitionVersion: string;
  stage: string;
  status: ProposalStatus;
  /** `waiting`: a stage with neither work nor approval, left when its timer elapses (trips). */
  phase: 'work' | 'approval' | 'waiting' | 'closed';
  chainIndex: number;
  stageEnteredAt: string;
  dueAt: string | null;
  tasks: TaskState[];
  documents: DocumentRef[];
  fields: Record<string, string>;
  remarks: CoordinationRemark[];
  actionItems: ActionItem[];
  annexesAccepted: string[];
  reservations: string[];
  cabinet: { outcome: string; resolutionNumber?: string; resolutionDate?: string; remarks?: string } | null;
  parliament: { outcome: string; lawNumber?: string; lawDate?: string; remarks?: string } | null;
  /** recordedAt: when the deposit was recorded (absent on proposals deposited before it was kept). */
  deposit: { depositDate: string; entryIntoForce: string | null; recordedAt?: string } | null;
  counters: { task: number; remark: number; item: number };
  /** The approval chain of the current stage when the context chose it (trips route per request); absent otherwise. */
  chain?: RoleName[];
  /** Kind-specific structured data (a trip's request); absent for accession. */
  data?: Record<string, unknown>;
}

/** Everything a person (or the system) can do to a proposal; the API maps each endpoint to one of these. */
export type ProposalAction =
  | { type: 'submit'; actor: Actor }
  | { type: 'edit_draft'; actor: Actor; fields: Record<string, string> }
  | { type: 'attach_document'; actor: Actor; document: DocumentRef }
  | { type: 'complete_work'; actor: Actor; comment?: string }
  | { type: 'decide'; actor: Actor; taskId: string; decision: ApprovalDecision; comment?: string; returnToStage?: string }
  | {
      type: 'cabinet_outcome';
      actor: Actor;
      outcome: 'approved' | 'returned' | 'rejected';
      resolutionNumber?: string;
      resolutionDate?: string;
      remarks?: string;
    }
  | {
      type: 'parliament_outcome';
      actor: Actor;
      outcome: 'ratified' | 'returned' | 'rejected';
      lawNumber?: string;
      lawDate?: string;
      annexesAccepted?: string[];
      reservations?: string[];
      remarks?: string;
    }
  | { type: 'record_remark'; actor: Actor; body: string; remarks: string; replyDeadline?: string }
  | { type: 'respond_remark'; actor: Actor; remarkId: string; response: string }
  | { type: 'record_deposit'; actor: Actor; depositDate: string }
  | { type: 'add_action_item'; actor: Actor; title: string; ownerId: string; dueDate: string }
  | { type: 'reassign_action_item'; actor: Actor; itemId: string; ownerId: string }
  | { type: 'complete_action_item'; actor: Actor; itemId: string }
  /** An admin or division head reassigns; or the assignee hands their own task to a delegate (onBehalfOfId = themself). */
  | { type: 'reassign_task'; actor: Actor; taskId: string; assigneeId: string; onBehalfOfId?: string }
  | { type: 'withdraw'; actor: Actor; reason: string }
  /** A requester's cancellation, allowed only in the stages the definition names (a trip before departure). */
  | { type: 'cancel'; actor: Actor; reason: string }
  /** New kind-specific data (a trip's dates or delegates); after approval it goes back through the affected approvals. */
  | { type: 'change_request'; actor: Actor; data: Record<string, unknown>; reason?: string }
  // System actions, sent by the workflow itself:
  | { type: 'task_assigned'; taskId: string; assigneeId: string; onBehalfOfId: string | null }
  | { type: 'check_completion' }
  /** The timer of a waiting stage has elapsed (departure, return). */
  | { type: 'timer_elapsed'; stage: string }
  /** Still undecided when it no longer can be (a trip at departure). */
  | { type: 'expire' }
  /** A bilateral agreement's own actions (negotiation rounds, signature, life in force). */
  | AgreementAction;

export type RefusalCode = 'not_allowed_now' | 'not_your_task' | 'missing_requirement' | 'invalid_input' | 'self_approval';

export interface EngineRefusal {
  code: RefusalCode;
  message: string;
  stage: string;
  missing?: string[];
}

export type EngineEffect =
  | {
      type: 'event';
      eventType: string;
      fromStage: string | null;
      toStage: string | null;
      actorId: string | null;
      onBehalfOfId?: string | null;
      comment?: string | null;
      data?: Record<string, unknown>;
    }
  | { type: 'task_opened'; taskId: string }
  | { type: 'task_closed'; taskId: string }
  | { type: 'task_assigned'; taskId: string }
  | { type: 'task_reassigned'; taskId: string; previousAssigneeId: string | null }
  | { type: 'stage_changed'; from: string; to: string };

export interface EngineContext {
  now: Date;
  /** Milliseconds in one definition day: 86,400,000 in production, far less in tests. */
  dayMs: number;
  /** Entry into force for a deposit on the given date, from the convention's own rule; null when unknown. */
  entryIntoForce(fields: Record<string, string>, depositDate: string): string | null;
  /**
   * Today's calendar date for date rules such as "entry into force has passed" (Ulaanbaatar; a scaled calendar in
   * tests). Absent: the UTC date of \`now\`, as workflows started before this was added decided.
   */
  today?(state: ProposalEngineState): string;
  /** The approval chain of a stage for this proposal, when it depends on the request (trip routing); null: the definition's. */
  approvalChain?(stage: StageDefinition, state: ProposalEngineState): RoleName[] | null;
  /** When a stage is due, when it is not simply `slaDays` from now (a timer to departure, a report due date); null: the SLA. */
  stageDueAt?(stage: StageDefinition, state: ProposalEngineState): string | null;
  /** People besides the owner who must not approve (a trip's travellers). */
  conflictedUserIds?(state: ProposalEngineState): string[];
  /** Which approvals a change of data affects (and which fields changed); required for `change_request`. */
  reapproval?(state: ProposalEngineState, data: Record<string, unknown>): { roles: RoleName[]; changedFields: string[] };
  /** A kind's own actions and extra conditions (bilateral agreements). */
  kindRules?: KindRules;
}

/** The common steps a kind's own rules build their actions from (so every kind's tasks and moves look alike). */
export interface EngineOps {
  advance(to: string, actorId: string | null): void;
  /** The stage after the current one for this proposal (stages that do not apply skipped). */
  next(): string;
  finish(stage: string, status: ProposalStatus, actorId: string | null): void;
  openOwnerTask(action: string, dueAt: string | null): void;
  closeTasks(match: (t: TaskState) => boolean, decision: string, by: string | null, comment?: string): void;
  event(eventType: string, actorId: string | null, extra?: { comment?: string | null; data?: Record<string, unknown>; toStage?: string }): void;
}

/** Rules a kind adds to the common ones; the engine asks them first. */
export interface KindRules {
  /** undefined: not this kind's concern (the common rules decide); null: allowed; otherwise the refusal. */
  check(def: ProcessDefinition, state: ProposalEngineState, action: ProposalAction, ctx: EngineContext): EngineRefusal | null | undefined;
  /** Performs an action its `check` allowed and returns true; false leaves the action to the common rules. */
  apply(def: ProcessDefinition, state: ProposalEngineState, action: ProposalAction, ctx: EngineContext, effects: EngineEffect[], ops: EngineOps): boolean;
}
