import type { Bilingual } from '../process/process-definition';
import { addMonths, addYears, compareIsoDates, IsoDate, parseIsoDate } from '../calendar/iso-date';
import { ulaanbaatarDate } from '../calendar/ulaanbaatar-time';

/**
 * How a bilateral agreement lasts, as data: "in force for five years, then automatically extended for further
 * five-year periods unless either Party gives written notice of termination at least six months before expiry".
 *
 * Dates: a period that starts on 2026-03-15 and lasts five years ends on its anniversary, 2031-03-15 (the
 * `expiry`); the agreement is not in force on that date unless it renewed. Periods are counted from entry into
 * force each time (not chained), so an agreement in force from 29 February keeps 28 February anniversaries
 * without drifting.
 */
export interface RenewalRule {
  version: string;
  validityYears: number;
  /** Automatic extension unless notice is given; null when the agreement simply expires. */
  automaticRenewal: { periodYears: number; noticeMonths: number } | null;
  /** How long before the notice deadline (or the expiry, if it does not renew) the division should decide. */
  reviewLeadMonths: number;
}

/** The common shape: five years, renewed for five-year periods unless notice six months before expiry. */
export const FIVE_YEARS_AUTO_RENEWING_V1: RenewalRule = {
  version: 'renewal-5y-auto-v1',
  validityYears: 5,
  automaticRenewal: { periodYears: 5, noticeMonths: 6 },
  reviewLeadMonths: 3,
};

function checkRule(rule: RenewalRule): void {
  const positive = (n: number) => Number.isInteger(n) && n > 0;
  const ok =
    positive(rule.validityYears) &&
    Number.isInteger(rule.reviewLeadMonths) &&
    rule.reviewLeadMonths >= 0 &&
    (rule.automaticRenewal === null ||
      (positive(rule.automaticRenewal.periodYears) && Number.isInteger(rule.automaticRenewal.noticeMonths) && rule.automaticRenewal.noticeMonths >= 0));
  if (!ok) throw new RangeError(`invalid renewal rule: ${JSON.stringify(rule)}`);
}

function day(asOf: Date | IsoDate): IsoDate {
  if (typeof asOf !== 'string') return ulaanbaatarDate(asOf);
  parseIsoDate(asOf);
  return asOf;
}

/** End of the k-th period (k = 0 is the initial validity). */
function periodEnd(rule: RenewalRule, entryIntoForce: IsoDate, k: number): IsoDate {
  return addYears(entryIntoForce, rule.validityYears + k * (rule.automaticRenewal?.periodYears ?? 0));
}

/** The first k whose period ends after `asOf` (renewing agreements only). */
function currentPeriod(rule: RenewalRule, entryIntoForce: IsoDate, asOf: IsoDate): number {
  const period = rule.automaticRenewal!.periodYears;
  const { year } = parseIsoDate(asOf);
  const { year: start } = parseIsoDate(entryIntoForce);
  // Start a period or two early (month clamping) and walk forward: at most a few steps.
  let k = Math.max(0, Math.floor((year - start - rule.validityYears) / period) - 1);
  while (compareIsoDates(periodEnd(rule, entryIntoForce, k), asOf) <= 0) k++;
  return k;
}

/** The next expiry after `asOf`; null if the agreement does not renew and has already expired. */
export function nextExpiry(rule: RenewalRule, entryIntoForce: IsoDate, asOf: Date | IsoDate): IsoDate | null {
  checkRule(rule);
  parseIsoDate(entryIntoForce);
  const today = day(asOf);
  if (!rule.automaticRenewal) {
    const end = periodEnd(rule, entryIntoForce, 0);
    return compareIsoDates(end, today) > 0 ? end : null;
  }
  return periodEnd(rule, entryIntoForce, currentPeriod(rule, entryIntoForce, today));
}

export interface NoticeDeadline {
  /** The last day on which notice of termination still stops the renewal. */
  deadline: IsoDate;
  /** The expiry that notice given by the deadline brings about. */
  expiry: IsoDate;
}

/**
 * The next notice deadline not yet passed on `asOf` (notice on the deadline itself is in time). Once the current
 * period's deadline has passed, the agreement will renew, and the deadline returned is the next period's.
 * Null for agreements that do not renew (they need no notice).
 */
export function noticeDeadline(rule: RenewalRule, entryIntoForce: IsoDate, asOf: Date | IsoDate): NoticeDeadline | null {
  checkRule(rule);
  parseIsoDate(entryIntoForce);
  if (!rule.automaticRenewal) return null;
  const today = day(asOf);
  for (let k = currentPeriod(rule, entryIntoForce, today); ; k++) {
    const expiry = periodEnd(rule, entryIntoForce, k);
    const deadline = addMonths(expiry, -rule.automaticRenewal.noticeMonths);
    if (compareIsoDates(deadline, today) >= 0) return { deadline, expiry };
  }
}

export interface RenewalStatus {
  due: boolean;
  /** The date the decision must be taken by: the notice deadline, or the expiry of a non-renewing agreement. */
  decideBy: IsoDate | null;
  expiry: IsoDate | null;
  reason: Bilingual;
}

/**
 * Whether the renewal decision is due on `asOf`: within `reviewLeadMonths` before the notice deadline of an
 * auto-renewing agreement (terminate or let it renew), or before the expiry of one that does not renew
 * (negotiate an extension or let it lapse).
 */
export function renewalStatus(rule: RenewalRule, entryIntoForce: IsoDate, asOf: Date | IsoDate): RenewalStatus {
  const today = day(asOf);
  if (rule.automaticRenewal) {
    const next = noticeDeadline(rule, entryIntoForce, today)!;
    const due = compareIsoDates(addMonths(next.deadline, -rule.reviewLeadMonths), today) <= 0;
    return {
      due,
      decideBy: next.deadline,
      expiry: next.expiry,
      reason: due
        ? {
            en: `Renews automatically on ${next.expiry} unless notice of termination is given by ${next.deadline}.`,
            mn: `Цуцлах тухай мэдэгдлийг ${next.deadline} хүртэл өгөхгүй бол ${next.expiry} өдөр автоматаар сунгагдана.`,
          }
        : { en: `The next notice deadline is ${next.deadline}.`, mn: `Дараагийн мэдэгдэл өгөх эцсийн хугацаа: ${next.deadline}.` },
    };
  }
  const expiry = nextExpiry(rule, entryIntoForce, today);
  if (!expiry) {
    return { due: false, decideBy: null, expiry: null, reason: { en: 'The agreement has expired.', mn: 'Хэлэлцээрийн хугацаа дууссан.' } };
  }
  const due = compareIsoDates(addMonths(expiry, -rule.reviewLeadMonths), today) <= 0;
  return {
    due,
    decideBy: expiry,
    expiry,
    reason: due
      ? { en: `Expires on ${expiry} and does not renew by itself.`, mn: `${expiry} өдөр хугацаа дуусах бөгөөд автоматаар сунгагдахгүй.` }
      : { en: `Expires on ${expiry}.`, mn: `Хугацаа дуусах огноо: ${expiry}.` },
  };
}

export function isRenewalDue(rule: RenewalRule, entryIntoForce: IsoDate, asOf: Date | IsoDate): boolean {
  return renewalStatus(rule, entryIntoForce, asOf).due;
}
