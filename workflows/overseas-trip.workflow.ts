import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { AccordActivities } from '../activities';
import { ACCORD_STAGE, ACTION_REFUSED, OverseasTripInput, ProposalActionResult, proposalActionUpdate, ProposalNotification, proposalStateQuery } from '../libs/contracts';
import {
  applyAction,
  checkAction,
  departureMoment,
  EngineContext,
  EngineEffect,
  initialState,
  ladderPoints,
  ProposalEngineState,
  stageDefinition,
  TaskState,
  TRIP_DEFINITIONS,
  tripData,
  tripEngineContext,
} from '../libs/domain';
import { ProposalMailer } from './proposal-mailer';
import { ProposalOutbox } from './proposal-outbox';
import { eventRecord, taskRecord as buildTaskRecord } from './read-model-records';
import { workflowNow } from './workflow-clock';

const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;
const HANDLED_REQUESTS_KEPT = 200;
/** Actions only the workflow itself takes. */
const SYSTEM_ACTIONS = ['task_assigned', 'check_completion', 'timer_elapsed', 'expire'];

const { resolveTaskAssignee } = proxyActivities<AccordActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * An overseas trip request on the proposal engine (definition `trip-v1`): routed approvals, a wait for departure
 * and return, and the post-trip report. The same shell as the accession workflow (read-model outbox, mail queue,
 * assignment coroutine), plus the trip's timers: expiry at departure while undecided, departure, return, and the
 * report's reminders and escalation. Every length comes from the input (`rules.timing`), so tests run in seconds.
 */
