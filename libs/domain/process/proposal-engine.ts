import { ulaanbaatarDate } from '../calendar/ulaanbaatar-time';
import { isTerminalStage, nextStage, ProcessDefinition, RoleName, stageApplies, stageDefinition, stageIndex, StageDefinition } from './process-definition';
import {
  Actor,
  EngineContext,
  EngineOps,
  EngineEffect,
  EngineRefusal,
  ProposalAction,
  ProposalEngineState,
  RefusalCode,
  TaskState,
} from './proposal-engine.types';

/**
 * The rules of a proposal's life as a pure state machine: `checkAction` says whether an action is allowed now
 * (and why not), `applyAction` performs it and lists the effects (timeline events, tasks opened and closed) that
 * the workflow then carries out through activities. Pure and deterministic, so the workflow can run it on replay
 * and unit tests can cover every path without a server.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function initialState(
  def: ProcessDefinition,
  p: { proposalId: string; ownerId: string; division: string | null; fields: Record<string, string>; data?: Record<string, unknown> },
  ctx: EngineContext,
): { state: ProposalEngineState; effects: EngineEffect[] } {
  const state = blankState(def, p, def.initialStage, ctx.now);
  const effects: EngineEffect[] = [
    { type: 'event', eventType: 'CREATED', fromStage: null, toStage: def.initialStage, actorId: p.ownerId },
  ];
  enterStage(def, state, def.initialStage, ctx, effects);
  return { state, effects };
}

/** A proposal's state before anything happened to it, in the given stage (the initial one, or an import's final one). */
export function blankState(
  def: ProcessDefinition,
  p: { proposalId: string; ownerId: string; division: string | null; fields: Record<string, string>; data?: Record<string, unknown> },
  stage: string,
  now: Date,
): ProposalEngineState {
  return {
    proposalId: p.proposalId,
    ownerId: p.ownerId,
    division: p.division,
    definitionVersion: def.version,
    stage,
    status: 'open',
    phase: 'work',
    chainIndex: 0,
    stageEnteredAt: now.toISOString(),
    dueAt: null,
    tasks: [],
    documents: [],
    fields: { ...p.fields },
    remarks: [],
    actionItems: [],
    annexesAccepted: [],
    reservations: [],
    cabinet: null,
    parliament: null,
    deposit: null,
    counters: { task: 0, remark: 0, item: 0 },
    ...(p.data ? { data: { ...p.data } } : {}),
  };
}

function refuse(state: ProposalEngineState, code: RefusalCode, message: string, missing?: string[]): EngineRefusal {
  return { code, message, stage: state.stage, ...(missing ? { missing } : {}) };
}

const isOwnerOrAdmin = (s: ProposalEngineState, a: Actor) => a.id === s.ownerId || a.roles.includes('admin');

