import { formatUlaanbaatarDate, formatUlaanbaatarDateTime } from '../../libs/domain/calendar/ulaanbaatar-time';
import { addDays, type IsoDate } from '../../libs/domain/calendar/iso-date';
import { ulaanbaatarDate } from '../../libs/domain/calendar/ulaanbaatar-time';

/** Dates are shown in Ulaanbaatar time whatever the browser's zone (the shared calendar helpers, not the browser's). */
export function dateUb(v: string | null | undefined): string {
  return v ? formatUlaanbaatarDate(new Date(v)) : '—';
}

export function dateTimeUb(v: string | null | undefined): string {
  return v ? formatUlaanbaatarDateTime(new Date(v)) : '—';
}

export function todayUb(): IsoDate {
  return ulaanbaatarDate(new Date());
}

export function daysAgoUb(days: number): IsoDate {
  return addDays(todayUb(), -days);
}

export function number(n: number, lang: 'mn' | 'en'): string {
  return new Intl.NumberFormat(lang === 'mn' ? 'mn-MN' : 'en-GB').format(n);
}

/** A country's name from its ISO 3166-1 alpha-2 code, in the reader's language; null when unknown. */
export function countryName(code: string, lang: 'mn' | 'en'): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return null;
  try {
    const name = new Intl.DisplayNames([lang === 'mn' ? 'mn' : 'en'], { type: 'region' }).of(code);
    return name && name !== code ? name : null;
  } catch {
    return null;
  }
}

/** An amount with its currency, e.g. "1,500 USD". */
export function money(amount: number, currency: string, lang: 'mn' | 'en'): string {
  return `${new Intl.NumberFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
}
