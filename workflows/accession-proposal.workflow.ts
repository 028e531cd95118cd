import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { AccordActivities } from '../activities';
import {
  ACCORD_STAGE,
  ACTION_REFUSED,
  AccessionProposalInput,
  ProposalNotification,
  proposalActionUpdate,
  ProposalActionResult,
  proposalStateQuery,
} from '../libs/contracts';
import { ACCESSION_DEFINITIONS } from '../libs/domain/accession';
import { entryIntoForceFromFields } from '../libs/domain/accession/entry-into-force';
import { applyAction, checkAction, EngineContext, EngineEffect, initialState, ladderPoints, ProposalEngineState, stageDefinition, TaskState } from '../libs/domain';
import { ProposalMailer } from './proposal-mailer';
import { ProposalOutbox } from './proposal-outbox';
import { eventRecord, taskRecord as buildTaskRecord } from './read-model-records';
import { workflowNow } from './workflow-clock';

const DAY_MS = 86_400_000;
/** Keep histories small for proposals that live for years. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;
const HANDLED_REQUESTS_KEPT = 200;

const { resolveTaskAssignee } = proxyActivities<AccordActivities>({
  // Short: these are single quick queries, and after a worker crash the retry waits this long.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function accessionProposal(input: AccessionProposalInput): Promise<ProposalEngineState> {
  const def = ACCESSION_DEFINITIONS[input.definitionVersion];
  if (!def) throw ApplicationFailure.nonRetryable(`unknown definition version ${input.definitionVersion}`, 'UnknownDefinition');
  const ctx = (): EngineContext => ({ now: workflowNow(), dayMs: input.dayMs ?? DAY_MS, entryIntoForce: entryIntoForceFromFields });
  const workflowId = workflowInfo().workflowId;
  const outbox = new ProposalOutbox();
  const pendingAssignments: string[] = [];

  let state: ProposalEngineState;
  let eventSeq = input.resume?.eventSeq ?? 0;
  const handled: Record<string, ProposalActionResult> = { ...(input.resume?.handledRequests ?? {}) };

  const taskRecord = (t: TaskState) => buildTaskRecord(state, workflowId, eventSeq, t);

  // Email (task emails, reminders, escalations, owner notices) arrived after the first recorded histories.
  let mailOn: boolean | undefined;
  const mailEnabled = () => (mailOn ??= patched('email-notifications'));
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

  /** Emails the assignee and watches the task: reminders before its due date, escalations after. */
  function taskAssigned(t: TaskState): void {
    if (!mailEnabled() || !t.assigneeId) return;
    if (t.kind === 'approval') {
      mailer.push({ kind: 'notify', notification: notification({ idempotencyKey: `${t.id}:assigned:${t.assigneeId}:e${eventSeq}`, recipient: { userId: t.assigneeId }, template: 'task-assigned', task: taskFacts(t) }) });
    }
    if (!t.dueAt) return;
    const assignee = t.assigneeId;
    const stillTheirs = () => t.status === 'open' && t.assigneeId === assignee;
    const points = ladderPoints(Date.parse(t.dueAt), stageDefinition(def, t.stage).reminders, input.dayMs ?? DAY_MS);
    void (async () => {
      for (const p of points) {
        const wait = p.atMs - workflowNow().getTime();
        if (wait > 0) {
          if (await condition(() => !stillTheirs(), wait)) return;
        } else if (p.kind === 'reminder') continue; // assigned after this reminder was due: the assignment email says it all
        if (!stillTheirs()) return;
        const key = `${t.id}:${p.kind}${p.n}:${assignee}`;
        mailer.push({
          kind: 'notify',
          notification:
            p.kind === 'reminder'
              ? notification({ idempotencyKey: key, recipient: { userId: assignee }, template: 'task-reminder', task: taskFacts(t), reminderNumber: p.n, stage: t.stage })
              : notification({
                  idempotencyKey: key,
                  recipient: p.to === 'supervisor' ? { supervisorOf: assignee } : { role: 'leadership' },
                  template: 'task-escalated',
                  task: taskFacts(t),
                  escalation: { level: p.to!, overdueMs: p.overdueMs! },
                  stage: t.stage,
                }),
        });
        carryOut([{ type: 'event', eventType: p.kind === 'reminder' ? 'TASK_REMINDED' : 'TASK_ESCALATED', fromStage: t.stage, toStage: t.stage, actorId: null, data: { taskId: t.id, n: p.n, ...(p.to ? { to: p.to } : {}) } }]);
      }
    })();
  }

  /** One notice to the owner per action: the decision someone else took and/or where the proposal went. */
  function notifyOwner(effects: EngineEffect[], actorId: string | null): void {
    if (!mailEnabled() || actorId === state.ownerId) return;
    const decisionEvent = effects.find((e) => e.type === 'event' && DECISION_EVENTS[e.eventType]) as Extract<EngineEffect, { type: 'event' }> | undefined;
    const move = [...effects].reverse().find((e) => e.type === 'stage_changed') as Extract<EngineEffect, { type: 'stage_changed' }> | undefined;
    if (!decisionEvent && !move) return;
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

  /** Turns the engine's effects into read-model writes, assignments, emails and search-attribute updates. */
  function carryOut(effects: EngineEffect[]): void {
    for (const e of effects) {
      switch (e.type) {
        case 'event':
          eventSeq += 1;
          outbox.push({ kind: 'event', record: eventRecord(state, workflowId, eventSeq, e, accessionDetails(state)) });
          break;
        case 'task_opened': {
          const task = state.tasks.find((t) => t.id === e.taskId)!;
          if (task.assigneeId === null) pendingAssignments.push(task.id);
          outbox.push({ kind: 'task', record: taskRecord(task) });
          if (task.assigneeId) taskAssigned(task);
          break;
        }
        case 'task_assigned': {
          const task = state.tasks.find((t) => t.id === e.taskId)!;
          // Histories recorded before this change did not write the task row on assignment.
          if (patched('task-row-on-assignment')) outbox.push({ kind: 'task', record: taskRecord(task) });
          taskAssigned(task);
          break;
        }
        case 'task_reassigned': {
          const task = state.tasks.find((t) => t.id === e.taskId)!;
          outbox.push({ kind: 'task', record: taskRecord(task) });
          // Old links die before the new assignee's go out.
          if (mailEnabled()) mailer.push({ kind: 'revoke', taskId: task.id, reason: 'reassigned' });
          taskAssigned(task);
          break;
        }
        case 'task_closed': {
          const task = state.tasks.find((t) => t.id === e.taskId)!;
          outbox.push({ kind: 'task', record: taskRecord(task) });
          if (mailEnabled() && task.kind === 'approval') mailer.push({ kind: 'revoke', taskId: task.id, reason: state.status === 'withdrawn' ? 'withdrawn' : 'task_closed' });
          break;
        }
        case 'stage_changed':
          upsertSearchAttributes([{ key: ACCORD_STAGE, value: e.to }]);
          break;
      }
    }
  }

  if (input.resume) {
    state = input.resume.state;
    for (const t of state.tasks) if (t.status === 'open' && t.assigneeId === null) pendingAssignments.push(t.id);
    // Watch the open tasks again; keys make sure nothing already sent goes out twice.
    for (const t of state.tasks) if (t.status === 'open' && t.assigneeId && mailEnabled()) taskAssigned(t);
  } else {
    const init = initialState(def, { proposalId: input.proposalId, ownerId: input.ownerId, division: input.division, fields: input.fields }, ctx());
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
      remember(handled, req.requestId, result);
      return result;
    },
    {
      validator: (req) => {
        if (handled[req.requestId]) return;
        if ((req.action.type as string) === 'task_assigned' || (req.action.type as string) === 'check_completion') {
          throw ApplicationFailure.create({ type: ACTION_REFUSED, message: 'system action', details: [{ code: 'invalid_input', message: 'system action', stage: state.stage }] });
        }
        const refusal = checkAction(def, state, req.action, ctx());
        if (refusal) throw ApplicationFailure.create({ type: ACTION_REFUSED, message: refusal.message, details: [refusal], nonRetryable: true });
      },
    },
  );

  // Assign role-based tasks to people (delegation honoured by the directory), one at a time, in order.
  void (async () => {
    for (;;) {
      await condition(() => pendingAssignments.length > 0);
      const taskId = pendingAssignments[0];
      const task = state.tasks.find((t) => t.id === taskId);
      if (task && task.status === 'open' && task.assigneeId === null) {
        const who = await resolveTaskAssignee({ role: task.role, division: state.division, excludeUserIds: [state.ownerId], at: workflowNow().toISOString() });
        // The task may have been closed or reassigned while we asked.
        if (task.status === 'open' && task.assigneeId === null) {
          if (who) carryOut(applyAction(def, state, { type: 'task_assigned', taskId, assigneeId: who.assigneeId, onBehalfOfId: who.onBehalfOfId }, ctx()));
          else carryOut([{ type: 'event', eventType: 'NO_ASSIGNEE', fromStage: state.stage, toStage: state.stage, actorId: null, data: { taskId, role: task.role } }]);
        }
      }
      pendingAssignments.shift();
    }
  })();

  // Main loop: wait for the end, for the entry-into-force date during implementation, or for a history too long.
  for (;;) {
    const eif = state.stage === 'IMPLEMENTATION' ? state.deposit?.entryIntoForce : undefined;
    const waitMs = eif ? Math.max(0, Date.parse(`${eif}T00:00:00Z`) - workflowNow().getTime()) : undefined;
    const stageAtWait = state.stage;
    const wake = () =>
      state.status !== 'open' || state.stage !== stageAtWait || workflowInfo().historyLength > CONTINUE_AS_NEW_AFTER_EVENTS || workflowInfo().continueAsNewSuggested;
    const woke = waitMs === undefined ? (await condition(wake), true) : await condition(wake, Math.max(waitMs, 1));
    if (!woke) {
      const effects = applyAction(def, state, { type: 'check_completion' }, ctx());
      carryOut(effects);
      notifyOwner(effects, null);
    }
    if (state.status !== 'open') break;
    if (workflowInfo().historyLength > CONTINUE_AS_NEW_AFTER_EVENTS || workflowInfo().continueAsNewSuggested) {
      await condition(() => outbox.empty && mailer.empty && pendingAssignments.length === 0 && allHandlersFinished());
      await continueAsNew<typeof accessionProposal>({ ...input, resume: { state, eventSeq, handledRequests: handled } });
    }
  }

  await condition(() => outbox.empty && mailer.empty && allHandlersFinished());
  return state;
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

function remember(handled: Record<string, ProposalActionResult>, id: string, result: ProposalActionResult): void {
  handled[id] = result;
  const keys = Object.keys(handled);
  if (keys.length > HANDLED_REQUESTS_KEPT) delete handled[keys[0]];
}

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
