import { periodOrLastDays, ulaanbaatarPeriod } from './ulaanbaatar-period';

describe('Ulaanbaatar periods', () => {
  it('turns calendar dates into instants: from the first midnight to the midnight after the last day', () => {
    expect(ulaanbaatarPeriod('2026-01-01', '2026-01-31')).toEqual({ from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-01-31T16:00:00Z') });
    expect(ulaanbaatarPeriod(undefined, undefined)).toEqual({ from: undefined, to: undefined });
  });

  it('refuses a period that ends before it starts, or an impossible date', () => {
    expect(() => ulaanbaatarPeriod('2026-02-01', '2026-01-01')).toThrow(/from: must not be after to/);
    expect(() => ulaanbaatarPeriod('2026-02-30', undefined)).toThrow(/not a calendar date/);
  });

  it('defaults to the last N days up to today in Ulaanbaatar', () => {
    // 20:00 UTC on 31 Dec is already 1 January in Ulaanbaatar.
    expect(periodOrLastDays(undefined, undefined, 365, new Date('2025-12-31T20:00:00Z'))).toEqual({ from: '2025-01-02', to: '2026-01-01' });
    expect(periodOrLastDays('2024-01-01', undefined, 365, new Date('2025-12-31T20:00:00Z'))).toEqual({ from: '2024-01-01', to: '2026-01-01' });
  });
});
