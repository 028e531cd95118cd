import { ApplicationFailure, condition, continueAsNew, patched } from '@temporalio/workflow';
import type { AccessionProposalInput } from '../libs/contracts';
import { ACCESSION_DEFINITIONS } from '../libs/domain/accession';
import { entryIntoForceFromFields } from '../libs/domain/accession/entry-into-force';
import { entryIntoForceMoment, implementationToday } from '../libs/domain/accession/entry-into-force-clock';
import { EngineContext, initialState, ProposalEngineState } from '../libs/domain';
import { ProposalShell } from './proposal-shell';
import { workflowNow } from './workflow-clock';

const DAY_MS = 86_400_000;

/**
 * Accession to a convention on the proposal engine (definition `accession-v1`): the common shell (read model,
 * mail, task emails, assignment) plus the wait for the entry-into-force date during implementation.
 */
export async function accessionProposal(input: AccessionProposalInput): Promise<ProposalEngineState> {
  const def = ACCESSION_DEFINITIONS[input.definitionVersion];
  if (!def) throw ApplicationFailure.nonRetryable(`unknown definition version ${input.definitionVersion}`, 'UnknownDefinition');
  const dayMs = input.dayMs ?? DAY_MS;
  // Entry into force at 00:00 Ulaanbaatar (on a scaled calendar in tests); runs started before this used UTC dates.
  const eifClock = patched('entry-into-force-ulaanbaatar-clock');
  const ctx = (): EngineContext => ({
    now: workflowNow(),
    dayMs,
    entryIntoForce: entryIntoForceFromFields,
    ...(eifClock ? { today: (s: ProposalEngineState) => implementationToday(s.deposit, workflowNow(), dayMs) } : {}),
  });

  // Email (task emails, reminders, escalations, owner notices) arrived after the first recorded histories.
  let mailOn: boolean | undefined;
  const shell = new ProposalShell({
    def,
    ctx,
    dayMs,
    details: accessionDetails,
    decisionEvents: DECISION_EVENTS,
    systemActions: ['task_assigned', 'check_completion'],
    mailEnabled: () => (mailOn ??= patched('email-notifications')),
    // Histories recorded before this change did not write the task row on assignment.
    taskRowOnAssignment: () => patched('task-row-on-assignment'),
    resume: input.resume,
    historyLimits: input.historyLimits,
    init: () => initialState(def, { proposalId: input.proposalId, ownerId: input.ownerId, division: input.division, fields: input.fields }, ctx()),
  });

  // Main loop: wait for the end, for the entry-into-force date during implementation, or for a history too long.
  for (;;) {
    const state = shell.state;
    const eif = state.stage === 'IMPLEMENTATION' ? state.deposit?.entryIntoForce : undefined;
    const eifAt = eif ? (eifClock ? entryIntoForceMoment(state.deposit!, dayMs, workflowNow())! : Date.parse(`${eif}T00:00:00Z`)) : undefined;
    const waitMs = eifAt !== undefined ? Math.max(0, eifAt - workflowNow().getTime()) : undefined;
    const stageAtWait = state.stage;
    const wake = () => shell.state.status !== 'open' || shell.state.stage !== stageAtWait || shell.tooLong;
    const woke = waitMs === undefined ? (await condition(wake), true) : await condition(wake, Math.max(waitMs, 1));
    if (!woke) shell.system({ type: 'check_completion' });
    if (shell.state.status !== 'open') break;
    await shell.continueAsNewIfLong((resume) => continueAsNew<typeof accessionProposal>({ ...input, resume }));
  }

  return shell.finish();
}

/** Timeline events that are someone's decision on the proposal, with the label the owner's email shows. */
const DECISION_EVENTS: Record<string, string> = {
  APPROVED: 'approve',
  CHANGES_REQUESTED: 'request_changes',
  REJECTED: 'reject',
  CABINET_APPROVED: 'cabinet_approved',
  CABINET_RETURNED: 'cabinet_returned',
  CABINET_REJECTED: 'cabinet_rejected',
  PARLIAMENT_RATIFIED: 'parliament_ratified',
  PARLIAMENT_RETURNED: 'parliament_returned',
  PARLIAMENT_REJECTED: 'parliament_rejected',
  WITHDRAWN: 'withdrawn',
};

/** Kind-specific part of the read-model row after an event. */
function accessionDetails(state: ProposalEngineState) {
  return {
    fields: state.fields,
    documents: state.documents,
    remarks: state.remarks,
    actionItems: state.actionItems,
    cabinet: state.cabinet,
    parliament: state.parliament,
    deposit: state.deposit,
    annexesAccepted: state.annexesAccepted,
    reservations: state.reservations,
  };
}
