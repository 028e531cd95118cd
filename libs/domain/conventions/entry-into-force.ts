import type { Bilingual } from '../process/process-definition';
import { addDays, addMonths, compareIsoDates, fromDayNumber, dayNumber, IsoDate, parseIsoDate } from '../calendar/iso-date';
import { atUlaanbaatarTime, ulaanbaatarDate } from '../calendar/ulaanbaatar-time';

/**
 * When an instrument takes effect, as data. Multilateral conventions count from the deposit of the instrument with
 * the depositary; bilateral agreements count from the last of the two notifications that domestic procedures are
 * complete. The "trigger date" below is whichever of the two the rule speaks of.
 */
export type EntryIntoForceRule =
  /** e.g. Revised Kyoto, Istanbul, ATA: three months after deposit (calendar months, end-of-month clamped). */
  | { type: 'months_after_deposit'; months: number }
  /** HS Convention: the 1 January at least minMonths and at most maxMonths after deposit; the earliest if two. */
  | { type: 'first_january_within_window'; minMonths: number; maxMonths: number }
  /** Bilateral: the n-th day after the date of the last notification. */
  | { type: 'days_after_last_notification'; days: number }
  /** Bilateral: the date of the last notification itself. */
  | { type: 'on_last_notification' }
  /** Bilateral: the first day of the n-th month following the last notification (n = 1: the next month). */
  | { type: 'first_day_of_month_after_last_notification'; months: number };

export class EntryIntoForceRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntryIntoForceRuleError';
  }
}

function checkRule(rule: EntryIntoForceRule): void {
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;
  const ok =
    rule.type === 'months_after_deposit'
      ? whole(rule.months, 0)
      : rule.type === 'first_january_within_window'
        ? whole(rule.minMonths, 0) && whole(rule.maxMonths, 0) && rule.minMonths <= rule.maxMonths
        : rule.type === 'days_after_last_notification'
          ? whole(rule.days, 0)
          : rule.type === 'first_day_of_month_after_last_notification'
            ? whole(rule.months, 1)
            : rule.type === 'on_last_notification';
  if (!ok) throw new EntryIntoForceRuleError(`invalid entry-into-force rule: ${JSON.stringify(rule)}`);
}

export interface EntryIntoForceOptions {
  /**
   * HS Convention, Art. 13(2): the acceding party may specify an earlier 1 January in its instrument. It must be a
   * 1 January, not before the deposit and not after the date the rule gives.
   */
  requestedDate?: IsoDate;
}

/** The calendar date of entry into force for a trigger (deposit or last notification) date. */
export function entryIntoForceDate(rule: EntryIntoForceRule, trigger: IsoDate, options: EntryIntoForceOptions = {}): IsoDate {
  const byRule = dateByRule(rule, trigger);
  const requested = options.requestedDate;
  if (requested === undefined) return byRule;
  parseIsoDate(requested);
  if (rule.type !== 'first_january_within_window') {
    throw new EntryIntoForceRuleError(`a requested date applies only to first_january_within_window rules, not ${rule.type}`);
  }
  if (!requested.endsWith('-01-01') || compareIsoDates(requested, trigger) < 0 || compareIsoDates(requested, byRule) > 0) {
    throw new EntryIntoForceRuleError(`requested date ${requested} must be a 1 January from ${trigger} to ${byRule}`);
  }
  return requested;
}

