import { allHandlersFinished, ApplicationFailure, condition, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { AccordActivities } from '../activities';
import { ACCORD_STAGE, ACTION_DEFERRED, ACTION_REFUSED, HistoryLimits, ProposalActionResult, proposalActionUpdate, ProposalNotification, ProposalResume, proposalStateQuery } from '../libs/contracts';
import {
  ACTION_ITEM_LADDER,
  ActionItem,
  actionItemDueMoment,
  applyAction,
  checkAction,
  EngineContext,
  EngineEffect,
  LadderPoint,
  ladderPoints,
  ProcessDefinition,
  ProposalAction,
  ProposalEngineState,
  stageDefinition,
  TaskState,
} from '../libs/domain';
import { ProposalMailer } from './proposal-mailer';
import { ProposalOutbox } from './proposal-outbox';
import { eventRecord, taskRecord } from './read-model-records';
import { workflowNow } from './workflow-clock';

/**
 * Continue-as-new once the history passes this length (or the server suggests it), as soon as everything queued has
 * left. During a burst of actions that moment may not come, so past the second length new actions are deferred
 * (refused at once with ACTION_DEFERRED, retried by the gateway) until it has: no run ever grows near Temporal's
 * 50,000-event limit, nor past the 10,000 this project allows itself.
 */
const DEFAULT_HISTORY_LIMITS: HistoryLimits = { continueAsNewAfterEvents: 2_000, deferActionsAfterEvents: 5_000 };
const HANDLED_REQUESTS_KEPT = 200;
/** Ends after which an emailed link says the proposal was withdrawn rather than that the task was decided. */
const WITHDRAWN_STATUSES = ['withdrawn', 'cancelled', 'expired', 'terminated'];

const { resolveTaskAssignee } = proxyActivities<AccordActivities>({
  // Short: a single quick query, and after a worker crash the retry waits this long.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface ProposalShellOptions {
  def: ProcessDefinition;
  ctx: () => EngineContext;
  /** Milliseconds in one definition day (task reminder ladders). */
  dayMs: number;
  /** Kind-specific part of the read-model row after an event. */
  details: (state: ProposalEngineState) => Record<string, unknown>;
  /** Timeline events that are someone's decision, with the label the owner's email shows. */
  decisionEvents: Record<string, string>;
  /** Actions only the workflow itself takes; refused when sent from outside. */
  systemActions: string[];
  /** People who must not receive the proposal's role tasks besides the owner. */
  excludedAssignees?: (state: ProposalEngineState) => string[];
  /** A kind's own email when a task gets its assignee (a trip's report due), besides the approval email. */
  assignedNotice?: (t: TaskState) => ProposalNotification | null;
  /** A kind's own reminder in place of the standard one (the report), and extra data for the reminder event. */
  reminderNotice?: (t: TaskState, p: LadderPoint, key: string) => { notification: ProposalNotification | null; eventData: Record<string, unknown> };
  /** Moves the owner hears about another way (a trip's expiry has its own email to everyone). */
  ownerNoticeSkipped?: (to: string) => boolean;
  /** When the owner acts (a trip's requester cancels or changes it), whether the fellow travellers are told. */
  ownerActionsToldToTravellers?: () => boolean;
  /** Version gates of workflows whose recorded histories predate email and task rows on assignment (patched()). */
  mailEnabled?: () => boolean;
  taskRowOnAssignment?: () => boolean;
  resume?: ProposalResume;
  historyLimits?: HistoryLimits;
  /** The first state and its effects, when not resuming. */
  init: () => { state: ProposalEngineState; effects: EngineEffect[] };
}

/**
 * What every proposal-like workflow does around the pure engine: the read-model outbox, the mail queue, role
 * tasks assigned to people, task emails with reminders and escalations from the stage's ladder, one notice to the
 * owner per action someone else took, the action Update and state Query, and continue-as-new before the history
 * grows long. A workflow adds only its own timers and notices.
 */
export class ProposalShell {
  state!: ProposalEngineState;
  eventSeq: number;
  readonly workflowId = workflowInfo().workflowId;
  private readonly outbox = new ProposalOutbox();
  private readonly mailer: ProposalMailer;
  private readonly pendingAssignments: string[] = [];
  private readonly handled: Record<string, ProposalActionResult>;
  /** Ladder points already fired (key per task or item, point and person), carried across continue-as-new. */
  private readonly fired: Set<string>;
  /** Whether action items get emails and reminders (histories recorded before this had none). */
  private actionItemMailOn?: boolean;

  constructor(private readonly o: ProposalShellOptions) {
    this.eventSeq = o.resume?.eventSeq ?? 0;
    this.handled = { ...(o.resume?.handledRequests ?? {}) };
    this.fired = new Set(o.resume?.firedReminders ?? []);
    this.mailer = new ProposalMailer(
      (n, outcome) => {
        const sent = outcome.sent.map((m) => this.event('EMAIL_SENT', { ...m, purpose: n.template }));
        if (sent.length) this.carryOut(sent);
      },
      (n, reason) => this.carryOut([this.event('EMAIL_FAILED', { template: n.template, reason })]),
    );
    if (o.resume) {
      this.state = o.resume.state;
      for (const t of this.state.tasks) if (t.status === 'open' && t.assigneeId === null) this.pendingAssignments.push(t.id);
      if (patched('resume-without-repeated-mail')) {
        // The previous run sent the assignment emails and fired some ladder points: watch the rest only.
        const knownFired = o.resume.firedReminders !== undefined;
        for (const t of this.state.tasks) if (t.status === 'open' && t.assigneeId) this.taskAssigned(t, { resumed: true, knownFired });
        if (this.actionItemsMailOn()) for (const i of this.state.actionItems) if (i.status === 'open') this.actionItemAssigned(i, { resumed: true, knownFired });
      } else {
        // Watch the open tasks again; idempotency keys make sure nothing already sent goes out twice.
        for (const t of this.state.tasks) if (t.status === 'open' && t.assigneeId) this.taskAssigned(t);
      }
    } else {
      const init = o.init();
      this.state = init.state;
      this.carryOut(init.effects);
    }
    this.installHandlers();
    void this.assignTasks();
  }

  private mailOn(): boolean {
    return this.o.mailEnabled?.() ?? true;
  }

  private actionItemsMailOn(): boolean {
    return this.mailOn() && (this.actionItemMailOn ??= patched('action-item-reminders'));
  }

  private event(eventType: string, data: Record<string, unknown>): Extract<EngineEffect, { type: 'event' }> {
    return { type: 'event', eventType, fromStage: this.state.stage, toStage: this.state.stage, actorId: null, data };
  }

  notification(n: Omit<ProposalNotification, 'proposalId' | 'workflowId' | 'stage' | 'definitionVersion'> & { stage?: string }): ProposalNotification {
    return { proposalId: this.state.proposalId, workflowId: this.workflowId, stage: this.state.stage, definitionVersion: this.state.definitionVersion, ...n };
  }

  notify(n: ProposalNotification): void {
    this.mailer.push({ kind: 'notify', notification: n });
  }

  /** Runs a system action (a timer the workflow keeps) through the engine. */
  system(action: ProposalAction): EngineEffect[] {
    const effects = applyAction(this.o.def, this.state, action, this.o.ctx());
    this.carryOut(effects);
    this.notifyOwner(effects, null);
    return effects;
  }

  get tooLong(): boolean {
    return workflowInfo().historyLength > this.limits.continueAsNewAfterEvents || workflowInfo().continueAsNewSuggested;
  }

  /**
   * Long past the point of continuing as new: new actions wait until it has happened. (Continue-as-new also waits for
   * queued email, so while the mail server is down a proposal this long defers actions until it is back.)
   */
  private get deferringActions(): boolean {
    return this.state.status === 'open' && this.tooLong && workflowInfo().historyLength > this.limits.deferActionsAfterEvents;
  }

  private get limits(): HistoryLimits {
    return this.o.historyLimits ?? DEFAULT_HISTORY_LIMITS;
  }

  /** Everything queued has left the workflow (before continue-as-new or the end). */
  private async drained(withAssignments = true): Promise<void> {
    await condition(() => this.outbox.empty && this.mailer.empty && (!withAssignments || this.pendingAssignments.length === 0) && allHandlersFinished());
  }

  /** Once the history is long: waits for everything queued to leave, then continues as new with the state carried. */
  async continueAsNewIfLong(next: (resume: ProposalResume) => Promise<never>): Promise<void> {
    if (!this.tooLong) return;
    await this.drained();
    // Only what the next run can still need: points of tasks and items that are open.
    const open = [...this.state.tasks.filter((t) => t.status === 'open').map((t) => `${t.id}:`), ...this.state.actionItems.filter((i) => i.status === 'open').map((i) => `item:${i.id}:`)];
    const firedReminders = [...this.fired].filter((k) => open.some((prefix) => k.startsWith(prefix)));
    await next({ state: this.state, eventSeq: this.eventSeq, handledRequests: this.handled, firedReminders });
  }

  /** The end: waits for the read model and mail to catch up, and returns the final state. */
  async finish(): Promise<ProposalEngineState> {
    await this.drained(false);
    return this.state;
  }

  taskFacts(t: TaskState) {
    return { id: t.id, assigneeId: t.assigneeId!, onBehalfOfId: t.onBehalfOfId, dueAt: t.dueAt, actions: t.kind === 'approval' ? t.actions : [] };
  }

  /** Emails the assignee of an approval and watches any task: reminders before its due date, escalations after. */
  private taskAssigned(t: TaskState, resume?: { resumed: true; knownFired: boolean }): void {
    if (!this.mailOn() || !t.assigneeId) return;
    if (!resume) {
      if (t.kind === 'approval') {
        this.notify(this.notification({ idempotencyKey: `${t.id}:assigned:${t.assigneeId}:e${this.eventSeq}`, recipient: { userId: t.assigneeId }, template: 'task-assigned', task: this.taskFacts(t) }));
      }
      const own = this.o.assignedNotice?.(t);
      if (own) this.notify(own);
    }
    if (!t.dueAt) return;
    const assignee = t.assigneeId;
    const stillTheirs = () => t.status === 'open' && t.assigneeId === assignee;
    const points = ladderPoints(Date.parse(t.dueAt), stageDefinition(this.o.def, t.stage).reminders, this.o.dayMs);
    void (async () => {
      for (const p of points) {
        const key = `${t.id}:${p.kind}${p.n}:${assignee}`;
        if (resume && this.fired.has(key)) continue;
        const wait = p.atMs - workflowNow().getTime();
        if (wait > 0) {
          if (await condition(() => !stillTheirs(), wait)) return;
        } else if (p.kind === 'reminder' || (resume && !resume.knownFired)) continue; // assigned after this reminder was due: the assignment email says it all
        if (!stillTheirs()) return;
        this.fired.add(key);
        const own = p.kind === 'reminder' ? this.o.reminderNotice?.(t, p, key) : undefined;
        this.notify(
          own?.notification
            ? own.notification
            : p.kind === 'reminder'
            ? this.notification({ idempotencyKey: key, recipient: { userId: assignee }, template: 'task-reminder', task: this.taskFacts(t), reminderNumber: p.n, stage: t.stage })
            : this.notification({
                idempotencyKey: key,
                recipient: p.to === 'supervisor' ? { supervisorOf: assignee } : { role: 'leadership' },
                template: 'task-escalated',
                task: this.taskFacts(t),
                escalation: { level: p.to!, overdueMs: p.overdueMs! },
                stage: t.stage,
              }),
        );
        this.carryOut([
          {
            type: 'event',
            eventType: p.kind === 'reminder' ? 'TASK_REMINDED' : 'TASK_ESCALATED',
            fromStage: t.stage,
            toStage: t.stage,
            actorId: null,
            data: { taskId: t.id, n: p.n, ...(p.to ? { to: p.to } : {}), ...(own?.eventData ?? {}) },
          },
        ]);
      }
    })();
  }

  /**
   * An implementation action item given to someone: they are told, reminded before and after its due date, and
   * their supervisor is told when it stays overdue. Points already past when it is given are covered by the first email.
   */
  private actionItemAssigned(item: ActionItem, resume?: { resumed: true; knownFired: boolean }): void {
    const owner = item.ownerId;
    const base = `item:${item.id}`;
    const facts = (purpose: 'assigned' | 'reminder' | 'overdue' | 'escalated') => ({ id: item.id, title: item.title, dueDate: item.dueDate, ownerId: owner, purpose });
    if (!resume) {
      this.notify(this.notification({ idempotencyKey: `${base}:assigned:${owner}:e${this.eventSeq}`, recipient: { userId: owner }, template: 'action-item', actionItem: facts('assigned') }));
    }
    const stillTheirs = () => this.state.status === 'open' && item.status === 'open' && item.ownerId === owner;
    const givenAt = workflowNow().getTime();
    const points = ladderPoints(actionItemDueMoment(item, this.o.dayMs, workflowNow()), ACTION_ITEM_LADDER, this.o.dayMs);
    void (async () => {
      for (const p of points) {
        const key = `${base}:${p.kind}${p.n}:${owner}`;
        // Already fired in an earlier run, or already past when the item was given (its first email covers it).
        if (this.fired.has(key) || p.atMs <= givenAt) continue;
        const wait = p.atMs - workflowNow().getTime();
        if (wait > 0 && (await condition(() => !stillTheirs(), wait))) return;
        if (!stillTheirs()) return;
        this.fired.add(key);
        const purpose = p.kind === 'escalation' ? 'escalated' : p.overdueMs ? 'overdue' : 'reminder';
        this.notify(
          this.notification({
            idempotencyKey: key,
            recipient: p.kind === 'escalation' ? { supervisorOf: owner } : { userId: owner },
            template: 'action-item',
            actionItem: facts(purpose),
            ...(p.kind === 'reminder' ? { reminderNumber: p.n } : {}),
          }),
        );
        this.carryOut([
          {
            type: 'event',
            eventType: p.kind === 'escalation' ? 'ACTION_ITEM_ESCALATED' : 'ACTION_ITEM_REMINDED',
            fromStage: this.state.stage,
            toStage: this.state.stage,
            actorId: null,
            data: { itemId: item.id, n: p.n, ownerId: owner, ...(p.kind === 'escalation' ? { to: 'supervisor' } : { overdue: !!p.overdueMs }) },
          },
        ]);
      }
    })();
  }

  /** One notice to the owner per action someone else took: the decision and/or where the proposal went. */
  private notifyOwner(effects: EngineEffect[], actorId: string | null): void {
    if (!this.mailOn()) return;
    const byOwner = actorId === this.state.ownerId;
    if (byOwner && !this.hasOwnerNoticeWorth(effects)) return;
    if (byOwner && !this.o.ownerActionsToldToTravellers?.()) return;
    const decisionEvent = effects.find((e) => e.type === 'event' && this.o.decisionEvents[e.eventType]) as Extract<EngineEffect, { type: 'event' }> | undefined;
    const move = [...effects].reverse().find((e) => e.type === 'stage_changed') as Extract<EngineEffect, { type: 'stage_changed' }> | undefined;
    if (!decisionEvent && !move) return;
    if (move && this.o.ownerNoticeSkipped?.(move.to)) return;
    const at = workflowNow().toISOString();
    this.notify(
      this.notification({
        idempotencyKey: `${this.workflowId}:owner:e${this.eventSeq}`,
        // What the owner did themselves goes to the others concerned (a trip's travellers), not back to them.
        recipient: byOwner ? { travellersExcept: this.state.ownerId } : { userId: this.state.ownerId },
        template: 'owner-notification',
        ...(decisionEvent ? { decision: { action: this.o.decisionEvents[decisionEvent.eventType], byId: decisionEvent.actorId, at, comment: decisionEvent.comment ?? null } } : {}),
        ...(move ? { stageChange: { from: move.from, to: move.to, at } } : {}),
      }),
    );
  }

  /** An action of the owner's that others would need to hear of: a decision-like event or a stage move. */
  private hasOwnerNoticeWorth(effects: EngineEffect[]): boolean {
    return effects.some((e) => (e.type === 'event' && this.o.decisionEvents[e.eventType]) || e.type === 'stage_changed');
  }

  /** Turns the engine's effects into read-model writes, assignments, emails and search-attribute updates. */
  carryOut(effects: EngineEffect[]): void {
    const state = this.state;
    const task = (id: string) => state.tasks.find((t) => t.id === id)!;
    for (const e of effects) {
      switch (e.type) {
        case 'event':
          this.eventSeq += 1;
          this.outbox.push({ kind: 'event', record: eventRecord(state, this.workflowId, this.eventSeq, e, this.o.details(state)) });
          if ((e.eventType === 'ACTION_ITEM_ADDED' || e.eventType === 'ACTION_ITEM_REASSIGNED') && this.actionItemsMailOn()) {
            const item = state.actionItems.find((i) => i.id === (e.data as { itemId?: string } | undefined)?.itemId);
            if (item) this.actionItemAssigned(item);
          }
          break;
        case 'task_opened': {
          const t = task(e.taskId);
          if (t.assigneeId === null) this.pendingAssignments.push(t.id);
          this.outbox.push({ kind: 'task', record: taskRecord(state, this.workflowId, this.eventSeq, t) });
          if (t.assigneeId) this.taskAssigned(t);
          break;
        }
        case 'task_assigned':
        case 'task_reassigned': {
          const t = task(e.taskId);
          if (e.type === 'task_reassigned' || (this.o.taskRowOnAssignment?.() ?? true)) this.outbox.push({ kind: 'task', record: taskRecord(state, this.workflowId, this.eventSeq, t) });
          // Old links die before the new assignee's go out.
          if (e.type === 'task_reassigned' && this.mailOn()) this.mailer.push({ kind: 'revoke', taskId: t.id, reason: 'reassigned' });
          this.taskAssigned(t);
          break;
        }
        case 'task_closed': {
          const t = task(e.taskId);
          this.outbox.push({ kind: 'task', record: taskRecord(state, this.workflowId, this.eventSeq, t) });
          if (this.mailOn() && t.kind === 'approval') this.mailer.push({ kind: 'revoke', taskId: t.id, reason: WITHDRAWN_STATUSES.includes(state.status) ? 'withdrawn' : 'task_closed' });
          break;
        }
        case 'stage_changed':
          upsertSearchAttributes([{ key: ACCORD_STAGE, value: e.to }]);
          break;
      }
    }
  }

  private installHandlers(): void {
    setHandler(proposalStateQuery, () => ({ ...this.state, eventSeq: this.eventSeq }));
    setHandler(
      proposalActionUpdate,
      (req) => {
        const seen = this.handled[req.requestId];
        if (seen) return seen;
        const effects = applyAction(this.o.def, this.state, req.action, this.o.ctx());
        this.carryOut(effects);
        this.notifyOwner(effects, req.action.actor.id);
        const result = { stage: this.state.stage, status: this.state.status, eventSeq: this.eventSeq };
        this.handled[req.requestId] = result;
        const keys = Object.keys(this.handled);
        if (keys.length > HANDLED_REQUESTS_KEPT) delete this.handled[keys[0]];
        return result;
      },
      {
        validator: (req) => {
          if (this.handled[req.requestId]) return;
          if (this.deferringActions) {
            throw ApplicationFailure.create({ type: ACTION_DEFERRED, message: 'the proposal is continuing as new; try again in a moment', nonRetryable: true });
          }
          if (this.o.systemActions.includes(req.action.type as string)) {
            throw ApplicationFailure.create({ type: ACTION_REFUSED, message: 'system action', details: [{ code: 'invalid_input', message: 'system action', stage: this.state.stage }] });
          }
          const refusal = checkAction(this.o.def, this.state, req.action, this.o.ctx());
          if (refusal) throw ApplicationFailure.create({ type: ACTION_REFUSED, message: refusal.message, details: [refusal], nonRetryable: true });
        },
      },
    );
  }

  /** Role tasks go to people (delegation honoured by the directory), one at a time, in order. */
  private async assignTasks(): Promise<void> {
    for (;;) {
      await condition(() => this.pendingAssignments.length > 0);
      const taskId = this.pendingAssignments[0];
      const t = this.state.tasks.find((x) => x.id === taskId);
      if (t && t.status === 'open' && t.assigneeId === null) {
        const exclude = [...new Set([this.state.ownerId, ...(this.o.excludedAssignees?.(this.state) ?? [])])];
        const who = await resolveTaskAssignee({ role: t.role, division: this.state.division, excludeUserIds: exclude, at: workflowNow().toISOString() });
        // The task may have been closed or reassigned while we asked.
        if (t.status === 'open' && t.assigneeId === null) {
          if (who) this.carryOut(applyAction(this.o.def, this.state, { type: 'task_assigned', taskId, assigneeId: who.assigneeId, onBehalfOfId: who.onBehalfOfId }, this.o.ctx()));
          else this.carryOut([{ type: 'event', eventType: 'NO_ASSIGNEE', fromStage: this.state.stage, toStage: this.state.stage, actorId: null, data: { taskId, role: t.role } }]);
        }
      }
      this.pendingAssignments.shift();
    }
  }
}
