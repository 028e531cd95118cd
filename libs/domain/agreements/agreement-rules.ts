import { addDays, compareIsoDates, isIsoDate, IsoDate } from '../calendar/iso-date';
import { calendarDate, CalendarClock } from '../calendar/scaled-calendar';
import type { ProcessDefinition } from '../process/process-definition';
import { blankState } from '../process/proposal-engine';
import type { Actor, EngineContext, EngineRefusal, KindRules, ProposalAction, ProposalEngineState, RefusalCode } from '../process/proposal-engine.types';
import { agreementData, AgreementData, ENTRY_INTO_FORCE_RULE_TYPES, INSTRUMENT_TYPES, PARTIES } from './agreement-data';
import { agreementEntryIntoForce, AgreementLifeRules, InForcePoint, needsNotifications } from './agreement-life';

/** Stages before IN_FORCE in which the diplomatic notifications may be recorded (after the instrument is signed). */
const NOTIFICATION_STAGES = ['SIGNATURE', 'RATIFICATION'];
const TERMS_STAGES = ['DRAFT', 'NEGOTIATION', 'TRANSLATION', 'COORDINATION', 'INTERNAL_REVIEW', 'CABINET_REVIEW'];
const OWN_ACTIONS = [
  'record_negotiation_round',
  'set_agreement_terms',
  'record_signature',
  'record_ratification',
  'record_notification',
  'set_contact_points',
  'record_joint_activity',
  'complete_annual_review',
  'terminate',
  'agreement_timer',
];

const refuse = (state: ProposalEngineState, code: RefusalCode, message: string, missing?: string[]): EngineRefusal => ({ code, message, stage: state.stage, ...(missing ? { missing } : {}) });
const isOwnerOrAdmin = (s: ProposalEngineState, a: Actor) => a.id === s.ownerId || a.roles.includes('admin');
const blank = (v: unknown) => typeof v !== 'string' || !v.trim();

/**
 * A bilateral agreement's own rules on top of the common engine: negotiation rounds, its terms (entry-into-force
 * clause, validity and renewal), signature, ratification and the exchange of notifications that brings it into
 * force, and its life in force (contact points, joint activities, annual reviews, renewal, expiry, termination).
 * Dates are calendar dates on the agreement's clock, so a scaled clock (tests) moves them along with its timers.
 */
