import { addDays, daysBetween, IsoDate } from '../calendar/iso-date';
import { atUlaanbaatarTime, ulaanbaatarDate } from '../calendar/ulaanbaatar-time';

const REAL_DAY_MS = 86_400_000;

type Deposit = { entryIntoForce: string | null; recordedAt?: string };

/**
 * When a deposited convention enters into force: 00:00 in Ulaanbaatar on its date. With a shortened definition day
 * (tests, demos) the calendar runs from the moment the deposit was recorded, one shortened day per date, so a
 * three-month wait passes in seconds while every date stays a real calendar date. Pure, for the workflow's timer.
 */
export function entryIntoForceMoment(deposit: Deposit, dayMs: number, fallbackRecordedAt: Date): number | null {
  if (!deposit.entryIntoForce) return null;
  if (dayMs === REAL_DAY_MS) return atUlaanbaatarTime(deposit.entryIntoForce as IsoDate).getTime();
  const origin = deposit.recordedAt ? new Date(deposit.recordedAt) : fallbackRecordedAt;
  return origin.getTime() + daysBetween(ulaanbaatarDate(origin), deposit.entryIntoForce as IsoDate) * dayMs;
}

/** Today's date on the same clock: Ulaanbaatar's date, or the scaled calendar's since the deposit was recorded. */
export function implementationToday(deposit: Deposit | null, now: Date, dayMs: number): IsoDate {
  if (dayMs === REAL_DAY_MS || !deposit?.recordedAt) return ulaanbaatarDate(now);
  const origin = new Date(deposit.recordedAt);
  return addDays(ulaanbaatarDate(origin), Math.floor((now.getTime() - origin.getTime()) / dayMs));
}