export async function overseasTrip(input: OverseasTripInput): Promise<ProposalEngineState> {
  const def = TRIP_DEFINITIONS[input.definitionVersion];
  if (!def) throw ApplicationFailure.nonRetryable(`unknown definition version ${input.definitionVersion}`, 'UnknownDefinition');
  const timing = input.rules.timing;
  const tripCtx = tripEngineContext(input.rules);
  const ctx = (): EngineContext => ({ now: workflowNow(), dayMs: timing.dayMs, entryIntoForce: () => null, ...tripCtx });
  const workflowId = workflowInfo().workflowId;
  const outbox = new ProposalOutbox();
  const pendingAssignments: string[] = [];

  let state: ProposalEngineState;
  let eventSeq = input.resume?.eventSeq ?? 0;
  const handled: Record<string, ProposalActionResult> = { ...(input.resume?.handledRequests ?? {}) };

  const taskRecord = (t: TaskState) => buildTaskRecord(state, workflowId, eventSeq, t);

  const mailer = new ProposalMailer(
    (n, outcome) => {
      const sent = outcome.sent.map((m) => ({ type: 'event' as const, eventType: 'EMAIL_SENT', fromStage: state.stage, toStage: state.stage, actorId: null, data: { ...m, purpose: n.template } }));
      if (sent.length) carryOut(sent);
    },
    (n, reason) => carryOut([{ type: 'event', eventType: 'EMAIL_FAILED', fromStage: state.stage, toStage: state.stage, actorId: null, data: { template: n.template, reason } }]),
  );
  const notification = (n: Omit<ProposalNotification, 'proposalId' | 'workflowId' | 'stage' | 'definitionVersion'> & { stage?: string }): ProposalNotification => ({
    proposalId: state.proposalId,
    workflowId,
    stage: state.stage,
    definitionVersion: state.definitionVersion,
    ...n,
  });
  const taskFacts = (t: TaskState) => ({ id: t.id, assigneeId: t.assigneeId!, onBehalfOfId: t.onBehalfOfId, dueAt: t.dueAt, actions: t.kind === 'approval' ? t.actions : [] });
  const tripFacts = (extra: { reportDueAt?: string; overdue?: boolean } = {}) => {
    const d = tripData(state);
    return { destination: `${d.destination.city}, ${d.destination.country}`, departureDate: d.departureDate, returnDate: d.returnDate, ...extra };
  };
  const isReportTask = (t: TaskState) => t.kind === 'work' && t.stage === 'REPORT_DUE';

  /** Emails the assignee and watches the task: reminders before its due date (and after, for the report), escalations after. */
  function taskAssigned(t: TaskState): void {
    if (!t.assigneeId) return;
    if (t.kind === 'approval') {
      mailer.push({ kind: 'notify', notification: notification({ idempotencyKey: `${t.id}:assigned:${t.assigneeId}:e${eventSeq}`, recipient: { userId: t.assigneeId }, template: 'task-assigned', task: taskFacts(t) }) });
    }
    if (isReportTask(t)) {
      mailer.push({ kind: 'notify', notification: notification({ idempotencyKey: `${t.id}:report-due`, recipient: { userId: t.assigneeId }, template: 'report-due', task: taskFacts(t), trip: tripFacts({ reportDueAt: t.dueAt ?? undefined }) }) });
    }
    if (!t.dueAt) return;
    const assignee = t.assigneeId;
    const stillTheirs = () => t.status === 'open' && t.assigneeId === assignee;
    const points = ladderPoints(Date.parse(t.dueAt), stageDefinition(def, t.stage).reminders, timing.dayMs);
    void (async () => {
      for (const p of points) {
        const wait = p.atMs - workflowNow().getTime();
        if (wait > 0) {
          if (await condition(() => !stillTheirs(), wait)) return;
        } else if (p.kind === 'reminder') continue;
        if (!stillTheirs()) return;
        const key = `${t.id}:${p.kind}${p.n}:${assignee}`;
        const overdue = p.atMs > Date.parse(t.dueAt!);
        mailer.push({
          kind: 'notify',
          notification:
            p.kind === 'reminder'
              ? isReportTask(t)
                ? notification({ idempotencyKey: key, recipient: { userId: assignee }, template: 'report-due', task: taskFacts(t), reminderNumber: p.n, trip: tripFacts({ reportDueAt: t.dueAt!, overdue }), stage: t.stage })
                : notification({ idempotencyKey: key, recipient: { userId: assignee }, template: 'task-reminder', task: taskFacts(t), reminderNumber: p.n, stage: t.stage })
              : notification({
                  idempotencyKey: key,
                  recipient: p.to === 'supervisor' ? { supervisorOf: assignee } : { role: 'leadership' },
                  template: 'task-escalated',
                  task: taskFacts(t),
                  escalation: { level: p.to!, overdueMs: p.overdueMs! },
                  stage: t.stage,
                }),
        });
        carryOut([
          {
            type: 'event',
            eventType: p.kind === 'reminder' ? 'TASK_REMINDED' : 'TASK_ESCALATED',
            fromStage: t.stage,
            toStage: t.stage,
            actorId: null,
            data: { taskId: t.id, n: p.n, ...(p.to ? { to: p.to } : {}), ...(p.kind === 'reminder' ? { overdue } : {}) },
          },
        ]);
      }
    })();
  }

  /** One notice to the requester per action taken by someone else: the decision and/or where the trip went. */
  function notifyOwner(effects: EngineEffect[], actorId: string | null): void {
    if (actorId === state.ownerId) return;
    const decisionEvent = effects.find((e) => e.type === 'event' && DECISION_EVENTS[e.eventType]) as Extract<EngineEffect, { type: 'event' }> | undefined;
    const move = [...effects].reverse().find((e) => e.type === 'stage_changed') as Extract<EngineEffect, { type: 'stage_changed' }> | undefined;
    if (!decisionEvent && !move) return;
    // Expiry has its own email to everyone concerned.
    if (move?.to === 'EXPIRED') return;
    const at = workflowNow().toISOString();
    mailer.push({
      kind: 'notify',
      notification: notification({
        idempotencyKey: `${workflowId}:owner:e${eventSeq}`,
        recipient: { userId: state.ownerId },
        template: 'owner-notification',
        ...(decisionEvent ? { decision: { action: DECISION_EVENTS[decisionEvent.eventType], byId: decisionEvent.actorId, at, comment: decisionEvent.comment ?? null } } : {}),
        ...(move ? { stageChange: { from: move.from, to: move.to, at } } : {}),
      }),
    });
  }

  /** Expiry reaches the requester, the travellers and everyone who had an approval task on the trip. */
  function notifyExpired(): void {
    const people = new Set([state.ownerId, ...tripData(state).delegateIds]);
    for (const t of state.tasks) if (t.kind === 'approval' && t.assigneeId) people.add(t.assigneeId);
    for (const userId of people) {
      mailer.push({ kind: 'notify', notification: notification({ idempotencyKey: `${workflowId}:expired:${userId}`, recipient: { userId }, template: 'trip-expired', trip: tripFacts() }) });
    }
  }

  function carryOut(effects: EngineEffect[]): void {
    for (const e of effects) {
      switch (e.type) {
        case 'event':
          eventSeq += 1;
          outbox.push({ kind: 'event', record: eventRecord(state, workflowId, eventSeq, e, tripDetails(state)) });
          break;
        case 'task_opened': {
          const task = state.tasks.find((t) => t.id === e.taskId)!;
          if (task.assigneeId === null) pendingAssignments.push(task.id);
          outbox.push({ kind: 'task', record: taskRecord(task) });
          if (task.assigneeId) taskAssigned(task);
          break;
        }
        case 'task_assigned':
        case 'task_reassigned': {
          const task = state.tasks.find((t) => t.id === e.taskId)!;
          outbox.push({ kind: 'task', record: taskRecord(task) });
          if (e.type === 'task_reassigned') mailer.push({ kind: 'revoke', taskId: task.id, reason: 'reassigned' });
          taskAssigned(task);
          break;
        }
        case 'task_closed': {
          const task = state.tasks.find((t) => t.id === e.taskId)!;
          outbox.push({ kind: 'task', record: taskRecord(task) });
          if (task.kind === 'approval') mailer.push({ kind: 'revoke', taskId: task.id, reason: state.status === 'open' ? 'task_closed' : 'withdrawn' });
          break;
        }
        case 'stage_changed':
          upsertSearchAttributes([{ key: ACCORD_STAGE, value: e.to }]);
          break;
      }
    }
  }

  function system(action: Parameters<typeof applyAction>[2]): void {
    const effects = applyAction(def, state, action, ctx());
    carryOut(effects);
    notifyOwner(effects, null);
  }

  if (input.resume) {
    state = input.resume.state;
    for (const t of state.tasks) if (t.status === 'open' && t.assigneeId === null) pendingAssignments.push(t.id);
    for (const t of state.tasks) if (t.status === 'open' && t.assigneeId) taskAssigned(t);
  } else {
    const init = initialState(
      def,
      { proposalId: input.proposalId, ownerId: input.ownerId, division: input.division, fields: {}, data: input.trip as unknown as Record<string, unknown> },
      ctx(),
    );
    state = init.state;
    carryOut(init.effects);
  }

  setHandler(proposalStateQuery, () => ({ ...state, eventSeq }));
  setHandler(
    proposalActionUpdate,
    (req) => {
      const seen = handled[req.requestId];
      if (seen) return seen;
      const effects = applyAction(def, state, req.action, ctx());
      carryOut(effects);
      notifyOwner(effects, req.action.actor.id);
      const result = { stage: state.stage, status: state.status, eventSeq };
      handled[req.requestId] = result;
      const keys = Object.keys(handled);
      if (keys.length > HANDLED_REQUESTS_KEPT) delete handled[keys[0]];
      return result;
    },
    {
      validator: (req) => {
        if (handled[req.requestId]) return;
        if (SYSTEM_ACTIONS.includes(req.action.type as string)) {
          throw ApplicationFailure.create({ type: ACTION_REFUSED, message: 'system action', details: [{ code: 'invalid_input', message: 'system action', stage: state.stage }] });
        }
        const refusal = checkAction(def, state, req.action, ctx());
        if (refusal) throw ApplicationFailure.create({ type: ACTION_REFUSED, message: refusal.message, details: [refusal], nonRetryable: true });
      },
    },
  );

  // Approval tasks go to people by role; no traveller (nor the requester) gets one.
  void (async () => {
    for (;;) {
      await condition(() => pendingAssignments.length > 0);
      const taskId = pendingAssignments[0];
      const task = state.tasks.find((t) => t.id === taskId);
      if (task && task.status === 'open' && task.assigneeId === null) {
        const exclude = [...new Set([state.ownerId, ...tripData(state).delegateIds])];
        const who = await resolveTaskAssignee({ role: task.role, division: state.division, excludeUserIds: exclude, at: workflowNow().toISOString() });
        if (task.status === 'open' && task.assigneeId === null) {
          if (who) carryOut(applyAction(def, state, { type: 'task_assigned', taskId, assigneeId: who.assigneeId, onBehalfOfId: who.onBehalfOfId }, ctx()));
          else carryOut([{ type: 'event', eventType: 'NO_ASSIGNEE', fromStage: state.stage, toStage: state.stage, actorId: null, data: { taskId, role: task.role } }]);
        }
      }
      pendingAssignments.shift();
    }
  })();

  // Main loop: the next timer of the current stage (expiry at departure, departure, return), re-armed after any event.
  for (;;) {
    const seqAtWait = eventSeq;
    const stage = stageDefinition(def, state.stage);
    let dueMs: number | undefined;
    if (def.expireIn?.includes(state.stage)) dueMs = departureMoment(tripData(state).departureDate, timing);
    else if (stage.timer && state.dueAt) dueMs = Date.parse(state.dueAt);
    const tooLong = () => workflowInfo().historyLength > CONTINUE_AS_NEW_AFTER_EVENTS || workflowInfo().continueAsNewSuggested;
    const wake = () => state.status !== 'open' || eventSeq !== seqAtWait || tooLong();
    const woke = dueMs === undefined ? (await condition(wake), true) : await condition(wake, Math.max(dueMs - workflowNow().getTime(), 1));
    if (!woke && state.status === 'open') {
      if (def.expireIn?.includes(state.stage)) {
        system({ type: 'expire' });
        notifyExpired();
      } else if (stage.timer) {
        system({ type: 'timer_elapsed', stage: state.stage });
      }
    }
    if (state.status !== 'open') break;
    if (tooLong()) {
      await condition(() => outbox.empty && mailer.empty && pendingAssignments.length === 0 && allHandlersFinished());
      await continueAsNew<typeof overseasTrip>({ ...input, resume: { state, eventSeq, handledRequests: handled } });
    }
  }

  await condition(() => outbox.empty && mailer.empty && allHandlersFinished());
  return state;
}

const DECISION_EVENTS: Record<string, string> = {
  APPROVED: 'approve',
  CHANGES_REQUESTED: 'request_changes',
  REJECTED: 'reject',
  CANCELLED: 'cancelled',
};

/** Kind-specific part of the read-model row after an event. */
function tripDetails(state: ProposalEngineState) {
  return { fields: state.fields, documents: state.documents, trip: state.data ?? null, approvalChain: state.chain ?? null };
}