/** Null when the action is allowed now; otherwise the reason, naming the current stage or what is missing. */
export function checkAction(def: ProcessDefinition, state: ProposalEngineState, action: ProposalAction, ctx: EngineContext): EngineRefusal | null {
  if (action.type === 'check_completion') return null;
  if (state.status !== 'open') return refuse(state, 'not_allowed_now', `the proposal is ${state.status} (stage ${state.stage})`);
  const own = ctx.kindRules?.check(def, state, action, ctx);
  if (own !== undefined) return own;
  const stage = stageDefinition(def, state.stage);

  switch (action.type) {
    case 'submit':
    case 'complete_work':
    case 'cabinet_outcome':
    case 'parliament_outcome':
    case 'record_deposit': {
      const expected = action.type === 'record_deposit' ? 'deposit' : action.type;
      if (!stage.work || stage.work.action !== expected || state.phase !== 'work') {
        return refuse(state, 'not_allowed_now', `${action.type} is not allowed in stage ${state.stage}`);
      }
      if (!isOwnerOrAdmin(state, action.actor)) return refuse(state, 'not_your_task', 'only the proposal owner can do this');
      const missing = missingRequirements(stage, state);
      if (missing.length) return refuse(state, 'missing_requirement', `missing to leave ${state.stage}: ${missing.join(', ')}`, missing);
      return checkOutcomeInput(def, state, action, ctx);
    }
    case 'edit_draft':
      if (state.stage !== def.initialStage) return refuse(state, 'not_allowed_now', `a draft can only be edited in ${def.initialStage}, not ${state.stage}`);
      if (action.actor.id !== state.ownerId) return refuse(state, 'not_your_task', 'only the owner edits a draft');
      return null;
    case 'attach_document': {
      const assignee = state.tasks.some((t) => t.status === 'open' && t.assigneeId === action.actor.id);
      if (!isOwnerOrAdmin(state, action.actor) && !assignee) return refuse(state, 'not_your_task', 'only the owner or a current assignee can attach documents');
      if (!def.documentKinds.some((k) => k.code === action.document.kind)) return refuse(state, 'invalid_input', `unknown document kind ${action.document.kind}`);
      return null;
    }
    case 'decide': {
      const task = state.tasks.find((t) => t.id === action.taskId);
      if (!task || task.kind !== 'approval') return refuse(state, 'invalid_input', `no approval task ${action.taskId}`);
      if (task.status !== 'open') return refuse(state, 'not_allowed_now', `task ${task.id} was already ${task.status === 'done' ? `decided (${task.decision})` : 'cancelled'}`);
      if (task.assigneeId === null) return refuse(state, 'not_allowed_now', 'the task is not assigned yet');
      if (action.actor.id === state.ownerId) return refuse(state, 'self_approval', 'nobody approves their own proposal');
      if (ctx.conflictedUserIds?.(state).includes(action.actor.id)) return refuse(state, 'self_approval', 'a traveller does not approve their own trip');
      if (task.assigneeId !== action.actor.id) return refuse(state, 'not_your_task', 'this task is assigned to someone else');
      if (action.decision !== 'approve' && !action.comment?.trim()) {
        return refuse(state, 'invalid_input', `a comment is required to ${action.decision.replace('_', ' ')}`);
      }
      if (action.decision === 'request_changes') {
        const target = action.returnToStage ?? defaultReturnStage(def, stage, state.fields);
        const ti = stageIndex(def, target);
        if (ti < 0 || ti > stageIndex(def, state.stage) || isTerminalStage(target) || !stageApplies(def.stages[ti], state.fields)) {
          return refuse(state, 'invalid_input', `returnToStage must be ${state.stage} or an earlier stage`);
        }
      }
      return null;
    }
    case 'record_remark':
    case 'respond_remark':
      if (state.stage !== 'COORDINATION') return refuse(state, 'not_allowed_now', `remarks are recorded in COORDINATION, not ${state.stage}`);
      if (!isOwnerOrAdmin(state, action.actor)) return refuse(state, 'not_your_task', 'only the proposal owner records remarks');
      if (action.type === 'record_remark') {
        if (!action.body.trim() || !action.remarks.trim()) return refuse(state, 'invalid_input', 'body and remarks are required');
        if (action.replyDeadline && !ISO_DATE.test(action.replyDeadline)) return refuse(state, 'invalid_input', 'replyDeadline must be YYYY-MM-DD');
        return null;
      }
      if (!state.remarks.some((r) => r.id === action.remarkId)) return refuse(state, 'invalid_input', `no remark ${action.remarkId}`);
      if (!action.response.trim()) return refuse(state, 'invalid_input', 'response is required');
      return null;
    case 'add_action_item':
    case 'reassign_action_item':
    case 'complete_action_item': {
      if (state.stage !== 'IMPLEMENTATION') return refuse(state, 'not_allowed_now', `action items belong to IMPLEMENTATION, not ${state.stage}`);
      if (action.type === 'add_action_item') {
        if (!isOwnerOrAdmin(state, action.actor)) return refuse(state, 'not_your_task', 'only the proposal owner plans implementation');
        if (!action.title.trim()) return refuse(state, 'invalid_input', 'title is required');
        if (!ISO_DATE.test(action.dueDate)) return refuse(state, 'invalid_input', 'dueDate must be YYYY-MM-DD');
        return null;
      }
      const item = state.actionItems.find((i) => i.id === action.itemId);
      if (!item) return refuse(state, 'invalid_input', `no action item ${action.itemId}`);
      if (action.type === 'reassign_action_item') {
        if (!isOwnerOrAdmin(state, action.actor)) return refuse(state, 'not_your_task', 'only the proposal owner reassigns items');
        if (item.status === 'done') return refuse(state, 'not_allowed_now', 'the item is already done');
        return null;
      }
      if (item.status === 'done') return refuse(state, 'not_allowed_now', 'the item is already done');
      if (!isOwnerOrAdmin(state, action.actor) && action.actor.id !== item.ownerId) return refuse(state, 'not_your_task', 'only the item owner or the proposal owner completes it');
      return null;
    }
    case 'reassign_task': {
      const task = state.tasks.find((t) => t.id === action.taskId && t.status === 'open');
      if (!task) return refuse(state, 'invalid_input', `no open task ${action.taskId}`);
      const handOver = action.onBehalfOfId !== undefined && action.onBehalfOfId === action.actor.id && task.assigneeId === action.actor.id;
      if (!handOver && !action.actor.roles.includes('admin') && !action.actor.roles.includes('division_head')) {
        return refuse(state, 'not_your_task', 'only an admin or a division head reassigns tasks; an assignee may hand their own task to a delegate');
      }
      if (task.kind === 'approval' && action.assigneeId === state.ownerId) return refuse(state, 'self_approval', 'the owner cannot approve their own proposal');
      if (task.kind === 'approval' && ctx.conflictedUserIds?.(state).includes(action.assigneeId)) return refuse(state, 'self_approval', 'a traveller cannot approve their own trip');
      if (action.assigneeId === task.assigneeId) return refuse(state, 'invalid_input', 'the task is already assigned to this person');
      return null;
    }
    case 'withdraw':
      if (!isOwnerOrAdmin(state, action.actor)) return refuse(state, 'not_your_task', 'only the owner or an admin can withdraw');
      if (!action.reason.trim()) return refuse(state, 'invalid_input', 'a reason is required to withdraw');
      return null;
    case 'task_assigned': {
      const task = state.tasks.find((t) => t.id === action.taskId);
      return task && task.status === 'open' ? null : refuse(state, 'invalid_input', `no open task ${action.taskId}`);
    }
    case 'cancel':
      if (!def.cancelIn?.includes(state.stage)) return refuse(state, 'not_allowed_now', `cancellation is not allowed in stage ${state.stage}`);
      if (!isOwnerOrAdmin(state, action.actor)) return refuse(state, 'not_your_task', 'only the requester or an admin can cancel');
      if (!action.reason.trim()) return refuse(state, 'invalid_input', 'a reason is required to cancel');
      return null;
    case 'change_request':
      if (!def.changes?.allowedIn.includes(state.stage) || !ctx.reapproval) return refuse(state, 'not_allowed_now', `changes are not allowed in stage ${state.stage}`);
      if (!isOwnerOrAdmin(state, action.actor)) return refuse(state, 'not_your_task', 'only the requester or an admin can change the request');
      return null;
    case 'timer_elapsed':
      return state.stage === action.stage && stageDefinition(def, state.stage).timer ? null : refuse(state, 'not_allowed_now', `no timer running in stage ${state.stage}`);
    case 'expire':
      return def.expireIn?.includes(state.stage) ? null : refuse(state, 'not_allowed_now', `nothing expires in stage ${state.stage}`);
    default:
      return refuse(state, 'not_allowed_now', `${action.type} does not apply to a ${def.kind} proposal`);
  }
}

