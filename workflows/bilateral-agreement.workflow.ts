import { ApplicationFailure, condition, continueAsNew } from '@temporalio/workflow';
import type { BilateralAgreementInput } from '../libs/contracts';
import {
  AGREEMENT_DEFINITIONS,
  AGREEMENT_LIFE_V1,
  agreementData,
  agreementRules,
  calendarDate,
  dateMoment,
  EngineContext,
  importedAgreementState,
  initialState,
  nextInForcePoints,
  ProposalEngineState,
} from '../libs/domain';
import { ProposalShell } from './proposal-shell';
import { workflowNow } from './workflow-clock';

/**
 * A bilateral intergovernmental agreement or inter-agency MoU on the proposal engine (definition `agreement-v1`):
 * negotiation rounds, translation, coordination, approvals, Cabinet (agreements only), signature, ratification
 * (where required), entry into force from the instrument's clause, then its life in force: reminders to the owner
 * and leadership before each notice deadline and renewal, an annual review task on each anniversary, renewal,
 * expiry, or termination on its effective date. An imported instrument starts directly in its final stage.
 */
export async function bilateralAgreement(input: BilateralAgreementInput): Promise<ProposalEngineState> {
  const def = AGREEMENT_DEFINITIONS[input.definitionVersion];
  if (!def) throw ApplicationFailure.nonRetryable(`unknown definition version ${input.definitionVersion}`, 'UnknownDefinition');
  const life = AGREEMENT_LIFE_V1;
  const rules = agreementRules(input.clock, life);
  const ctx = (): EngineContext => ({ now: workflowNow(), dayMs: input.clock.dayMs, entryIntoForce: () => null, kindRules: rules });
  const today = () => calendarDate(workflowNow(), input.clock);

  const shell = new ProposalShell({
    def,
    ctx,
    dayMs: input.clock.dayMs,
    details: (s) => ({ fields: s.fields, documents: s.documents, remarks: s.remarks, cabinet: s.cabinet, agreement: s.data ?? null }),
    decisionEvents: DECISION_EVENTS,
    systemActions: ['task_assigned', 'check_completion', 'timer_elapsed', 'expire', 'agreement_timer'],
    resume: input.resume,
    historyLimits: input.historyLimits,
    init: () => {
      const p = { proposalId: input.proposalId, ownerId: input.ownerId, division: input.division, fields: input.fields, data: input.agreement };
      if (input.imported) return importedAgreementState(def, { ...p, stage: input.imported.stage }, workflowNow(), today());
      return initialState(def, { ...p, data: input.agreement as unknown as Record<string, unknown> }, ctx());
    },
  });

  /** Deadline reminders go to the owner and to leadership, once each (keys name the deadline and the lead time). */
  function remind(points: ReturnType<typeof nextInForcePoints>): void {
    for (const p of points?.points ?? []) {
      if (p.kind !== 'notice_reminder' && p.kind !== 'renewal_reminder' && p.kind !== 'expiry_reminder') continue;
      const agreement = { deadlineKind: p.kind, deadline: p.deadline!, daysBefore: p.daysBefore!, counterpartCountry: shell.state.fields.counterpartCountry ?? '' };
      const key = `${shell.workflowId}:${p.kind}:${p.deadline}:${p.daysBefore}`;
      shell.notify(shell.notification({ idempotencyKey: `${key}:owner`, recipient: { userId: shell.state.ownerId }, template: 'agreement-deadline', agreement }));
      shell.notify(shell.notification({ idempotencyKey: `${key}:leadership`, recipient: { role: 'leadership' }, template: 'agreement-deadline', agreement }));
    }
  }

  // Main loop: in force, wait for the next date of the agreement's life; re-armed after any event.
  for (;;) {
    const seqAtWait = shell.eventSeq;
    const state = shell.state;
    const next = state.stage === 'IN_FORCE' && state.status === 'open' ? nextInForcePoints(agreementData(state), life, agreementData(state).inForceCursor ?? today()) : null;
    const wake = () => shell.state.status !== 'open' || shell.eventSeq !== seqAtWait || shell.tooLong;
    const woke = next ? await condition(wake, Math.max(dateMoment(next.date, input.clock) - workflowNow().getTime(), 1)) : (await condition(wake), true);
    if (!woke && next && shell.state.status === 'open') {
      shell.system({ type: 'agreement_timer', points: next.points });
      remind(next);
    }
    if (shell.state.status !== 'open') break;
    await shell.continueAsNewIfLong((resume) => continueAsNew<typeof bilateralAgreement>({ ...input, resume }));
  }

  return shell.finish();
}

const DECISION_EVENTS: Record<string, string> = {
  APPROVED: 'approve',
  CHANGES_REQUESTED: 'request_changes',
  REJECTED: 'reject',
  CABINET_APPROVED: 'cabinet_approved',
  CABINET_RETURNED: 'cabinet_returned',
  CABINET_REJECTED: 'cabinet_rejected',
  WITHDRAWN: 'withdrawn',
};
