import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addYears,
  compareIsoDates,
  dayNumber,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  InvalidIsoDateError,
  isIsoDate,
  isLeapYear,
  isoWeekday,
  parseIsoDate,
} from './iso-date';

const anyDate = fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2100-12-31') }).map(fromDayNumber);

describe('ISO calendar dates', () => {
  it.each([
    ['2026-07-11', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-7-11', false],
    ['2026-07-11T00:00:00Z', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('refuses malformed dates with a typed error naming the value', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(InvalidIsoDateError);
    expect(() => addDays('11/07/2026', 1)).toThrow('"11/07/2026"');
  });

  it.each([
    [2024, true],
    [2026, false],
    [2000, true],
    [2100, false],
  ])('leap year %i: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 3, '2026-06-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-10-31', 3, '2027-01-31'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-31', -2, '2025-11-30'],
    ['2026-05-20', 0, '2026-05-20'],
    ['2026-01-01', 24, '2028-01-01'],
  ])('addMonths(%s, %i) = %s (end of month clamped)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses fractional months', () => {
    expect(() => addMonths('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it.each([
    ['2028-02-29', 1, '2029-02-28'],
    ['2028-02-29', 4, '2032-02-29'],
    ['2026-07-11', 5, '2031-07-11'],
  ])('addYears(%s, %i) = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('compares and measures dates', () => {
    expect(compareIsoDates('2026-01-01', '2026-01-02')).toBeLessThan(0);
    expect(compareIsoDates('2026-01-02', '2026-01-02')).toBe(0);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });

  it('knows the weekday of known dates', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2026-07-11')).toBe(6);
    expect(isoWeekday('2026-07-13')).toBe(1);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });

  it('agrees with the JavaScript Date for weekday and round trip on any date', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const jsDay = new Date(`${date}T00:00:00Z`).getUTCDay();
        expect(isoWeekday(date)).toBe(jsDay === 0 ? 7 : jsDay);
        expect(fromDayNumber(dayNumber(date))).toBe(date);
      }),
    );
  });

  it('adds months so that the day of month is kept or clamped, never overflowing into the next month', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -60, max: 60 }), (date, months) => {
        const from = parseIsoDate(date);
        const to = parseIsoDate(addMonths(date, months));
        expect((to.year - from.year) * 12 + (to.month - from.month)).toBe(months);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
      }),
    );
  });
});