function checkOutcomeInput(def: ProcessDefinition, state: ProposalEngineState, action: ProposalAction, ctx: EngineContext): EngineRefusal | null {
  // The date on the person's calendar in Ulaanbaatar: until 08:00 there the UTC date is still yesterday.
  const today = ulaanbaatarDate(ctx.now);
  const date = (name: string, v: string | undefined) =>
    !v ? `${name} is required` : !ISO_DATE.test(v) ? `${name} must be YYYY-MM-DD` : v > today ? `${name} cannot be in the future` : null;
  let problem: string | null = null;
  if (action.type === 'cabinet_outcome') {
    if (action.outcome === 'approved') problem = !action.resolutionNumber?.trim() ? 'resolutionNumber is required' : date('resolutionDate', action.resolutionDate);
    else if (!action.remarks?.trim()) problem = `remarks are required when the Cabinet ${action.outcome === 'returned' ? 'returns' : 'rejects'} the proposal`;
  }
  if (action.type === 'parliament_outcome') {
    if (action.outcome === 'ratified') problem = !action.lawNumber?.trim() ? 'lawNumber is required' : date('lawDate', action.lawDate);
    else if (!action.remarks?.trim()) problem = `remarks are required when Parliament ${action.outcome === 'returned' ? 'returns' : 'rejects'} the proposal`;
  }
  if (action.type === 'record_deposit') problem = date('depositDate', action.depositDate);
  if (action.type === 'complete_work' && state.stage === 'COORDINATION') {
    if (state.remarks.length === 0) return refuse(state, 'missing_requirement', 'record the remarks of at least one consulted body', ['remarks']);
    const open = state.remarks.filter((r) => r.response === null).map((r) => `response to ${r.body}`);
    if (open.length) return refuse(state, 'missing_requirement', `missing: ${open.join(', ')}`, open);
  }
  return problem ? refuse(state, 'invalid_input', problem) : null;
}

