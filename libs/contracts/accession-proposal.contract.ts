import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ProposalAction, ProposalEngineState } from '../domain/process/proposal-engine.types';

export const ACCESSION_PROPOSAL_WORKFLOW = 'accessionProposal';

/** Actions people send; the workflow's own system actions are not accepted from outside. */
export type PersonAction = Exclude<ProposalAction, { type: 'task_assigned' } | { type: 'check_completion' } | { type: 'timer_elapsed' } | { type: 'expire' } | { type: 'agreement_timer' }>;

export interface AccessionProposalInput {
  proposalId: string;
  kind: 'accession';
  ownerId: string;
  division: string | null;
  definitionVersion: string;
  /** Kind-specific fields known at creation (convention code, ...). */
  fields: Record<string, string>;
  /** Milliseconds in one definition day; tests shrink it so SLAs and reminders fire in seconds. */
  dayMs?: number;
  /** Defaults in workflows/proposal-shell.ts; only tests set them. */
  historyLimits?: HistoryLimits;
  /** Set by continue-as-new: the state to carry on from. */
  resume?: ProposalResume;
}

export interface ProposalResume {
  state: ProposalEngineState;
  eventSeq: number;
  handledRequests: Record<string, ProposalActionResult>;
  /**
   * Reminder and escalation points already fired for the tasks and action items still open, so the next run
   * neither repeats them nor re-sends assignment emails. Absent when continued by an older version.
   */
  firedReminders?: string[];
}

export type ProposalStatus = ProposalEngineState['status'];

/** Live state returned by the state query. */
export type ProposalState = ProposalEngineState & { eventSeq: number };

export interface ProposalActionRequest {
  /** Client request id: the same id twice performs the action once and returns the first result. */
  requestId: string;
  action: PersonAction;
}

export interface ProposalActionResult {
  stage: string;
  status: ProposalStatus;
  eventSeq: number;
}

/** Failure type of a refused action; `details[0]` is the EngineRefusal (code, message, stage, missing). */
export const ACTION_REFUSED = 'ProposalActionRefused';
/**
 * The workflow is about to continue as new and takes no new action until it has (a burst of actions would otherwise
 * keep it from ever getting there). Sent back at once; the gateway retries after a moment.
 */
export const ACTION_DEFERRED = 'ProposalActionDeferred';

/** When a proposal workflow continues as new, and when it stops taking actions until it has. Tests lower them. */
export interface HistoryLimits {
  continueAsNewAfterEvents: number;
  deferActionsAfterEvents: number;
}

export const proposalStateQuery = defineQuery<ProposalState>('proposalState');
export const proposalActionUpdate = defineUpdate<ProposalActionResult, [ProposalActionRequest]>('proposalAction');
