import type { Bilingual } from '../process/process-definition';
import { formatIsoDate, InvalidIsoDateError, IsoDate, isIsoDate } from './iso-date';

/**
 * Mongolia's public holidays (non-working days under the Law on Public Holidays and Observances) as data.
 * The fixed-date ones are listed here. The lunar ones (Tsagaan Sar, three days; Chinggis Khaan's Day, the first day
 * of the first winter month) move every year and are announced by the Government; their 2026 and 2027 dates could
 * not be confirmed from a primary source here (published calendars disagree by days), so they are left to
 * configuration per year (`lunar`), as are substitute days off and one-off days (elections) (`extra`).
 */
export interface FixedDateHoliday {
  month: number;
  day: number;
  name: Bilingual;
}

export const MONGOLIA_FIXED_PUBLIC_HOLIDAYS: readonly FixedDateHoliday[] = [
  { month: 1, day: 1, name: { en: "New Year's Day", mn: 'Шинэ жил' } },
  { month: 3, day: 8, name: { en: "International Women's Day", mn: 'Олон улсын эмэгтэйчүүдийн өдөр' } },
  { month: 6, day: 1, name: { en: "Children's Day", mn: 'Хүүхдийн баяр' } },
  ...[11, 12, 13, 14, 15].map((day) => ({ month: 7, day, name: { en: 'Naadam, the National Festival', mn: 'Үндэсний их баяр наадам' } })),
  { month: 11, day: 26, name: { en: 'Republic Day (proclamation of the Republic, 1924)', mn: 'Бүгд Найрамдах Улс тунхагласан өдөр' } },
  {
    month: 12,
    day: 29,
    name: { en: 'National Freedom and Independence Day', mn: 'Үндэсний эрх чөлөө, тусгаар тогтнолоо сэргээсний баярын өдөр' },
  },
];

/** Lunar holidays of one year, as announced. */
export interface LunarHolidayDates {
  /** The three days of Tsagaan Sar (lunar new year). */
  tsagaanSar?: readonly IsoDate[];
  /** Chinggis Khaan's Day (Mongolian Pride Day). */
  chinggisKhaanDay?: IsoDate;
  /** Other lunar days made public holidays (e.g. Buddha's Birthday, if observed). */
  other?: readonly IsoDate[];
}

export interface MongoliaHolidayOptions {
  /** Lunar holiday dates keyed by Gregorian year. */
  lunar?: Readonly<Record<number, LunarHolidayDates>>;
  /** One-off or substitute days off. */
  extra?: readonly IsoDate[];
}

/** Every configured public holiday of the given years, sorted, without duplicates. */
export function mongoliaPublicHolidays(years: readonly number[], options: MongoliaHolidayOptions = {}): IsoDate[] {
  const out = new Set<IsoDate>();
  for (const year of years) {
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
    for (const h of MONGOLIA_FIXED_PUBLIC_HOLIDAYS) out.add(formatIsoDate({ year, month: h.month, day: h.day }));
  }
  for (const [key, lunar] of Object.entries(options.lunar ?? {})) {
    const year = Number(key);
    for (const date of [...(lunar.tsagaanSar ?? []), ...(lunar.chinggisKhaanDay ? [lunar.chinggisKhaanDay] : []), ...(lunar.other ?? [])]) {
      if (!isIsoDate(date)) throw new InvalidIsoDateError(date);
      // A date filed under the wrong year is a typo in configuration, not a holiday.
      if (Number(date.slice(0, 4)) !== year) throw new RangeError(`lunar holiday ${date} is configured under year ${year}`);
      if (years.includes(year)) out.add(date);
    }
  }
  for (const date of options.extra ?? []) {
    if (!isIsoDate(date)) throw new InvalidIsoDateError(date);
    out.add(date);
  }
  return [...out].sort();
}

/** The name of a fixed-date holiday falling on a date, if any. */
export function fixedHolidayName(date: IsoDate): Bilingual | undefined {
  if (!isIsoDate(date)) throw new InvalidIsoDateError(date);
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return MONGOLIA_FIXED_PUBLIC_HOLIDAYS.find((h) => h.month === month && h.day === day)?.name;
}