export function missingRequirements(stage: StageDefinition, state: ProposalEngineState): string[] {
  if (!stage.work) return [];
  const docs = stage.work.requiredDocuments.filter((k) => !state.documents.some((d) => d.kind === k)).map((k) => `document:${k}`);
  const fields = stage.work.requiredFields.filter((f) => !state.fields[f]?.trim()).map((f) => `field:${f}`);
  return [...docs, ...fields];
}

function defaultReturnStage(def: ProcessDefinition, stage: StageDefinition, fields: Record<string, string>): string {
  if (stage.work) return stage.code;
  for (let i = stageIndex(def, stage.code) - 1; i >= 0; i--) if (stageApplies(def.stages[i], fields)) return def.stages[i].code;
  return stage.code;
}

/** Applies an action that checkAction allowed; throws if it was not (a bug in the caller). */
export function applyAction(def: ProcessDefinition, state: ProposalEngineState, action: ProposalAction, ctx: EngineContext): EngineEffect[] {
  const refusal = checkAction(def, state, action, ctx);
  if (refusal) throw new Error(`action ${action.type} refused: ${refusal.message}`);
  const effects: EngineEffect[] = [];
  const now = ctx.now.toISOString();
  const actorId = 'actor' in action ? action.actor.id : null;
  const event = (eventType: string, extra: Partial<Extract<EngineEffect, { type: 'event' }>> = {}) =>
    effects.push({ type: 'event', eventType, fromStage: state.stage, toStage: state.stage, actorId, ...extra });
  if (ctx.kindRules?.apply(def, state, action, ctx, effects, engineOps(def, state, ctx, effects))) return effects;

  switch (action.type) {
    case 'submit':
    case 'complete_work': {
      const stage = stageDefinition(def, state.stage);
      closeTasks(state, (t) => t.stage === state.stage && t.kind === 'work', 'done', action.type, actorId, now, effects, action.type === 'complete_work' ? action.comment : undefined);
      event(action.type === 'submit' ? 'SUBMITTED' : 'WORK_COMPLETED', { comment: action.type === 'complete_work' ? action.comment ?? null : null });
      if (stage.approval) startApproval(def, state, ctx, effects);
      else advance(def, state, nextStage(def, stage.code, state.fields), ctx, effects, actorId);
      break;
    }
    case 'edit_draft':
      Object.assign(state.fields, action.fields);
      event('DRAFT_EDITED', { data: { fields: Object.keys(action.fields) } });
      break;
    case 'attach_document':
      state.documents.push(action.document);
      event('DOCUMENT_ADDED', { data: { ...action.document } });
      break;
    case 'decide': {
      const task = state.tasks.find((t) => t.id === action.taskId)!;
      closeTask(state, task, 'done', action.decision, actorId, now, effects, action.comment);
      const common = { onBehalfOfId: task.onBehalfOfId, comment: action.comment ?? null, data: { taskId: task.id, role: task.role } };
      if (action.decision === 'approve') {
        event('APPROVED', common);
        const stage = stageDefinition(def, state.stage);
        const chain = state.chain ?? stage.approval!.chain;
        if (state.chainIndex + 1 < chain.length) {
          state.chainIndex += 1;
          openTask(def, state, 'approval', chain[state.chainIndex], null, ctx, effects);
        } else {
          advance(def, state, nextStage(def, stage.code, state.fields), ctx, effects, actorId);
        }
      } else if (action.decision === 'request_changes') {
        const target = action.returnToStage ?? defaultReturnStage(def, stageDefinition(def, state.stage), state.fields);
        event('CHANGES_REQUESTED', { ...common, toStage: target });
        sendBack(def, state, target, ctx, effects, actorId, action.comment ?? null);
      } else {
        event('REJECTED', { ...common, toStage: 'REJECTED' });
        finish(state, 'REJECTED', 'rejected', now, effects, actorId);
      }
      break;
    }
    case 'cabinet_outcome': {
      state.cabinet = { outcome: action.outcome, resolutionNumber: action.resolutionNumber, resolutionDate: action.resolutionDate, remarks: action.remarks };
      closeTasks(state, (t) => t.stage === state.stage, 'done', `cabinet_${action.outcome}`, actorId, now, effects);
      const data = { outcome: action.outcome, resolutionNumber: action.resolutionNumber ?? null, resolutionDate: action.resolutionDate ?? null };
      if (action.outcome === 'approved') {
        state.fields.cabinetResolutionNumber = action.resolutionNumber!;
        state.fields.cabinetResolutionDate = action.resolutionDate!;
        event('CABINET_APPROVED', { data });
        advance(def, state, nextStage(def, state.stage, state.fields), ctx, effects, actorId);
      } else if (action.outcome === 'returned') {
        const target = stageDefinition(def, state.stage).returnTo!;
        event('CABINET_RETURNED', { toStage: target, comment: action.remarks ?? null, data });
        sendBack(def, state, target, ctx, effects, actorId, action.remarks ?? null);
      } else {
        event('CABINET_REJECTED', { toStage: 'REJECTED', comment: action.remarks ?? null, data });
        finish(state, 'REJECTED', 'rejected', now, effects, actorId);
      }
      break;
    }
    case 'parliament_outcome': {
      state.parliament = { outcome: action.outcome, lawNumber: action.lawNumber, lawDate: action.lawDate, remarks: action.remarks };
      closeTasks(state, (t) => t.stage === state.stage, 'done', `parliament_${action.outcome}`, actorId, now, effects);
      const data = { outcome: action.outcome, lawNumber: action.lawNumber ?? null, lawDate: action.lawDate ?? null };
      if (action.outcome === 'ratified') {
        state.fields.lawNumber = action.lawNumber!;
        state.fields.lawDate = action.lawDate!;
        state.annexesAccepted = [...(action.annexesAccepted ?? [])];
        state.reservations = [...(action.reservations ?? [])];
        event('PARLIAMENT_RATIFIED', { data: { ...data, annexesAccepted: state.annexesAccepted, reservations: state.reservations } });
        advance(def, state, nextStage(def, state.stage, state.fields), ctx, effects, actorId);
      } else if (action.outcome === 'returned') {
        const target = stageDefinition(def, state.stage).returnTo!;
        event('PARLIAMENT_RETURNED', { toStage: target, comment: action.remarks ?? null, data });
        sendBack(def, state, target, ctx, effects, actorId, action.remarks ?? null);
      } else {
        event('PARLIAMENT_REJECTED', { toStage: 'REJECTED', comment: action.remarks ?? null, data });
        finish(state, 'REJECTED', 'rejected', now, effects, actorId);
      }
      break;
    }
    case 'record_deposit': {
      const entryIntoForce = ctx.entryIntoForce(state.fields, action.depositDate);
      state.deposit = { depositDate: action.depositDate, entryIntoForce, recordedAt: ctx.now.toISOString() };
      if (entryIntoForce) state.fields.entryIntoForce = entryIntoForce;
      closeTasks(state, (t) => t.stage === state.stage, 'done', 'deposit', actorId, now, effects);
      event('DEPOSITED', { data: { depositDate: action.depositDate, entryIntoForce } });
      advance(def, state, nextStage(def, state.stage, state.fields), ctx, effects, actorId);
      break;
    }
    case 'record_remark': {
      state.counters.remark += 1;
      const remark = {
        id: `r${state.counters.remark}`,
        body: action.body.trim(),
        remarks: action.remarks.trim(),
        replyDeadline: action.replyDeadline ?? null,
        recordedAt: now,
        response: null,
        respondedAt: null,
        respondedBy: null,
      };
      state.remarks.push(remark);
      event('REMARK_RECORDED', { data: { remarkId: remark.id, body: remark.body, replyDeadline: remark.replyDeadline } });
      break;
    }
    case 'respond_remark': {
      const r = state.remarks.find((x) => x.id === action.remarkId)!;
      Object.assign(r, { response: action.response.trim(), respondedAt: now, respondedBy: actorId });
      event('REMARK_ANSWERED', { data: { remarkId: r.id, body: r.body } });
      break;
    }
    case 'add_action_item': {
      state.counters.item += 1;
      const item = { id: `i${state.counters.item}`, title: action.title.trim(), ownerId: action.ownerId, dueDate: action.dueDate, status: 'open' as const, completedAt: null, completedBy: null, addedAt: now };
      state.actionItems.push(item);
      event('ACTION_ITEM_ADDED', { data: { itemId: item.id, title: item.title, ownerId: item.ownerId, dueDate: item.dueDate } });
      break;
    }
    case 'reassign_action_item': {
      const item = state.actionItems.find((i) => i.id === action.itemId)!;
      const from = item.ownerId;
      item.ownerId = action.ownerId;
      event('ACTION_ITEM_REASSIGNED', { data: { itemId: item.id, from, to: action.ownerId } });
      break;
    }
    case 'complete_action_item': {
      const item = state.actionItems.find((i) => i.id === action.itemId)!;
      Object.assign(item, { status: 'done', completedAt: now, completedBy: actorId });
      event('ACTION_ITEM_COMPLETED', { data: { itemId: item.id, title: item.title } });
      maybeComplete(def, state, ctx, effects);
      break;
    }
    case 'reassign_task': {
      const task = state.tasks.find((t) => t.id === action.taskId)!;
      const from = task.assigneeId;
      task.assigneeId = action.assigneeId;
      task.onBehalfOfId = action.onBehalfOfId ?? null;
      effects.push({ type: 'task_reassigned', taskId: task.id, previousAssigneeId: from });
      event('TASK_REASSIGNED', { onBehalfOfId: task.onBehalfOfId, data: { taskId: task.id, from, to: action.assigneeId } });
      break;
    }
    case 'withdraw':
      closeTasks(state, (t) => t.status === 'open', 'cancelled', 'withdrawn', actorId, now, effects);
      event('WITHDRAWN', { toStage: 'WITHDRAWN', comment: action.reason });
      finish(state, 'WITHDRAWN', 'withdrawn', now, effects, actorId);
      break;
    case 'cancel':
      event('CANCELLED', { toStage: 'CANCELLED', comment: action.reason });
      finish(state, 'CANCELLED', 'cancelled', now, effects, actorId);
      break;
    case 'expire':
      event('EXPIRED', { toStage: 'EXPIRED' });
      finish(state, 'EXPIRED', 'expired', now, effects, null);
      break;
    case 'timer_elapsed':
      event('TIMER_ELAPSED');
      advance(def, state, nextStage(def, state.stage, state.fields), ctx, effects, null);
      break;
    case 'change_request': {
      const { roles, changedFields } = ctx.reapproval!(state, action.data);
      state.data = { ...state.data, ...action.data };
      const approval = def.changes!.approvalStage;
      const inApproval = state.stage === approval;
      // Before approval nothing was decided yet, except in the approval stage, which starts over with the new route.
      const rerun = inApproval ? null : state.stage === def.initialStage ? [] : roles;
      event('CHANGE_REQUESTED', { comment: action.reason ?? null, data: { changedFields, reapprovalRoles: inApproval ? 'all' : rerun } });
      if (inApproval) sendBack(def, state, approval, ctx, effects, actorId, action.reason ?? null);
      else if (rerun && rerun.length > 0) sendBack(def, state, approval, ctx, effects, actorId, action.reason ?? null, rerun);
      // A waiting stage (approved, before departure) keeps waiting, for the new moment.
      else if (state.phase === 'waiting') state.dueAt = ctx.stageDueAt?.(stageDefinition(def, state.stage), state) ?? state.dueAt;
      break;
    }
    case 'task_assigned': {
      const task = state.tasks.find((t) => t.id === action.taskId)!;
      task.assigneeId = action.assigneeId;
      task.onBehalfOfId = action.onBehalfOfId;
      effects.push({ type: 'task_assigned', taskId: task.id });
      event('TASK_ASSIGNED', { actorId: null, onBehalfOfId: action.onBehalfOfId, data: { taskId: task.id, role: task.role, assigneeId: action.assigneeId } });
      break;
    }
    case 'check_completion':
      if (state.status === 'open') maybeComplete(def, state, ctx, effects);
      break;
  }
  return effects;
}

