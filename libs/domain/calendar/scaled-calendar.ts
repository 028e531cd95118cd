import { addDays, daysBetween, IsoDate } from './iso-date';
import { atUlaanbaatarTime, ulaanbaatarDate } from './ulaanbaatar-time';

/**
 * How calendar dates become moments for a workflow's timers. In production a date begins at Ulaanbaatar midnight.
 * With a scaled calendar (tests, demos: `calendarOrigin` set and a short `dayMs`) the origin's date begins at the
 * origin and each later date `dayMs` after the one before, so an agreement's five-year term passes in seconds while
 * every date rule still works on real calendar dates.
 */
export interface CalendarClock {
  dayMs: number;
  /** ISO instant the scaled calendar starts from; null for real time. */
  calendarOrigin: string | null;
}

/** The moment the given date begins. */
export function dateMoment(date: IsoDate, clock: CalendarClock): number {
  if (!clock.calendarOrigin) return atUlaanbaatarTime(date).getTime();
  const origin = Date.parse(clock.calendarOrigin);
  return origin + daysBetween(ulaanbaatarDate(new Date(origin)), date) * clock.dayMs;
}

/** The calendar date at a moment. */
export function calendarDate(at: Date, clock: CalendarClock): IsoDate {
  if (!clock.calendarOrigin) return ulaanbaatarDate(at);
  const origin = Date.parse(clock.calendarOrigin);
  return addDays(ulaanbaatarDate(new Date(origin)), Math.floor((at.getTime() - origin) / clock.dayMs));
}
