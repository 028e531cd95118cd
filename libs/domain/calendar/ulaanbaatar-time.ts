import { dayNumber, fromDayNumber, IsoDate, isoWeekday, IsoWeekday, MS_PER_DAY, parseIsoDate } from './iso-date';

/**
 * Ulaanbaatar wall-clock time without a time-zone library: Mongolia keeps UTC+08:00 all year (no daylight saving
 * since 2017), so a fixed offset is exact and stays bundle-safe. "Now" is always a parameter.
 */
export const ULAANBAATAR_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

function checkedTime(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  return t;
}

/** The Ulaanbaatar calendar date of an instant. */
export function ulaanbaatarDate(instant: Date): IsoDate {
  return fromDayNumber(Math.floor((checkedTime(instant) + ULAANBAATAR_UTC_OFFSET_MS) / MS_PER_DAY));
}

/** Milliseconds since Ulaanbaatar midnight of the instant's own date. */
export function ulaanbaatarTimeOfDayMs(instant: Date): number {
  const local = checkedTime(instant) + ULAANBAATAR_UTC_OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** The instant at which a calendar date reaches hour:minute in Ulaanbaatar. */
export function atUlaanbaatarTime(date: IsoDate, hour = 0, minute = 0): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be 0-23, got ${hour}`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new RangeError(`minute must be 0-59, got ${minute}`);
  return new Date(dayNumber(date) * MS_PER_DAY - ULAANBAATAR_UTC_OFFSET_MS + (hour * 60 + minute) * 60_000);
}

export function startOfDayUlaanbaatar(instant: Date): Date {
  return atUlaanbaatarTime(ulaanbaatarDate(instant));
}

/** The last millisecond of the instant's Ulaanbaatar day (a due date "by the end of the day"). */
export function endOfDayUlaanbaatar(instant: Date): Date {
  return new Date(startOfDayUlaanbaatar(instant).getTime() + MS_PER_DAY - 1);
}

/** 'YYYY-MM-DD' of the instant in Ulaanbaatar. */
export function formatUlaanbaatarDate(instant: Date): IsoDate {
  return ulaanbaatarDate(instant);
}

/** 'YYYY-MM-DD HH:mm' of the instant in Ulaanbaatar (for people; machines keep ISO instants). */
export function formatUlaanbaatarDateTime(instant: Date): string {
  const minutes = Math.floor(ulaanbaatarTimeOfDayMs(instant) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${ulaanbaatarDate(instant)} ${hh}:${mm}`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A calendar date written out for people: en '11 July 2026', mn '2026 оны 7 дугаар сарын 11'. Mongolian month
 * ordinals take -дүгээр after нэг, дөрөв, ес (1, 4, 9, 11) by vowel harmony, -дугаар otherwise.
 */
export function formatDateLong(date: IsoDate, language: 'en' | 'mn'): string {
  const { year, month, day } = parseIsoDate(date);
  if (language === 'en') return `${day} ${MONTHS_EN[month - 1]} ${year}`;
  const suffix = [1, 4, 9, 11].includes(month) ? 'дүгээр' : 'дугаар';
  return `${year} оны ${month} ${suffix} сарын ${day}`;
}

/**
 * The first instant strictly after `now` that falls on the given ISO weekday at hour:minute Ulaanbaatar time,
 * e.g. nextUlaanbaatarWeekdayAt(now, 1, 8) = "next Monday 08:00" (today's 08:00 if today is Monday and it is
 * earlier than 08:00).
 */
export function nextUlaanbaatarWeekdayAt(now: Date, weekday: IsoWeekday, hour: number, minute = 0): Date {
  const today = ulaanbaatarDate(now);
  for (let offset = 0; offset <= 7; offset++) {
    const date = fromDayNumber(dayNumber(today) + offset);
    if (isoWeekday(date) !== weekday) continue;
    const candidate = atUlaanbaatarTime(date, hour, minute);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error('unreachable: a weekday recurs within 8 days');
}

export function nextMondayAt0800Ulaanbaatar(now: Date): Date {
  return nextUlaanbaatarWeekdayAt(now, 1, 8, 0);
}