/** The common steps a kind's own rules build their actions from. */
function engineOps(def: ProcessDefinition, state: ProposalEngineState, ctx: EngineContext, effects: EngineEffect[]): EngineOps {
  const now = ctx.now.toISOString();
  return {
    advance: (to, actorId) => advance(def, state, to, ctx, effects, actorId),
    next: () => nextStage(def, state.stage, state.fields),
    finish: (stage, status, actorId) => finish(state, stage, status, now, effects, actorId),
    openOwnerTask: (action, dueAt) => openTask(def, state, 'work', 'owner', state.ownerId, ctx, effects, { actions: [action], dueAt }),
    closeTasks: (match, decision, by, comment) => closeTasks(state, (t) => t.status === 'open' && match(t), 'done', decision, by, now, effects, comment),
    event: (eventType, actorId, extra = {}) => effects.push({ type: 'event', eventType, fromStage: state.stage, toStage: state.stage, actorId, ...extra }),
  };
}

/** Implementation ends when every action item is done and the convention has entered into force. */
function maybeComplete(def: ProcessDefinition, state: ProposalEngineState, ctx: EngineContext, effects: EngineEffect[]): void {
  if (state.stage !== 'IMPLEMENTATION' || !implementationComplete(state, ctx.now, ctx.today?.(state))) return;
  closeTasks(state, (t) => t.stage === state.stage, 'done', 'completed', null, ctx.now.toISOString(), effects);
  advance(def, state, def.completedStage, ctx, effects, null);
}

