import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * One workflow per out-of-office delegation (`delegation-<id>`): at its start it hands the delegator's open tasks to
 * the delegate, at its end (its end date, or revocation) it hands the ones still open and undecided back.
 */
export const DELEGATION_WORKFLOW = 'delegationHandOver';

export const delegationWorkflowId = (delegationId: string): string => `delegation-${delegationId}`;

export interface DelegationInput {
  delegationId: string;
  delegatorId: string;
  delegateId: string;
  /** ISO instants: real moments (a delegation is not measured in the test configuration's shortened days). */
  startsAt: string;
  endsAt: string;
}

/** A task the workflow moved to the delegate (to be handed back at the end if still open and undecided). */
export interface DelegatedTask {
  taskId: string;
  proposalId: string;
  workflowId: string;
}

export type DelegationPhase = 'waiting' | 'handing_over' | 'in_force' | 'handing_back' | 'ended';

export interface DelegationWorkflowState {
  phase: DelegationPhase;
  revoked: boolean;
  moved: DelegatedTask[];
  /** Where each moved task went at the end: the person it returned to, or why it stayed. */
  returned: Array<DelegatedTask & { outcome: DelegationHandBackOutcome }>;
}

export type DelegationResult = DelegationWorkflowState & { endedBy: 'revoked_before_start' | 'revoked' | 'expired' };

export type DelegationHandOverOutcome = { moved: true } | { moved: false; reason: string };
export type DelegationHandBackOutcome = { returnedTo: string; onBehalfOfId: string | null } | { returnedTo: null; reason: string };

/** What the delegation's row says now (the workflow trusts the row over a signal that may never have arrived). */
export interface DelegationStatus {
  exists: boolean;
  revoked: boolean;
}

export interface DelegationRevokedSignal {
  revokedBy: string;
}

export const delegationRevokedSignal = defineSignal<[DelegationRevokedSignal]>('delegationRevoked');
export const delegationStateQuery = defineQuery<DelegationWorkflowState>('delegationState');