export function agreementRules(clock: CalendarClock, life: AgreementLifeRules): KindRules {
  const today = (ctx: EngineContext) => calendarDate(ctx.now, clock);
  const pastOrToday = (ctx: EngineContext, name: string, v: unknown): string | null =>
    !isIsoDate(v) ? `${name} must be a date (YYYY-MM-DD)` : compareIsoDates(v, today(ctx)) > 0 ? `${name} cannot be in the future` : null;

  function check(def: ProcessDefinition, state: ProposalEngineState, action: ProposalAction, ctx: EngineContext): EngineRefusal | null | undefined {
    const data = agreementData(state);
    if (action.type === 'submit' && state.stage === 'DRAFT') {
      const f = state.fields;
      if (f.instrumentType && !(INSTRUMENT_TYPES as readonly string[]).includes(f.instrumentType)) return refuse(state, 'invalid_input', `instrumentType must be one of ${INSTRUMENT_TYPES.join(', ')}`);
      if (f.requiresRatification && !['yes', 'no'].includes(f.requiresRatification)) return refuse(state, 'invalid_input', 'requiresRatification must be yes or no');
      if (f.instrumentType === 'interagency_mou' && f.requiresRatification === 'yes') return refuse(state, 'invalid_input', 'an inter-agency MoU is not ratified');
      return undefined;
    }
    if (action.type === 'complete_work' && state.stage === 'NEGOTIATION' && data.rounds.length === 0) {
      return refuse(state, 'missing_requirement', 'record at least one negotiation round', ['negotiationRounds']);
    }
    if (!OWN_ACTIONS.includes(action.type)) return undefined;
    if (action.type === 'agreement_timer') return state.stage === 'IN_FORCE' ? null : refuse(state, 'not_allowed_now', `no agreement timer in stage ${state.stage}`);
    if (!('actor' in action)) return refuse(state, 'invalid_input', 'an actor is required');
    const owner = isOwnerOrAdmin(state, action.actor);
    if (!owner) return refuse(state, 'not_your_task', 'only the agreement owner or an admin can do this');
    switch (action.type) {
      case 'record_negotiation_round': {
        if (state.stage !== 'NEGOTIATION') return refuse(state, 'not_allowed_now', `negotiation rounds are recorded in NEGOTIATION, not ${state.stage}`);
        const r = action.round;
        const bad = pastOrToday(ctx, 'round date', r.date) ?? (blank(r.place) ? 'place is required' : blank(r.textVersion) ? 'textVersion is required' : null);
        return bad ? refuse(state, 'invalid_input', bad) : null;
      }
      case 'set_agreement_terms': {
        if (!TERMS_STAGES.includes(state.stage)) return refuse(state, 'not_allowed_now', `the terms are fixed once the instrument is signed (stage ${state.stage})`);
        const problem = termsProblem(action.terms);
        return problem ? refuse(state, 'invalid_input', problem) : null;
      }
      case 'record_signature': {
        if (state.stage !== 'SIGNATURE' || data.signature) return refuse(state, 'not_allowed_now', `the signature is recorded in SIGNATURE, once (stage ${state.stage})`);
        const s = action.signature;
        const bad =
          pastOrToday(ctx, 'signature date', s.date) ??
          (blank(s.place) ? 'place is required' : null) ??
          (!Array.isArray(s.signatories) || !PARTIES.every((p) => s.signatories.some((x) => x.party === p && !blank(x.name) && !blank(x.title)))
            ? 'one signatory (name and title) for each party is required'
            : null);
        return bad ? refuse(state, 'invalid_input', bad) : null;
      }
      case 'record_ratification': {
        if (state.stage !== 'RATIFICATION' || data.ratification) return refuse(state, 'not_allowed_now', `ratification is recorded in RATIFICATION, once (stage ${state.stage})`);
        const r = action.ratification;
        const bad = !['law', 'resolution'].includes(r.actKind) ? 'actKind must be law or resolution' : blank(r.actNumber) ? 'actNumber is required' : pastOrToday(ctx, 'actDate', r.actDate);
        if (!bad && data.signature && compareIsoDates(r.actDate, data.signature.date) < 0) return refuse(state, 'invalid_input', 'ratification cannot precede signature');
        return bad ? refuse(state, 'invalid_input', bad) : null;
      }
      case 'record_notification': {
        if (!NOTIFICATION_STAGES.includes(state.stage) || !data.signature) return refuse(state, 'not_allowed_now', `notifications are recorded after signature and before entry into force (stage ${state.stage})`);
        if (!needsNotifications(data.entryIntoForceRule)) return refuse(state, 'not_allowed_now', 'this instrument enters into force on signature; no notifications are needed');
        const n = action.notification;
        if (!(PARTIES as readonly string[]).includes(n.party)) return refuse(state, 'invalid_input', `party must be one of ${PARTIES.join(', ')}`);
        if (data.notifications.some((x) => x.party === n.party)) return refuse(state, 'not_allowed_now', `the ${n.party} notification is already recorded`);
        const bad = pastOrToday(ctx, 'notification date', n.date) ?? (blank(n.reference) ? 'reference is required' : null);
        if (!bad && compareIsoDates(n.date, data.signature.date) < 0) return refuse(state, 'invalid_input', 'a notification cannot precede signature');
        return bad ? refuse(state, 'invalid_input', bad) : null;
      }
      case 'set_contact_points': {
        const ok = Array.isArray(action.contactPoints) && action.contactPoints.every((c) => (PARTIES as readonly string[]).includes(c.party) && !blank(c.name));
        return ok ? null : refuse(state, 'invalid_input', 'each contact point needs a party (mongolia or counterpart) and a name');
      }
      case 'record_joint_activity': {
        if (state.stage !== 'IN_FORCE') return refuse(state, 'not_allowed_now', `joint activities are recorded while the agreement is in force, not in ${state.stage}`);
        const a = action.activity;
        const bad = !isIsoDate(a.date) ? 'date must be a date (YYYY-MM-DD)' : blank(a.title) ? 'title is required' : null;
        return bad ? refuse(state, 'invalid_input', bad) : null;
      }
      case 'complete_annual_review': {
        const open = state.tasks.find((t) => t.status === 'open' && t.actions.includes('complete_annual_review'));
        if (!open) return refuse(state, 'not_allowed_now', 'no annual review is open');
        return blank(action.summary) ? refuse(state, 'invalid_input', 'a summary of the review is required') : null;
      }
      case 'terminate': {
        if (state.stage !== 'IN_FORCE') return refuse(state, 'not_allowed_now', `only an agreement in force is terminated (stage ${state.stage}); withdraw it instead`);
        if (data.termination) return refuse(state, 'not_allowed_now', `termination was already notified, effective ${data.termination.effectiveDate}`);
        const t = action.termination;
        const bad =
          (!(PARTIES as readonly string[]).includes(t.initiatedBy) ? `initiatedBy must be one of ${PARTIES.join(', ')}` : null) ??
          pastOrToday(ctx, 'noticeDate', t.noticeDate) ??
          (!isIsoDate(t.effectiveDate) ? 'effectiveDate must be a date (YYYY-MM-DD)' : compareIsoDates(t.effectiveDate, t.noticeDate) < 0 ? 'effectiveDate cannot precede noticeDate' : null) ??
          (blank(t.reason) ? 'a reason is required' : null);
        return bad ? refuse(state, 'invalid_input', bad) : null;
      }
    }
    return undefined;
  }

  function apply(def: ProcessDefinition, state: ProposalEngineState, action: ProposalAction, ctx: EngineContext, _effects: unknown, ops: Parameters<KindRules['apply']>[5]): boolean {
    if (!OWN_ACTIONS.includes(action.type)) return false;
    const data = agreementData(state);
    const actorId = 'actor' in action ? action.actor.id : null;
    const now = ctx.now.toISOString();

    /** Into force once the trigger the clause counts from is known; the stage stays until then. */
    const enterIntoForceIfReady = () => {
      const eif = agreementEntryIntoForce(data.entryIntoForceRule, data.signature?.date ?? null, data.notifications);
      const lastStage = ops.next() === 'IN_FORCE';
      if (!lastStage || !eif) return;
      data.entryIntoForce = eif;
      state.fields.entryIntoForce = eif;
      ops.closeTasks(() => true, 'entered_into_force', actorId);
      ops.event('ENTRY_INTO_FORCE_FIXED', actorId, { data: { entryIntoForce: eif, rule: data.entryIntoForceRule.type } });
      ops.advance('IN_FORCE', actorId);
      enteredInForce(state, today(ctx));
    };

    switch (action.type) {
      case 'record_negotiation_round': {
        const round = { n: data.rounds.length + 1, ...trimmed(action.round), recordedAt: now };
        data.rounds.push(round);
        ops.event('NEGOTIATION_ROUND_RECORDED', actorId, { data: { n: round.n, date: round.date, place: round.place, textVersion: round.textVersion } });
        return true;
      }
      case 'set_agreement_terms':
        data.entryIntoForceRule = action.terms.entryIntoForceRule;
        data.renewalRule = action.terms.renewalRule;
        ops.event('TERMS_SET', actorId, { data: { entryIntoForceRule: data.entryIntoForceRule, renewalRule: data.renewalRule } });
        return true;
      case 'record_signature': {
        data.signature = { date: action.signature.date, place: action.signature.place.trim(), signatories: action.signature.signatories.map((s) => trimmed(s)) };
        state.fields.signatureDate = data.signature.date;
        ops.closeTasks((t) => t.stage === state.stage, 'signed', actorId);
        ops.event('SIGNED', actorId, { data: { date: data.signature.date, place: data.signature.place, signatories: data.signature.signatories } });
        if (ops.next() !== 'IN_FORCE') ops.advance(ops.next(), actorId);
        else {
          enterIntoForceIfReady();
          if (state.stage === 'SIGNATURE') state.phase = 'waiting'; // for the notifications
        }
        return true;
      }
      case 'record_ratification':
        data.ratification = { actKind: action.ratification.actKind, actNumber: action.ratification.actNumber.trim(), actDate: action.ratification.actDate };
        ops.closeTasks((t) => t.stage === state.stage, 'ratified', actorId);
        ops.event('RATIFIED', actorId, { data: { ...data.ratification } });
        enterIntoForceIfReady();
        if (state.stage === 'RATIFICATION') state.phase = 'waiting'; // for the notifications
        return true;
      case 'record_notification':
        data.notifications.push({ party: action.notification.party, date: action.notification.date, reference: action.notification.reference.trim() });
        ops.event('NOTIFICATION_RECORDED', actorId, { data: { ...action.notification } });
        // Before the last stage's work is done (unsigned, or not yet ratified) the notes simply wait.
        if (!state.tasks.some((t) => t.status === 'open' && t.stage === state.stage && t.kind === 'work')) enterIntoForceIfReady();
        return true;
      case 'set_contact_points':
        data.contactPoints = action.contactPoints.map((c) => trimmed(c));
        ops.event('CONTACT_POINTS_SET', actorId, { data: { count: data.contactPoints.length } });
        return true;
      case 'record_joint_activity': {
        const activity = { id: `a${data.jointActivities.length + 1}`, ...trimmed(action.activity) };
        data.jointActivities.push(activity);
        ops.event('JOINT_ACTIVITY_RECORDED', actorId, { data: { ...activity } });
        return true;
      }
      case 'complete_annual_review': {
        const task = state.tasks.find((t) => t.status === 'open' && t.actions.includes('complete_annual_review'))!;
        const review = data.reviews.find((r) => r.taskId === task.id);
        if (review) Object.assign(review, { completedAt: now, summary: action.summary.trim() });
        ops.closeTasks((t) => t.id === task.id, 'complete_annual_review', actorId, action.summary.trim());
        ops.event('ANNUAL_REVIEW_COMPLETED', actorId, { comment: action.summary.trim(), data: { dueDate: review?.dueDate ?? null } });
        return true;
      }
      case 'terminate': {
        data.termination = { ...action.termination, reason: action.termination.reason.trim() };
        ops.event('TERMINATION_NOTIFIED', actorId, { comment: data.termination.reason, data: { ...data.termination } });
        if (compareIsoDates(data.termination.effectiveDate, today(ctx)) <= 0) terminateNow(ops, actorId, data);
        return true;
      }
      case 'agreement_timer':
        for (const p of action.points) if (state.status === 'open') timerPoint(state, data, p, ops, ctx);
        return true;
    }
    return false;
  }

  function timerPoint(state: ProposalEngineState, data: AgreementData, p: InForcePoint, ops: Parameters<KindRules['apply']>[5], ctx: EngineContext): void {
    data.inForceCursor = p.date;
    switch (p.kind) {
      case 'notice_reminder':
      case 'renewal_reminder':
      case 'expiry_reminder':
        ops.event('DEADLINE_REMINDER', null, { data: { kind: p.kind, deadline: p.deadline, daysBefore: p.daysBefore, date: p.date } });
        break;
      case 'annual_review': {
        const due = addDays(p.date, life.annualReviewDueDays);
        // The task is due when its due date ends, on the agreement's clock.
        const dueAt = new Date(ctx.now.getTime() + (life.annualReviewDueDays + 1) * clock.dayMs).toISOString();
        ops.openOwnerTask('complete_annual_review', dueAt);
        const task = state.tasks[state.tasks.length - 1];
        data.reviews.push({ dueDate: p.date, taskId: task.id, completedAt: null, summary: null });
        ops.event('ANNUAL_REVIEW_OPENED', null, { data: { anniversary: p.date, dueDate: due, taskId: task.id } });
        break;
      }
      case 'renewal':
        data.renewals.push({ expiry: p.date, renewedOn: ctx.now.toISOString() });
        ops.event('RENEWED', null, { data: { previousExpiry: p.date } });
        break;
      case 'expiry':
        ops.closeTasks(() => true, 'expired', null);
        ops.event('AGREEMENT_EXPIRED', null, { toStage: 'EXPIRED', data: { expiry: p.date } });
        ops.finish('EXPIRED', 'expired', null);
        break;
      case 'termination':
        terminateNow(ops, null, data);
        break;
    }
  }

  return { check, apply };
}