export function implementationComplete(state: ProposalEngineState, now: Date, today: string = now.toISOString().slice(0, 10)): boolean {
  const itemsDone = state.actionItems.length > 0 && state.actionItems.every((i) => i.status === 'done');
  const eif = state.deposit?.entryIntoForce;
  return itemsDone && !!eif && today >= eif;
}

function advance(def: ProcessDefinition, state: ProposalEngineState, to: string, ctx: EngineContext, effects: EngineEffect[], actorId: string | null): void {
  const from = state.stage;
  effects.push({ type: 'event', eventType: 'STAGE_CHANGED', fromStage: from, toStage: to, actorId });
  if (to === def.completedStage) {
    finish(state, to, 'completed', ctx.now.toISOString(), effects, actorId, false);
    effects.push({ type: 'stage_changed', from, to });
    return;
  }
  enterStage(def, state, to, ctx, effects);
  effects.push({ type: 'stage_changed', from, to });
}

function sendBack(
  def: ProcessDefinition,
  state: ProposalEngineState,
  to: string,
  ctx: EngineContext,
  effects: EngineEffect[],
  actorId: string | null,
  comment: string | null,
  chain?: RoleName[],
): void {
  const from = state.stage;
  closeTasks(state, (t) => t.status === 'open', 'cancelled', 'sent_back', actorId, ctx.now.toISOString(), effects);
  effects.push({ type: 'event', eventType: 'SENT_BACK', fromStage: from, toStage: to, actorId, comment });
  enterStage(def, state, to, ctx, effects, chain);
  effects.push({ type: 'stage_changed', from, to });
}