function dateByRule(rule: EntryIntoForceRule, trigger: IsoDate): IsoDate {
  checkRule(rule);
  parseIsoDate(trigger);
  switch (rule.type) {
    case 'months_after_deposit':
      return addMonths(trigger, rule.months);
    case 'first_january_within_window': {
      const earliest = addMonths(trigger, rule.minMonths);
      const latest = addMonths(trigger, rule.maxMonths);
      // The first 1 January on or after the earliest allowed date; it qualifies only if not past the latest.
      const { year, month, day } = parseIsoDate(earliest);
      const candidate = `${month === 1 && day === 1 ? year : year + 1}-01-01`;
      if (compareIsoDates(candidate, latest) > 0) {
        throw new EntryIntoForceRuleError(`no 1 January falls between ${earliest} and ${latest}`);
      }
      return candidate;
    }
    case 'days_after_last_notification':
      return addDays(trigger, rule.days);
    case 'on_last_notification':
      return trigger;
    case 'first_day_of_month_after_last_notification': {
      const { year, month } = parseIsoDate(trigger);
      return addMonths(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`, rule.months);
    }
  }
}

/**
 * The entry-into-force instant: 00:00 Ulaanbaatar time on the entry-into-force date. A Date trigger is read as its
 * Ulaanbaatar calendar date; an ISO date string gives an ISO date string back.
 */
export function computeEntryIntoForce(rule: EntryIntoForceRule, trigger: IsoDate, options?: EntryIntoForceOptions): IsoDate;
export function computeEntryIntoForce(rule: EntryIntoForceRule, trigger: Date, options?: EntryIntoForceOptions): Date;
export function computeEntryIntoForce(rule: EntryIntoForceRule, trigger: Date | IsoDate, options: EntryIntoForceOptions = {}): Date | IsoDate {
  if (typeof trigger === 'string') return entryIntoForceDate(rule, trigger, options);
  return atUlaanbaatarTime(entryIntoForceDate(rule, ulaanbaatarDate(trigger), options));
}

export interface EntryIntoForceForecast {
  expectedTrigger: IsoDate;
  entryIntoForce: IsoDate;
  /** The last trigger date that still gives the same entry-into-force date (a planning deadline). */
  latestTriggerForSameDate: IsoDate;
  rule: EntryIntoForceRule;
  explanation: Bilingual;
}

// Every rule moves its date by at most about two years, so this many days bounds every search below.
const SEARCH_LIMIT_DAYS = 800;

/** What happens if the instrument is deposited (or the last notification received) on the expected date. */
export function forecastEntryIntoForce(rule: EntryIntoForceRule, expectedTrigger: Date | IsoDate): EntryIntoForceForecast {
  const trigger = typeof expectedTrigger === 'string' ? expectedTrigger : ulaanbaatarDate(expectedTrigger);
  const entryIntoForce = entryIntoForceDate(rule, trigger);
  let latest = dayNumber(trigger);
  // The result never decreases as the trigger moves later, so walk forward while it stays the same.
  for (let i = 0; i < SEARCH_LIMIT_DAYS && entryIntoForceDate(rule, fromDayNumber(latest + 1)) === entryIntoForce; i++) latest++;
  return {
    expectedTrigger: trigger,
    entryIntoForce,
    latestTriggerForSameDate: fromDayNumber(latest),
    rule,
    explanation: describeEntryIntoForce(rule, trigger, entryIntoForce),
  };
}

/**
 * The latest deposit (or last notification) date for which the instrument is in force on or before `target`,
 * e.g. "deposit the HS instrument by 2026-01-01 to apply it from 2027-01-01". Undefined if none within two years.
 */
export function latestTriggerForEntryIntoForceBy(rule: EntryIntoForceRule, target: IsoDate): IsoDate | undefined {
  const end = dayNumber(target);
  for (let d = end; d > end - SEARCH_LIMIT_DAYS; d--) {
    if (compareIsoDates(entryIntoForceDate(rule, fromDayNumber(d)), target) <= 0) return fromDayNumber(d);
  }
  return undefined;
}

/** The rule in words, in both languages. */
export function describeEntryIntoForceRule(rule: EntryIntoForceRule): Bilingual {
  switch (rule.type) {
    case 'months_after_deposit':
      return {
        en: `Enters into force ${rule.months} month(s) after the deposit of the instrument.`,
        mn: `Баримт бичгийг хадгалуулснаас хойш ${rule.months} сарын дараа хүчин төгөлдөр болно.`,
      };
    case 'first_january_within_window':
      return {
        en: `Enters into force on the 1 January falling at least ${rule.minMonths} and at most ${rule.maxMonths} months after the deposit of the instrument.`,
        mn: `Баримт бичгийг хадгалуулснаас хойш хамгийн багадаа ${rule.minMonths}, хамгийн ихдээ ${rule.maxMonths} сарын дараа тохиох 1 дүгээр сарын 1-нд хүчин төгөлдөр болно.`,
      };
    case 'days_after_last_notification':
      return {
        en: `Enters into force ${rule.days} day(s) after the date of the last notification.`,
        mn: `Сүүлчийн мэдэгдлийг хүлээн авснаас хойш ${rule.days} хоногийн дараа хүчин төгөлдөр болно.`,
      };
    case 'on_last_notification':
      return {
        en: 'Enters into force on the date of the last notification.',
        mn: 'Сүүлчийн мэдэгдлийг хүлээн авсан өдөр хүчин төгөлдөр болно.',
      };
    case 'first_day_of_month_after_last_notification':
      return {
        en: `Enters into force on the first day of the ${rule.months === 1 ? '' : `${ordinalEn(rule.months)} `}month following the last notification.`,
        mn:
          rule.months === 1
            ? 'Сүүлчийн мэдэгдлийг хүлээн авсны дараагийн сарын 1-нд хүчин төгөлдөр болно.'
            : `Сүүлчийн мэдэгдлийг хүлээн авснаас хойших ${rule.months}-р сарын 1-нд хүчин төгөлдөр болно.`,
      };
  }
}

function describeEntryIntoForce(rule: EntryIntoForceRule, trigger: IsoDate, eif: IsoDate): Bilingual {
  const r = describeEntryIntoForceRule(rule);
  return {
    en: `${r.en} Deposit or notification on ${trigger}: in force from ${eif}.`,
    mn: `${r.mn} Хадгалуулсан эсвэл мэдэгдсэн огноо: ${trigger}; хүчин төгөлдөр болох огноо: ${eif}.`,
  };
}

function ordinalEn(n: number): string {
  const words: Record<number, string> = { 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', 6: 'sixth' };
  if (words[n]) return words[n];
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
