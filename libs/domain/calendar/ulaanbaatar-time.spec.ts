import {
  atUlaanbaatarTime,
  endOfDayUlaanbaatar,
  formatDateLong,
  formatUlaanbaatarDate,
  formatUlaanbaatarDateTime,
  nextMondayAt0800Ulaanbaatar,
  nextUlaanbaatarWeekdayAt,
  startOfDayUlaanbaatar,
  ulaanbaatarDate,
} from './ulaanbaatar-time';

const at = (iso: string) => new Date(iso);

describe('Ulaanbaatar time (UTC+08:00, no daylight saving)', () => {
  it.each([
    ['2026-03-31T15:59:59.999Z', '2026-03-31'],
    ['2026-03-31T16:00:00.000Z', '2026-04-01'],
    ['2026-07-10T23:30:00+08:00', '2026-07-10'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('the Ulaanbaatar date of %s is %s', (instant, date) => {
    expect(ulaanbaatarDate(at(instant))).toBe(date);
    expect(formatUlaanbaatarDate(at(instant))).toBe(date);
  });

  it('puts midnight and the end of the day at the Ulaanbaatar boundaries, summer and winter alike', () => {
    expect(startOfDayUlaanbaatar(at('2026-04-01T03:00:00Z')).toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(startOfDayUlaanbaatar(at('2026-01-15T20:00:00Z')).toISOString()).toBe('2026-01-15T16:00:00.000Z');
    expect(endOfDayUlaanbaatar(at('2026-07-11T00:00:00+08:00')).toISOString()).toBe('2026-07-11T15:59:59.999Z');
  });

  it('builds an instant from a date and a wall-clock time', () => {
    expect(atUlaanbaatarTime('2026-07-13', 8, 0).toISOString()).toBe('2026-07-13T00:00:00.000Z');
    expect(atUlaanbaatarTime('2026-07-13', 23, 59).toISOString()).toBe('2026-07-13T15:59:00.000Z');
    expect(() => atUlaanbaatarTime('2026-07-13', 24)).toThrow(RangeError);
    expect(() => atUlaanbaatarTime('2026-07-13', 8, 60)).toThrow(RangeError);
  });

  it('formats date and time for people', () => {
    expect(formatUlaanbaatarDateTime(at('2026-07-10T23:30:00Z'))).toBe('2026-07-11 07:30');
    expect(formatUlaanbaatarDateTime(at('2026-01-01T16:05:00Z'))).toBe('2026-01-02 00:05');
  });

  it.each([
    ['2026-07-11', 'en', '11 July 2026'],
    ['2026-07-11', 'mn', '2026 оны 7 дугаар сарын 11'],
    ['2026-01-01', 'mn', '2026 оны 1 дүгээр сарын 1'],
    ['2026-04-26', 'mn', '2026 оны 4 дүгээр сарын 26'],
    ['2026-09-10', 'mn', '2026 оны 9 дүгээр сарын 10'],
    ['2026-11-26', 'mn', '2026 оны 11 дүгээр сарын 26'],
    ['2026-12-29', 'mn', '2026 оны 12 дугаар сарын 29'],
    ['2026-12-29', 'en', '29 December 2026'],
  ] as const)('formatDateLong(%s, %s) = %s', (date, language, text) => {
    expect(formatDateLong(date, language)).toBe(text);
  });

  it.each([
    ['Monday 07:59 gives the same morning', '2026-07-13T07:59:00+08:00', '2026-07-13T08:00:00+08:00'],
    ['Monday 08:00 exactly gives the next week', '2026-07-13T08:00:00+08:00', '2026-07-20T08:00:00+08:00'],
    ['Sunday 23:00 in Ulaanbaatar (Sunday 15:00 UTC)', '2026-07-12T15:00:00Z', '2026-07-13T08:00:00+08:00'],
    ['Sunday 17:00 UTC is already Monday 01:00 there', '2026-07-12T17:00:00Z', '2026-07-13T08:00:00+08:00'],
    ['Friday', '2026-07-10T12:00:00+08:00', '2026-07-13T08:00:00+08:00'],
  ])('next Monday 08:00: %s', (_label, now, expected) => {
    expect(nextMondayAt0800Ulaanbaatar(at(now)).toISOString()).toBe(at(expected).toISOString());
  });

  it('finds the next given weekday at a time', () => {
    expect(nextUlaanbaatarWeekdayAt(at('2026-07-13T10:00:00+08:00'), 5, 17, 30).toISOString()).toBe(at('2026-07-17T17:30:00+08:00').toISOString());
  });

  it('refuses an invalid Date', () => {
    expect(() => ulaanbaatarDate(new Date('not a date'))).toThrow(RangeError);
  });
});