function finish(state: ProposalEngineState, stage: string, status: ProposalEngineState['status'], now: string, effects: EngineEffect[], actorId: string | null, closeOpen = true): void {
  const from = state.stage;
  if (closeOpen) closeTasks(state, (t) => t.status === 'open', 'cancelled', status, actorId, now, effects);
  state.stage = stage;
  state.status = status;
  state.phase = 'closed';
  state.stageEnteredAt = now;
  state.dueAt = null;
  if (from !== stage && closeOpen) effects.push({ type: 'stage_changed', from, to: stage });
}

function enterStage(def: ProcessDefinition, state: ProposalEngineState, code: string, ctx: EngineContext, effects: EngineEffect[], chain?: RoleName[]): void {
  const stage = stageDefinition(def, code);
  state.stage = code;
  state.stageEnteredAt = ctx.now.toISOString();
  state.dueAt = ctx.stageDueAt?.(stage, state) ?? new Date(ctx.now.getTime() + stage.slaDays * ctx.dayMs).toISOString();
  state.chainIndex = 0;
  if (stage.work) {
    state.phase = 'work';
    openTask(def, state, 'work', 'owner', state.ownerId, ctx, effects);
  } else if (stage.approval) {
    startApproval(def, state, ctx, effects, chain);
  } else {
    state.phase = 'waiting';
  }
}

