import type { Localized } from '../../../../libs/mail';

/** Nest injection token for the TaskDecisionPort the workflow side provides. */
export const TASK_DECISION_PORT = Symbol('TASK_DECISION_PORT');

export type TaskDecisionOutcome =
  /** The workflow accepted the decision. */
  | { outcome: 'applied'; decidedAt?: string | null }
  /** The task had been decided already (by this or another route); nothing changed. */
  | { outcome: 'already_decided'; decidedBy?: string | null; decidedAt?: string | null; decision?: Localized | null }
  /** The workflow refused the decision for a reason a person can act on (e.g. a document is missing). */
  | { outcome: 'not_allowed'; reason: Localized }
  /** `sendWhen` resolved false: nothing was sent. */
  | { outcome: 'not_sent' };

/**
 * How an action link reaches the workflow: the lead's implementation sends the proposal workflow's update (with
 * requestId as the update id, so a retry never decides twice). Throwing means "could not deliver now": the link
 * is released and the person may try again.
 */
export interface TaskDecisionPort {
  decide(
    taskId: string,
    action: string,
    actorId: string,
    comment: string | null,
    requestId: string,
    context: {
      proposalId: string;
      /**
       * When given, the decision does its reads at once but is sent only if this resolves true (the link was used);
       * resolving false sends nothing and resolves `not_sent`.
       */
      sendWhen?: Promise<boolean>;
    },
  ): Promise<TaskDecisionOutcome>;
}
