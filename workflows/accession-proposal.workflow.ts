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
  proposalActionUpdate,
  ProposalActionResult,
  proposalStateQuery,
} from '../libs/contracts';
import { ACCESSION_DEFINITIONS } from '../libs/domain/accession';
import { entryIntoForceFromFields } from '../libs/domain/accession/entry-into-force';
import { applyAction, checkAction, EngineContext, EngineEffect, initialState, ProposalEngineState, TaskState } from '../libs/domain';
import { ProposalOutbox } from './proposal-outbox';
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

  const taskRecord = (t: TaskState) => ({
    ...t,
    proposalId: state.proposalId,
    workflowId,
    closedAt: t.closedAt ?? null,
    decision: t.decision ?? null,
    decidedBy: t.decidedBy ?? null,
    comment: t.comment ?? null,
    version: eventSeq,
  });

  /** Turns the engine's effects into read-model writes, assignments and search-attribute updates. */
  function carryOut(effects: EngineEffect[]): void {
    for (const e of effects) {
      switch (e.type) {
        case 'event':
          eventSeq += 1;
          outbox.push({
            kind: 'event',
            record: {
              proposalId: state.proposalId,
              workflowId,
              seq: eventSeq,
              type: e.eventType,
              actorId: e.actorId,
              onBehalfOfId: e.onBehalfOfId ?? null,
              fromStage: e.fromStage,
              toStage: e.toStage,
              comment: e.comment ?? null,
              data: e.data ?? {},
              occurredAt: workflowNow().toISOString(),
              snapshot: snapshot(state),
            },
          });
          break;
        case 'task_opened': {
          const task = state.tasks.find((t) => t.id === e.taskId)!;
          if (task.assigneeId === null) pendingAssignments.push(task.id);
          outbox.push({ kind: 'task', record: taskRecord(task) });
          break;
        }
        case 'task_assigned':
          // Histories recorded before this change did not write the task row on assignment.
          if (patched('task-row-on-assignment')) outbox.push({ kind: 'task', record: taskRecord(state.tasks.find((t) => t.id === e.taskId)!) });
          break;
        case 'task_closed':
        case 'task_reassigned':
          outbox.push({ kind: 'task', record: taskRecord(state.tasks.find((t) => t.id === e.taskId)!) });
          break;
        case 'stage_changed':
          upsertSearchAttributes([{ key: ACCORD_STAGE, value: e.to }]);
          break;
      }
    }
  }

  if (input.resume) {
    state = input.resume.state;
    for (const t of state.tasks) if (t.status === 'open' && t.assigneeId === null) pendingAssignments.push(t.id);
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
      carryOut(applyAction(def, state, req.action, ctx()));
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
    if (!woke) carryOut(applyAction(def, state, { type: 'check_completion' }, ctx()));
    if (state.status !== 'open') break;
    if (workflowInfo().historyLength > CONTINUE_AS_NEW_AFTER_EVENTS || workflowInfo().continueAsNewSuggested) {
      await condition(() => outbox.empty && pendingAssignments.length === 0 && allHandlersFinished());
      await continueAsNew<typeof accessionProposal>({ ...input, resume: { state, eventSeq, handledRequests: handled } });
    }
  }

  await condition(() => outbox.empty && allHandlersFinished());
  return state;
}

function remember(handled: Record<string, ProposalActionResult>, id: string, result: ProposalActionResult): void {
  handled[id] = result;
  const keys = Object.keys(handled);
  if (keys.length > HANDLED_REQUESTS_KEPT) delete handled[keys[0]];
}

/** The proposal row as the read model should show it after an event. */
function snapshot(state: ProposalEngineState) {
  return {
    stage: state.stage,
    status: state.status,
    workflowStatus: state.status === 'open' ? 'RUNNING' : 'COMPLETED',
    stageEnteredAt: state.stageEnteredAt,
    dueAt: state.dueAt,
    currentAssignees: [...new Set(state.tasks.filter((t) => t.status === 'open' && t.assigneeId).map((t) => t.assigneeId!))],
    details: {
      fields: state.fields,
      documents: state.documents,
      remarks: state.remarks,
      actionItems: state.actionItems,
      cabinet: state.cabinet,
      parliament: state.parliament,
      deposit: state.deposit,
      annexesAccepted: state.annexesAccepted,
      reservations: state.reservations,
    },
  };
}