/** Opens the first task of the stage's chain: the one given (a re-approval), the context's (routing), or the definition's. */
function startApproval(def: ProcessDefinition, state: ProposalEngineState, ctx: EngineContext, effects: EngineEffect[], chain?: RoleName[]): void {
  const stage = stageDefinition(def, state.stage);
  state.phase = 'approval';
  state.chainIndex = 0;
  const chosen = chain ?? ctx.approvalChain?.(stage, state) ?? null;
  if (chosen) state.chain = [...chosen];
  else delete state.chain;
  openTask(def, state, 'approval', (state.chain ?? stage.approval!.chain)[0], null, ctx, effects);
}

function openTask(
  def: ProcessDefinition,
  state: ProposalEngineState,
  kind: TaskState['kind'],
  role: TaskState['role'],
  assigneeId: string | null,
  ctx: EngineContext,
  effects: EngineEffect[],
  override?: { actions: string[]; dueAt: string | null },
): void {
  const stage = stageDefinition(def, state.stage);
  state.counters.task += 1;
  const task: TaskState = {
    id: `${state.proposalId}:t${state.counters.task}`,
    stage: state.stage,
    kind,
    role,
    assigneeId,
    onBehalfOfId: null,
    status: 'open',
    actions: override?.actions ?? (kind === 'approval' ? ['approve', 'request_changes', 'reject'] : [stage.work!.action]),
    openedAt: ctx.now.toISOString(),
    dueAt: override ? override.dueAt : state.dueAt,
  };
  state.tasks.push(task);
  effects.push({ type: 'task_opened', taskId: task.id });
}

function closeTask(state: ProposalEngineState, task: TaskState, status: 'done' | 'cancelled', decision: string, by: string | null, now: string, effects: EngineEffect[], comment?: string): void {
  Object.assign(task, { status, decision, closedAt: now, ...(by ? { decidedBy: by } : {}), ...(comment ? { comment } : {}) });
  effects.push({ type: 'task_closed', taskId: task.id });
}

function closeTasks(
  state: ProposalEngineState,
  match: (t: TaskState) => boolean,
  status: 'done' | 'cancelled',
  decision: string,
  by: string | null,
  now: string,
  effects: EngineEffect[],
  comment?: string,
): void {
  for (const t of state.tasks) if (t.status === 'open' && match(t)) closeTask(state, t, status, decision, by, now, effects, comment);
}

export function openTasks(state: ProposalEngineState): TaskState[] {
  return state.tasks.filter((t) => t.status === 'open');
}
