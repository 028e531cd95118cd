import { addDays, atUlaanbaatarTime, compareIsoDates, isIsoDate, IsoDate, ulaanbaatarDate } from '../../../../libs/domain';
import { ApiError } from '../common/errors/api-error';

export interface InstantPeriod {
  from?: Date;
  /** Exclusive: the first instant after the last day. */
  to?: Date;
}

/** A period of Ulaanbaatar calendar dates (both included) as instants [start of `from`, start of the day after `to`). */
export function ulaanbaatarPeriod(from: IsoDate | undefined, to: IsoDate | undefined): InstantPeriod {
  for (const [field, v] of [['from', from], ['to', to]] as const) {
    if (v !== undefined && !isIsoDate(v)) throw ApiError.validation([{ field, reason: 'is not a calendar date' }]);
  }
  if (from && to && compareIsoDates(from, to) > 0) throw ApiError.validation([{ field: 'from', reason: 'must not be after to' }]);
  return { from: from ? atUlaanbaatarTime(from) : undefined, to: to ? atUlaanbaatarTime(addDays(to, 1)) : undefined };
}

/** The last `days` Ulaanbaatar days up to and including today, unless the caller named the ends. */
export function periodOrLastDays(from: IsoDate | undefined, to: IsoDate | undefined, days: number, now: Date): { from: IsoDate; to: IsoDate } {
  const end = to ?? ulaanbaatarDate(now);
  return { from: from ?? addDays(end, -(days - 1)), to: end };
}
