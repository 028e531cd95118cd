import { dayNumber, fromDayNumber, InvalidIsoDateError, IsoDate, isIsoDate, isoWeekday } from './iso-date';
import { atUlaanbaatarTime, ulaanbaatarDate, ulaanbaatarTimeOfDayMs } from './ulaanbaatar-time';

/**
 * Working days in Ulaanbaatar: Monday to Friday, minus configured public holidays. Instants (Date) are read on the
 * Ulaanbaatar calendar; calendar dates (IsoDate) are taken as they are. Substitute days off and the odd Saturday
 * declared a working day are Government decisions, not rules, so they are configured as holiday dates too.
 */
export type Holidays = ReadonlySet<IsoDate> | readonly IsoDate[];

/** Validates a configured holiday list: a malformed date is a configuration error, never silently ignored. */
export function holidaySet(holidays: Holidays = []): ReadonlySet<IsoDate> {
  const set = new Set<IsoDate>();
  for (const h of holidays) {
    if (!isIsoDate(h)) throw new InvalidIsoDateError(h);
    set.add(h);
  }
  return set;
}

function toDate(day: Date | IsoDate): IsoDate {
  return typeof day === 'string' ? day : ulaanbaatarDate(day);
}

export function isWeekend(day: Date | IsoDate): boolean {
  return isoWeekday(toDate(day)) >= 6;
}

export function isWorkingDay(day: Date | IsoDate, holidays: Holidays = []): boolean {
  const date = toDate(day);
  return isoWeekday(date) < 6 && !holidaySet(holidays).has(date);
}

function stepWorkingDays(start: IsoDate, n: number, set: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
  let d = dayNumber(start);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d += step;
    const date = fromDayNumber(d);
    if (isoWeekday(date) < 6 && !set.has(date)) left--;
  }
  return fromDayNumber(d);
}

/**
 * The n-th working day after `start` (before it when n is negative). The start day itself never counts, so from
 * a Saturday one working day later is Monday. n = 0 returns `start` unchanged. An instant keeps its Ulaanbaatar
 * time of day ("due 5 working days after return" keeps the hour of return); use endOfDayUlaanbaatar for "by the
 * end of that day".
 */
export function addWorkingDays(start: IsoDate, n: number, holidays?: Holidays): IsoDate;
export function addWorkingDays(start: Date, n: number, holidays?: Holidays): Date;
export function addWorkingDays(start: Date | IsoDate, n: number, holidays: Holidays = []): Date | IsoDate {
  const set = holidaySet(holidays);
  if (typeof start === 'string') return stepWorkingDays(start, n, set);
  const target = stepWorkingDays(ulaanbaatarDate(start), n, set);
  return new Date(atUlaanbaatarTime(target).getTime() + ulaanbaatarTimeOfDayMs(start));
}

/**
 * Working days d with from < d <= to on the Ulaanbaatar calendar (negative when `to` is before `from`), so that
 * workingDaysBetween(a, addWorkingDays(a, n)) === n for n >= 0. Times of day are ignored.
 */
export function workingDaysBetween(from: Date | IsoDate, to: Date | IsoDate, holidays: Holidays = []): number {
  const set = holidaySet(holidays);
  const a = dayNumber(toDate(from));
  const b = dayNumber(toDate(to));
  if (b < a) return -workingDaysBetween(to, from, holidays);
  // Whole weeks contribute five weekdays each; only the remainder and the holidays are walked.
  const span = b - a;
  let count = Math.floor(span / 7) * 5;
  for (let d = a + Math.floor(span / 7) * 7 + 1; d <= b; d++) if (isoWeekday(fromDayNumber(d)) < 6) count++;
  for (const h of set) {
    const n = dayNumber(h);
    if (n > a && n <= b && isoWeekday(h) < 6) count--;
  }
  return count;
}

/** The first working day strictly after the given day. */
export function nextWorkingDay(day: Date | IsoDate, holidays: Holidays = []): IsoDate {
  return addWorkingDays(toDate(day), 1, holidays);
}

/**
 * The first instant strictly after `now` that is hour:minute Ulaanbaatar time on a working day, e.g. "send the
 * reminder at 08:00 on the next working day".
 */
export function nextWorkingDayAtUlaanbaatar(now: Date, hour: number, minute = 0, holidays: Holidays = []): Date {
  const today = ulaanbaatarDate(now);
  const todayAt = atUlaanbaatarTime(today, hour, minute);
  if (isWorkingDay(today, holidays) && todayAt.getTime() > now.getTime()) return todayAt;
  return atUlaanbaatarTime(nextWorkingDay(today, holidays), hour, minute);
}
