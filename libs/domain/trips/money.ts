import type { IsoDate } from '../calendar/iso-date';
import type { TripCostLine } from './trip-costs';

/**
 * Exchange rates to Mongolian tögrög, passed in as data (e.g. the Bank of Mongolia's rates of the day the request
 * was made), never looked up here. Amounts are summed in whole möngö (1/100 MNT) so that a total exactly at a
 * threshold compares as exactly equal, not off by a float's last bit.
 */
export interface ExchangeRateTable {
  asOf?: IsoDate;
  /** MNT per one unit of each currency, keyed by ISO 4217 code; MNT itself is always 1. */
  mntPerUnit: Readonly<Record<string, number>>;
}

export class MissingExchangeRateError extends Error {
  constructor(readonly currency: string) {
    super(`no exchange rate to MNT for ${currency}`);
    this.name = 'MissingExchangeRateError';
  }
}

export function hasRateToMnt(currency: string, rates: ExchangeRateTable): boolean {
  if (currency === 'MNT') return true;
  const rate = rates.mntPerUnit[currency];
  return typeof rate === 'number' && Number.isFinite(rate) && rate > 0;
}

/** The amount in möngö (hundredths of a tögrög), rounded to the nearest möngö. */
export function toMongo(amount: number, currency: string, rates: ExchangeRateTable): number {
  if (!hasRateToMnt(currency, rates)) throw new MissingExchangeRateError(currency);
  const rate = currency === 'MNT' ? 1 : rates.mntPerUnit[currency];
  return Math.round(amount * rate * 100);
}

export function sumMongo(lines: readonly TripCostLine[], rates: ExchangeRateTable): number {
  return lines.reduce((total, line) => total + toMongo(line.amount, line.currency, rates), 0);
}

/** '20,000,000' or '1,234.50': thousands separated, möngö shown only when there are any. */
export function formatMnt(mongo: number): string {
  const sign = mongo < 0 ? '-' : '';
  const abs = Math.abs(Math.round(mongo));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${sign}${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}
