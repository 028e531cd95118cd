import { addDays, addMonths, addYears, compareIsoDates, IsoDate } from '../calendar/iso-date';
import { entryIntoForceDate } from '../conventions/entry-into-force';
import type { AgreementData, AgreementEntryIntoForceRule, DiplomaticNotification } from './agreement-data';

/**
 * An agreement's life in force as dates: reminders before each notice deadline and renewal (or expiry), the
 * annual review on each anniversary of entry into force, the renewals themselves, expiry, and a termination's
 * effective date. Pure: the workflow waits for the next date and hands the points back to the engine.
 */
export interface AgreementLifeRules {
  /** Reminders to the owner and leadership this many days before a notice deadline, a renewal or an expiry. */
  deadlineReminderDays: number[];
  /** The annual review task is due this many days after the anniversary. */
  annualReviewDueDays: number;
}

export const AGREEMENT_LIFE_V1: AgreementLifeRules = { deadlineReminderDays: [90, 30, 7], annualReviewDueDays: 30 };

export type InForcePointKind = 'notice_reminder' | 'renewal_reminder' | 'expiry_reminder' | 'annual_review' | 'renewal' | 'expiry' | 'termination';

export interface InForcePoint {
  kind: InForcePointKind;
  date: IsoDate;
  /** The deadline a reminder is about, or the expiry a renewal replaces. */
  deadline?: IsoDate;
  daysBefore?: number;
}

/** Same-day points in the order people should read them: reminders, review, then what ends or renews. */
const ORDER: InForcePointKind[] = ['notice_reminder', 'renewal_reminder', 'expiry_reminder', 'annual_review', 'renewal', 'expiry', 'termination'];

/** Entry into force from the instrument's clause; null while the notifications it counts from are not both recorded. */
export function agreementEntryIntoForce(rule: AgreementEntryIntoForceRule, signatureDate: IsoDate | null, notifications: DiplomaticNotification[]): IsoDate | null {
  if (rule.type === 'on_signature') return signatureDate;
  const ours = notifications.filter((n) => n.party === 'mongolia').map((n) => n.date);
  const theirs = notifications.filter((n) => n.party === 'counterpart').map((n) => n.date);
  if (!ours.length || !theirs.length) return null;
  const last = [...ours, ...theirs].sort(compareIsoDates).pop()!;
  return entryIntoForceDate(rule, last);
}

/** Whether the clause counts from notifications (so entering into force waits for both). */
export const needsNotifications = (rule: AgreementEntryIntoForceRule) => rule.type !== 'on_signature';

/** The end of the k-th period (k = 0: the initial validity). */
function periodEnd(data: AgreementData, eif: IsoDate, k: number): IsoDate {
  const r = data.renewalRule!;
  return addYears(eif, r.validityYears + k * (r.automaticRenewal?.periodYears ?? 0));
}

function candidates(data: AgreementData, rules: AgreementLifeRules, after: IsoDate): InForcePoint[] {
  const eif = data.entryIntoForce;
  if (!eif) return [];
  if (data.termination) return [{ kind: 'termination', date: data.termination.effectiveDate }];
  const points: InForcePoint[] = [];
  const reminders = (kind: InForcePointKind, deadline: IsoDate) => {
    for (const d of rules.deadlineReminderDays) points.push({ kind, date: addDays(deadline, -d), deadline, daysBefore: d });
  };
  const r = data.renewalRule;
  if (r && !r.automaticRenewal) {
    const expiry = periodEnd(data, eif, 0);
    reminders('expiry_reminder', expiry);
    points.push({ kind: 'expiry', date: expiry });
  } else if (r && r.automaticRenewal) {
    // The period around `after`, and the next one (reminders reach back up to a few months).
    let k = 0;
    while (compareIsoDates(periodEnd(data, eif, k), after) <= 0) k++;
    for (const i of [k, k + 1]) {
      const expiry = periodEnd(data, eif, i);
      reminders('notice_reminder', addMonths(expiry, -r.automaticRenewal.noticeMonths));
      reminders('renewal_reminder', expiry);
      points.push({ kind: 'renewal', date: expiry, deadline: expiry });
    }
  }
  // Anniversaries: the next one after `after`, counted from entry into force (never before it).
  let n = 1;
  while (compareIsoDates(addYears(eif, n), after) <= 0) n++;
  points.push({ kind: 'annual_review', date: addYears(eif, n) });
  const end = points.find((p) => p.kind === 'expiry')?.date;
  // Nothing after the expiry, and no review on the day it ends.
  return points.filter((p) => !end || p.kind === 'expiry' || compareIsoDates(p.date, end) < (p.kind === 'annual_review' ? 0 : 1));
}

/** The earliest date after `after` with something to do, and every point on it; null when nothing is left. */
export function nextInForcePoints(data: AgreementData, rules: AgreementLifeRules, after: IsoDate): { date: IsoDate; points: InForcePoint[] } | null {
  const future = candidates(data, rules, after).filter((p) => compareIsoDates(p.date, after) > 0);
  if (!future.length) return null;
  const date = future.map((p) => p.date).sort(compareIsoDates)[0];
  const points = future.filter((p) => p.date === date).sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (b.daysBefore ?? 0) - (a.daysBefore ?? 0));
  return { date, points };
}

export type AgreementDeadlineKind = 'notice_deadline' | 'renewal' | 'expiry' | 'termination' | 'annual_review';

/**
 * The next date someone must act on or know about, as the treaty register shows it: the notice deadline of an
 * auto-renewing agreement, the expiry of one that does not renew, a termination's effective date, or an open
 * annual review's due date, whichever comes first on or after `today`.
 */
export function nextAgreementDeadline(data: AgreementData, today: IsoDate, rules: AgreementLifeRules = AGREEMENT_LIFE_V1): { kind: AgreementDeadlineKind; date: IsoDate } | null {
  const eif = data.entryIntoForce;
  if (!eif) return null;
  const options: { kind: AgreementDeadlineKind; date: IsoDate }[] = [];
  if (data.termination) options.push({ kind: 'termination', date: data.termination.effectiveDate });
  else if (data.renewalRule) {
    const r = data.renewalRule;
    if (!r.automaticRenewal) options.push({ kind: 'expiry', date: periodEnd(data, eif, 0) });
    else {
      let k = 0;
      while (compareIsoDates(addMonths(periodEnd(data, eif, k), -r.automaticRenewal.noticeMonths), today) < 0) k++;
      options.push({ kind: 'notice_deadline', date: addMonths(periodEnd(data, eif, k), -r.automaticRenewal.noticeMonths) });
    }
  }
  for (const rv of data.reviews) if (!rv.completedAt) options.push({ kind: 'annual_review', date: addDays(rv.dueDate, rules.annualReviewDueDays) });
  const upcoming = options.filter((o) => compareIsoDates(o.date, today) >= 0 || o.kind === 'annual_review').sort((a, b) => compareIsoDates(a.date, b.date));
  return upcoming[0] ?? null;
}
