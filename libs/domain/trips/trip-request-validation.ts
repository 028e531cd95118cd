import { compareIsoDates, IsoDate, isIsoDate } from '../calendar/iso-date';
import { ulaanbaatarDate } from '../calendar/ulaanbaatar-time';
import { addWorkingDays, Holidays, workingDaysBetween } from '../calendar/working-days';
import { ExchangeRateTable, hasRateToMnt } from './money';
import { COST_CATEGORIES, FUNDING_SOURCES, TripCostLine } from './trip-costs';

/** Request rules as versioned data; the lead time comes from configuration in practice. */
export interface TripRequestRules {
  version: string;
  /** A request made fewer working days than this before departure needs a justification. */
  leadTimeWorkingDays: number;
  /** Whether a trip may return on its departure date (a day trip across the border). */
  allowSameDayReturn: boolean;
}

export const TRIP_REQUEST_RULES_V1: TripRequestRules = { version: 'trip-request-v1', leadTimeWorkingDays: 10, allowSameDayReturn: true };

/** The parts of a trip request these rules look at; dates are Ulaanbaatar calendar dates. */
export interface TripRequestDraft {
  departureDate: IsoDate;
  returnDate: IsoDate;
  delegateIds: readonly string[];
  costs: readonly TripCostLine[];
  lateJustification?: string | null;
}

export type TripRequestProblemCode =
  | 'invalid_date'
  | 'not_in_future'
  | 'return_before_departure'
  | 'no_delegates'
  | 'duplicate_delegate'
  | 'invalid_amount'
  | 'negative_amount'
  | 'invalid_currency'
  | 'no_exchange_rate'
  | 'invalid_category'
  | 'invalid_funding_source'
  | 'late_justification_required';

/** One refused field: `field` and English `reason` as the API's field problems, plus the Mongolian text and a code. */
export interface TripRequestProblem {
  field: string;
  code: TripRequestProblemCode;
  reason: string;
  reasonMn: string;
}

export interface TripRequestContext {
  now: Date;
  holidays?: Holidays;
  rules?: TripRequestRules;
  /** When given, every cost currency must have a rate (routing needs it). */
  rates?: ExchangeRateTable;
}

/**
 * The last Ulaanbaatar date on which a request for this departure is on time: `leadTimeWorkingDays` working days
 * before departure (requested then, there are exactly that many working days up to and including departure day).
 */
export function latestOnTimeRequestDate(departureDate: IsoDate, leadTimeWorkingDays: number, holidays: Holidays = []): IsoDate {
  return addWorkingDays(departureDate, -leadTimeWorkingDays, holidays);
}

export function isLateRequest(departureDate: IsoDate, now: Date, leadTimeWorkingDays: number, holidays: Holidays = []): boolean {
  return workingDaysBetween(ulaanbaatarDate(now), departureDate, holidays) < leadTimeWorkingDays;
}

