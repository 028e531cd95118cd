import { IsoDate } from '../calendar/iso-date';
import { calendarDate, CalendarClock, dateMoment } from '../calendar/scaled-calendar';

const REAL_DAY_MS = 86_400_000;

type Deposit = { entryIntoForce: string | null; recordedAt?: string };

/** The calendar a deposited proposal runs on: real dates, or (shortened day) a scaled one from the deposit's recording. */
function depositClock(deposit: Deposit | null, dayMs: number, fallbackRecordedAt?: Date): CalendarClock {
  const origin = deposit?.recordedAt ?? fallbackRecordedAt?.toISOString() ?? null;
  return { dayMs, calendarOrigin: dayMs === REAL_DAY_MS ? null : origin };
}

/**
 * When a deposited convention enters into force: 00:00 in Ulaanbaatar on its date. With a shortened definition day
 * (tests, demos) the calendar runs from the moment the deposit was recorded, one shortened day per date, so a
 * three-month wait passes in seconds while every date stays a real calendar date. Pure, for the workflow's timer.
 */
export function entryIntoForceMoment(deposit: Deposit, dayMs: number, fallbackRecordedAt: Date): number | null {
  if (!deposit.entryIntoForce) return null;
  return dateMoment(deposit.entryIntoForce as IsoDate, depositClock(deposit, dayMs, fallbackRecordedAt));
}

/** Today's date on the same clock: Ulaanbaatar's date, or the scaled calendar's since the deposit was recorded. */
export function implementationToday(deposit: Deposit | null, now: Date, dayMs: number): IsoDate {
  return calendarDate(now, depositClock(deposit, dayMs));
}
