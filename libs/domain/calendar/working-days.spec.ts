import fc from 'fast-check';
import { dayNumber, fromDayNumber, InvalidIsoDateError, isoWeekday } from './iso-date';
import { mongoliaPublicHolidays } from './mongolia-holidays';
import { addWorkingDays, isWeekend, isWorkingDay, nextWorkingDay, nextWorkingDayAtUlaanbaatar, workingDaysBetween } from './working-days';

// Naadam 2026: 11-12 July is a weekend, 13-15 July (Monday to Wednesday) are holidays.
const H2026 = mongoliaPublicHolidays([2026, 2027]);

describe('working days in Ulaanbaatar', () => {
  it.each([
    ['2026-07-10', [], true], // Friday
    ['2026-07-11', [], false], // Saturday
    ['2026-07-12', [], false], // Sunday
    ['2026-07-13', [], true], // Monday, no holidays configured
    ['2026-07-13', H2026, false], // Monday, Naadam
    ['2026-07-16', H2026, true], // Thursday after Naadam
    ['2026-12-29', H2026, false], // Tuesday, National Freedom and Independence Day
  ] as const)('isWorkingDay(%s) with %j holidays is %s', (date, holidays, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });

  it('reads an instant on the Ulaanbaatar calendar, not UTC', () => {
    // Friday 17:00 UTC is already Saturday 01:00 in Ulaanbaatar.
    expect(isWeekend(new Date('2026-07-10T17:00:00Z'))).toBe(true);
    expect(isWorkingDay(new Date('2026-07-10T15:59:00Z'))).toBe(true);
  });

  it.each([
    ['Friday + 1 is Monday', '2026-07-03', 1, [], '2026-07-06'],
    ['Saturday + 1 is Monday', '2026-07-04', 1, [], '2026-07-06'],
    ['Sunday + 1 is Monday', '2026-07-05', 1, [], '2026-07-06'],
    ['Friday + 5 is the next Friday', '2026-07-03', 5, [], '2026-07-10'],
    ['Friday before Naadam + 1 skips the weekend and three holidays', '2026-07-10', 1, H2026, '2026-07-16'],
    ['Thursday before Naadam + 2', '2026-07-09', 2, H2026, '2026-07-16'],
    ['a holiday itself + 1', '2026-07-13', 1, H2026, '2026-07-16'],
    ['year end: Dec 29 and Jan 1 holidays', '2026-12-28', 3, H2026, '2027-01-04'],
    ['0 keeps the start, even on a weekend', '2026-07-11', 0, H2026, '2026-07-11'],
    ['Monday - 1 is Friday', '2026-07-06', -1, [], '2026-07-03'],
    ['after Naadam - 1 is before it', '2026-07-16', -1, H2026, '2026-07-10'],
    ['Saturday - 1 is Friday', '2026-07-04', -1, [], '2026-07-03'],
  ] as const)('%s', (_label, start, n, holidays, expected) => {
    expect(addWorkingDays(start, n, holidays)).toBe(expected);
  });

  it('keeps the Ulaanbaatar time of day of an instant', () => {
    // Friday 10 July 10:00 in Ulaanbaatar, one working day later: Thursday 16 July 10:00.
    expect(addWorkingDays(new Date('2026-07-10T02:00:00Z'), 1, H2026).toISOString()).toBe('2026-07-16T02:00:00.000Z');
    // Saturday 01:00 in Ulaanbaatar (Friday 17:00 UTC): counted from Saturday.
    expect(addWorkingDays(new Date('2026-07-10T17:00:00Z'), 1, H2026).toISOString()).toBe('2026-07-15T17:00:00.000Z');
  });

  it('refuses fractional counts and malformed holidays', () => {
    expect(() => addWorkingDays('2026-07-10', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-07-10', 1, ['2026-7-13'])).toThrow(InvalidIsoDateError);
    expect(() => isWorkingDay('2026-07-10', ['2026-02-30'])).toThrow(InvalidIsoDateError);
  });

  it.each([
    ['same day', '2026-07-06', '2026-07-06', [], 0],
    ['Friday to Monday', '2026-07-03', '2026-07-06', [], 1],
    ['Monday to next Monday', '2026-07-06', '2026-07-13', [], 5],
    ['across Naadam', '2026-07-10', '2026-07-16', H2026, 1],
    ['July 2026 after the 1st: 22 weekdays less 3 Naadam holidays', '2026-07-01', '2026-07-31', H2026, 19],
    ['backwards is negative', '2026-07-16', '2026-07-10', H2026, -1],
    ['weekend to weekend', '2026-07-04', '2026-07-05', [], 0],
    ['holiday on a weekend counts nothing extra', '2026-03-06', '2026-03-09', ['2026-03-08'], 1],
  ] as const)('workingDaysBetween: %s', (_label, from, to, holidays, expected) => {
    expect(workingDaysBetween(from, to, holidays)).toBe(expected);
  });

  const anyDate = fc.integer({ min: dayNumber('2025-01-01'), max: dayNumber('2027-12-31') }).map(fromDayNumber);

  it('agrees with a day-by-day count and inverts addWorkingDays', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 120 }), (start, n) => {
        const end = addWorkingDays(start, n, H2026);
        expect(workingDaysBetween(start, end, H2026)).toBe(n);
        let naive = 0;
        for (let d = dayNumber(start) + 1; d <= dayNumber(end); d++) {
          const date = fromDayNumber(d);
          if (isoWeekday(date) < 6 && !H2026.includes(date)) naive++;
        }
        expect(naive).toBe(n);
        expect(n === 0 || isWorkingDay(end, H2026)).toBe(true);
      }),
    );
  });

  it('steps back to a working day and forward again to the start when the start is a working day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (start, n) => {
        fc.pre(isWorkingDay(start, H2026));
        expect(addWorkingDays(addWorkingDays(start, -n, H2026), n, H2026)).toBe(start);
      }),
    );
  });

  it('finds the next working day', () => {
    expect(nextWorkingDay('2026-07-10', H2026)).toBe('2026-07-16');
    expect(nextWorkingDay(new Date('2026-12-31T03:00:00Z'), H2026)).toBe('2027-01-04');
  });

  it.each([
    ['Friday 07:00 gives the same morning', '2026-07-03T07:00:00+08:00', [], '2026-07-03T08:00:00+08:00'],
    ['Friday 09:00 gives Monday', '2026-07-03T09:00:00+08:00', [], '2026-07-06T08:00:00+08:00'],
    ['Friday before Naadam gives the Thursday after', '2026-07-10T09:00:00+08:00', H2026, '2026-07-16T08:00:00+08:00'],
    ['a holiday morning gives the next working day', '2026-07-13T06:00:00+08:00', H2026, '2026-07-16T08:00:00+08:00'],
  ] as const)('next working day 08:00: %s', (_label, now, holidays, expected) => {
    expect(nextWorkingDayAtUlaanbaatar(new Date(now), 8, 0, holidays).toISOString()).toBe(new Date(expected).toISOString());
  });
});