/** Every rule a trip request breaks, each with its field and reason; an empty list means the request is valid. */
export function validateTripRequest(draft: TripRequestDraft, context: TripRequestContext): TripRequestProblem[] {
  const rules = context.rules ?? TRIP_REQUEST_RULES_V1;
  const holidays = context.holidays ?? [];
  const today = ulaanbaatarDate(context.now);
  const problems: TripRequestProblem[] = [];
  const problem = (field: string, code: TripRequestProblemCode, reason: string, reasonMn: string) => problems.push({ field, code, reason, reasonMn });

  const departureValid = isIsoDate(draft.departureDate);
  const returnValid = isIsoDate(draft.returnDate);
  if (!departureValid) problem('departureDate', 'invalid_date', 'must be a date (YYYY-MM-DD)', 'огноо (ЖЖЖЖ-СС-ӨӨ) байх ёстой');
  if (!returnValid) problem('returnDate', 'invalid_date', 'must be a date (YYYY-MM-DD)', 'огноо (ЖЖЖЖ-СС-ӨӨ) байх ёстой');

  const departureInFuture = departureValid && compareIsoDates(draft.departureDate, today) > 0;
  if (departureValid && !departureInFuture) {
    problem('departureDate', 'not_in_future', `must be after today (${today})`, `өнөөдрөөс (${today}) хойшх огноо байх ёстой`);
  }
  if (returnValid && compareIsoDates(draft.returnDate, today) <= 0) {
    problem('returnDate', 'not_in_future', `must be after today (${today})`, `өнөөдрөөс (${today}) хойшх огноо байх ёстой`);
  } else if (departureValid && returnValid) {
    const order = compareIsoDates(draft.returnDate, draft.departureDate);
    if (order < 0 || (order === 0 && !rules.allowSameDayReturn)) {
      problem(
        'returnDate',
        'return_before_departure',
        rules.allowSameDayReturn ? 'must not be before the departure date' : 'must be after the departure date',
        rules.allowSameDayReturn ? 'явах өдрөөс өмнө байж болохгүй' : 'явах өдрөөс хойш байх ёстой',
      );
    }
  }

  if (draft.delegateIds.length === 0) problem('delegateIds', 'no_delegates', 'at least one delegate is required', 'дор хаяж нэг төлөөлөгч байх ёстой');
  const seen = new Set<string>();
  draft.delegateIds.forEach((id, i) => {
    if (seen.has(id)) problem(`delegateIds[${i}]`, 'duplicate_delegate', 'is listed more than once', 'давхардсан байна');
    seen.add(id);
  });

  draft.costs.forEach((line, i) => {
    const at = `costs[${i}]`;
    if (typeof line.amount !== 'number' || !Number.isFinite(line.amount)) {
      problem(`${at}.amount`, 'invalid_amount', 'must be a number', 'тоо байх ёстой');
    } else if (line.amount < 0) {
      problem(`${at}.amount`, 'negative_amount', 'must not be negative', 'сөрөг байж болохгүй');
    }
    if (typeof line.currency !== 'string' || !/^[A-Z]{3}$/.test(line.currency)) {
      problem(`${at}.currency`, 'invalid_currency', 'must be a three-letter currency code (ISO 4217)', 'гурван үсэгтэй валютын код (ISO 4217) байх ёстой');
    } else if (context.rates && !hasRateToMnt(line.currency, context.rates)) {
      problem(`${at}.currency`, 'no_exchange_rate', `${line.currency} has no exchange rate to MNT`, `${line.currency} валютын төгрөгтэй харьцах ханш алга`);
    }
    if (!(COST_CATEGORIES as readonly string[]).includes(line.category)) {
      problem(`${at}.category`, 'invalid_category', `must be one of ${COST_CATEGORIES.join(', ')}`, `дараахын аль нэг байх ёстой: ${COST_CATEGORIES.join(', ')}`);
    }
    if (!(FUNDING_SOURCES as readonly string[]).includes(line.fundingSource)) {
      problem(`${at}.fundingSource`, 'invalid_funding_source', `must be one of ${FUNDING_SOURCES.join(', ')}`, `дараахын аль нэг байх ёстой: ${FUNDING_SOURCES.join(', ')}`);
    }
  });

  if (departureInFuture && !draft.lateJustification?.trim() && isLateRequest(draft.departureDate, context.now, rules.leadTimeWorkingDays, holidays)) {
    const latest = latestOnTimeRequestDate(draft.departureDate, rules.leadTimeWorkingDays, holidays);
    problem(
      'lateJustification',
      'late_justification_required',
      `is required: the request is later than ${rules.leadTimeWorkingDays} working days before departure (on time until ${latest})`,
      `шаардлагатай: хүсэлтийг явахаас ${rules.leadTimeWorkingDays} ажлын өдрийн өмнө (${latest} хүртэл) гаргаагүй байна`,
    );
  }
  return problems;
}