function terminateNow(ops: Parameters<KindRules['apply']>[5], actorId: string | null, data: AgreementData): void {
  ops.closeTasks(() => true, 'terminated', actorId);
  ops.event('TERMINATED', actorId, { toStage: 'TERMINATED', data: { effectiveDate: data.termination!.effectiveDate, initiatedBy: data.termination!.initiatedBy } });
  ops.finish('TERMINATED', 'terminated', actorId);
}

/** IN_FORCE has no SLA; its own dates start from the day it was entered (earlier ones are history, not reminders). */
export function enteredInForce(state: ProposalEngineState, today: IsoDate): void {
  state.dueAt = null;
  agreementData(state).inForceCursor = today;
}

/** A problem with an agreement's terms, or null. */
export function termsProblem(terms: Pick<AgreementData, 'entryIntoForceRule' | 'renewalRule'>): string | null {
  const r = terms.entryIntoForceRule as { type?: string; days?: unknown; months?: unknown } | undefined;
  if (!r || !(ENTRY_INTO_FORCE_RULE_TYPES as readonly string[]).includes(r.type ?? '')) return `entryIntoForceRule.type must be one of ${ENTRY_INTO_FORCE_RULE_TYPES.join(', ')}`;
  if (r.type === 'days_after_last_notification' && !(Number.isInteger(r.days) && (r.days as number) >= 0 && (r.days as number) <= 3650)) return 'entryIntoForceRule.days must be a whole number from 0 to 3650';
  if (r.type === 'first_day_of_month_after_last_notification' && !(Number.isInteger(r.months) && (r.months as number) >= 1 && (r.months as number) <= 120)) return 'entryIntoForceRule.months must be a whole number from 1 to 120';
  const v = terms.renewalRule;
  if (v === null) return null;
  const whole = (n: unknown, min: number, max: number) => Number.isInteger(n) && (n as number) >= min && (n as number) <= max;
  if (!v || !whole(v.validityYears, 1, 100)) return 'renewalRule.validityYears must be a whole number from 1 to 100 (or renewalRule null: in force until terminated)';
  if (!whole(v.reviewLeadMonths, 0, 24)) return 'renewalRule.reviewLeadMonths must be a whole number from 0 to 24';
  if (v.automaticRenewal !== null && (!v.automaticRenewal || !whole(v.automaticRenewal.periodYears, 1, 100) || !whole(v.automaticRenewal.noticeMonths, 0, 60))) {
    return 'renewalRule.automaticRenewal needs periodYears (1-100) and noticeMonths (0-60), or null when the agreement simply expires';
  }
  return null;
}

