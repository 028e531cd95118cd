import { addDays, daysBetween, IsoDate } from '../calendar/iso-date';
import { atUlaanbaatarTime, ulaanbaatarDate } from '../calendar/ulaanbaatar-time';
import { addWorkingDays, Holidays } from '../calendar/working-days';

/**
 * How a trip's calendar dates become moments for its timers. In production a date is Ulaanbaatar midnight. With a
 * scaled calendar (tests, demos: `calendarOrigin` set and a short `dayMs`), the request's own date is the origin
 * and each later date is reached `dayMs` per day after it, so a trip fifteen days ahead departs fifteen `dayMs`
 * after it was requested while every date rule (lead time, working days, holidays) still sees real dates.
 */
export interface TripTiming {
  dayMs: number;
  /** ISO instant of the request when the calendar is scaled; null for real time. */
  calendarOrigin: string | null;
  /** The report is due this many working days after the return date. */
  reportDueWorkingDays: number;
  holidays: readonly IsoDate[];
}

/** The moment the given date begins. */
export function tripDateMoment(date: IsoDate, timing: TripTiming): number {
  if (!timing.calendarOrigin) return atUlaanbaatarTime(date).getTime();
  const origin = Date.parse(timing.calendarOrigin);
  return origin + daysBetween(ulaanbaatarDate(new Date(origin)), date) * timing.dayMs;
}

/** Departure: the start of the departure date. */
export const departureMoment = (departureDate: IsoDate, timing: TripTiming) => tripDateMoment(departureDate, timing);

/** Back: the end of the return date. */
export const returnMoment = (returnDate: IsoDate, timing: TripTiming) => tripDateMoment(addDays(returnDate, 1), timing);

/** The report's due date: N working days after return (weekends and holidays skipped). */
export function reportDueDate(returnDate: IsoDate, timing: Pick<TripTiming, 'reportDueWorkingDays' | 'holidays'>): IsoDate {
  return addWorkingDays(returnDate, timing.reportDueWorkingDays, timing.holidays as Holidays);
}

/** The report is due at the end of its due date. */
export const reportDueMoment = (returnDate: IsoDate, timing: TripTiming) => tripDateMoment(addDays(reportDueDate(returnDate, timing), 1), timing);
