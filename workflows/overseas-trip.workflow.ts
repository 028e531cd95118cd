import { ApplicationFailure, condition, continueAsNew, patched } from '@temporalio/workflow';
import type { OverseasTripInput } from '../libs/contracts';
import { departureMoment, EngineContext, initialState, ProposalEngineState, stageDefinition, TaskState, TRIP_DEFINITIONS, tripData, tripEngineContext } from '../libs/domain';
import { ProposalShell } from './proposal-shell';
import { workflowNow } from './workflow-clock';

/**
 * An overseas trip request on the proposal engine (definition `trip-v1`): routed approvals, a wait for departure
 * and return, and the post-trip report. The common shell (read model, mail, task emails, assignment) plus the
 * trip's timers: expiry at departure while undecided, departure, return, and the report's own emails. Every length
 * comes from the input (`rules.timing`), so tests run in seconds.
 */
export async function overseasTrip(input: OverseasTripInput): Promise<ProposalEngineState> {
  const def = TRIP_DEFINITIONS[input.definitionVersion];
  if (!def) throw ApplicationFailure.nonRetryable(`unknown definition version ${input.definitionVersion}`, 'UnknownDefinition');
  const timing = input.rules.timing;
  const tripCtx = tripEngineContext(input.rules);
  const ctx = (): EngineContext => ({ now: workflowNow(), dayMs: timing.dayMs, entryIntoForce: () => null, ...tripCtx });

  const isReportTask = (t: TaskState) => t.kind === 'work' && t.stage === 'REPORT_DUE';
  const tripFacts = (extra: { reportDueAt?: string; overdue?: boolean } = {}) => {
    const d = tripData(shell.state);
    return { destination: `${d.destination.city}, ${d.destination.country}`, departureDate: d.departureDate, returnDate: d.returnDate, ...extra };
  };

  let travellerNotices: boolean | undefined;
  const shell: ProposalShell = new ProposalShell({
    def,
    ctx,
    dayMs: timing.dayMs,
    details: (s) => ({ fields: s.fields, documents: s.documents, trip: s.data ?? null, approvalChain: s.chain ?? null }),
    decisionEvents: DECISION_EVENTS,
    systemActions: ['task_assigned', 'check_completion', 'timer_elapsed', 'expire'],
    // No traveller approves their own trip.
    excludedAssignees: (s) => tripData(s).delegateIds,
    assignedNotice: (t) =>
      isReportTask(t)
        ? shell.notification({ idempotencyKey: `${t.id}:report-due`, recipient: { userId: t.assigneeId! }, template: 'report-due', task: shell.taskFacts(t), trip: tripFacts({ reportDueAt: t.dueAt ?? undefined }) })
        : null,
    reminderNotice: (t, p, key) => {
      const overdue = p.atMs > Date.parse(t.dueAt!);
      return {
        notification: isReportTask(t)
          ? shell.notification({ idempotencyKey: key, recipient: { userId: t.assigneeId! }, template: 'report-due', task: shell.taskFacts(t), reminderNumber: p.n, trip: tripFacts({ reportDueAt: t.dueAt!, overdue }), stage: t.stage })
          : null,
        eventData: { overdue },
      };
    },
    // Expiry has its own email to everyone concerned.
    ownerNoticeSkipped: (to) => to === 'EXPIRED',
    // The requester's own cancellation or change reaches the other travellers (histories before this told nobody).
    ownerActionsToldToTravellers: () => (travellerNotices ??= patched('trip-traveller-notices')),
    resume: input.resume,
    historyLimits: input.historyLimits,
    init: () =>
      initialState(def, { proposalId: input.proposalId, ownerId: input.ownerId, division: input.division, fields: {}, data: input.trip as unknown as Record<string, unknown> }, ctx()),
  });

  /** Expiry reaches the requester, the travellers and everyone who had an approval task on the trip. */
  function notifyExpired(): void {
    const people = new Set([shell.state.ownerId, ...tripData(shell.state).delegateIds]);
    for (const t of shell.state.tasks) if (t.kind === 'approval' && t.assigneeId) people.add(t.assigneeId);
    for (const userId of people) {
      shell.notify(shell.notification({ idempotencyKey: `${shell.workflowId}:expired:${userId}`, recipient: { userId }, template: 'trip-expired', trip: tripFacts() }));
    }
  }

  // Main loop: the next timer of the current stage (expiry at departure, departure, return), re-armed after any event.
  for (;;) {
    const seqAtWait = shell.eventSeq;
    const state = shell.state;
    const stage = stageDefinition(def, state.stage);
    let dueMs: number | undefined;
    if (def.expireIn?.includes(state.stage)) dueMs = departureMoment(tripData(state).departureDate, timing);
    else if (stage.timer && state.dueAt) dueMs = Date.parse(state.dueAt);
    const wake = () => shell.state.status !== 'open' || shell.eventSeq !== seqAtWait || shell.tooLong;
    const woke = dueMs === undefined ? (await condition(wake), true) : await condition(wake, Math.max(dueMs - workflowNow().getTime(), 1));
    if (!woke && shell.state.status === 'open') {
      if (def.expireIn?.includes(shell.state.stage)) {
        shell.system({ type: 'expire' });
        notifyExpired();
      } else if (stage.timer) {
        shell.system({ type: 'timer_elapsed', stage: shell.state.stage });
      }
    }
    if (shell.state.status !== 'open') break;
    await shell.continueAsNewIfLong((resume) => continueAsNew<typeof overseasTrip>({ ...input, resume }));
  }

  return shell.finish();
}

const DECISION_EVENTS: Record<string, string> = {
  APPROVED: 'approve',
  CHANGES_REQUESTED: 'request_changes',
  REJECTED: 'reject',
  CANCELLED: 'cancelled',
};