function trimmed<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as T;
}

/**
 * The state of an instrument concluded before Accord, imported in its final stage: no lifecycle is replayed, no
 * task is opened, and one IMPORTED event starts its timeline. An instrument still in force keeps its future
 * dates (reminders, reviews, renewal) from `today` on.
 */
export function importedAgreementState(
  def: ProcessDefinition,
  p: { proposalId: string; ownerId: string; division: string | null; fields: Record<string, string>; data: AgreementData; stage: 'IN_FORCE' | 'TERMINATED' | 'EXPIRED' },
  now: Date,
  today: IsoDate,
): { state: ProposalEngineState; effects: import('../process/proposal-engine.types').EngineEffect[] } {
  const open = p.stage === 'IN_FORCE';
  const fields = { ...p.fields, ...(p.data.entryIntoForce ? { entryIntoForce: p.data.entryIntoForce } : {}), ...(p.data.signature ? { signatureDate: p.data.signature.date } : {}) };
  const state = blankState(def, { ...p, fields, data: { ...p.data, inForceCursor: today } as unknown as Record<string, unknown> }, p.stage, now);
  state.status = open ? 'open' : p.stage === 'TERMINATED' ? 'terminated' : 'expired';
  state.phase = open ? 'waiting' : 'closed';
  return {
    state,
    effects: [{ type: 'event', eventType: 'IMPORTED', fromStage: null, toStage: p.stage, actorId: p.ownerId, data: { key: p.data.imported?.key ?? null, source: p.data.imported?.source ?? null } }],
  };
}
