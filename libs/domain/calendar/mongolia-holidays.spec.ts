import { InvalidIsoDateError } from './iso-date';
import { fixedHolidayName, MONGOLIA_FIXED_PUBLIC_HOLIDAYS, mongoliaPublicHolidays } from './mongolia-holidays';
import { addWorkingDays } from './working-days';

describe('Mongolian public holidays', () => {
  it('lists the fixed-date holidays of a year', () => {
    expect(mongoliaPublicHolidays([2026])).toEqual([
      '2026-01-01',
      '2026-03-08',
      '2026-06-01',
      '2026-07-11',
      '2026-07-12',
      '2026-07-13',
      '2026-07-14',
      '2026-07-15',
      '2026-11-26',
      '2026-12-29',
    ]);
  });

  it('names every fixed holiday in both languages', () => {
    for (const h of MONGOLIA_FIXED_PUBLIC_HOLIDAYS) {
      expect(h.name.en.length).toBeGreaterThan(0);
      expect(h.name.mn.length).toBeGreaterThan(0);
    }
    expect(fixedHolidayName('2027-07-13')?.en).toMatch(/Naadam/);
    expect(fixedHolidayName('2026-07-16')).toBeUndefined();
  });

  it('adds configured lunar and one-off days for the years asked, sorted and without duplicates', () => {
    const days = mongoliaPublicHolidays([2027], {
      lunar: {
        2026: { tsagaanSar: ['2026-02-18', '2026-02-19', '2026-02-20'] },
        2027: { tsagaanSar: ['2027-02-07', '2027-02-08', '2027-02-09'], chinggisKhaanDay: '2027-11-20', other: ['2027-05-20'] },
      },
      extra: ['2027-07-10', '2027-01-01'],
    });
    expect(days).toEqual(expect.arrayContaining(['2027-02-07', '2027-02-08', '2027-02-09', '2027-11-20', '2027-05-20', '2027-07-10']));
    expect(days).not.toContain('2026-02-18');
    expect(days.filter((d) => d === '2027-01-01')).toHaveLength(1);
    expect([...days].sort()).toEqual(days);
  });

  it('refuses lunar dates filed under the wrong year, malformed dates and non-years', () => {
    expect(() => mongoliaPublicHolidays([2026], { lunar: { 2026: { chinggisKhaanDay: '2027-11-20' } } })).toThrow(/configured under year 2026/);
    expect(() => mongoliaPublicHolidays([2026], { lunar: { 2026: { tsagaanSar: ['2026-02-30'] } } })).toThrow(InvalidIsoDateError);
    expect(() => mongoliaPublicHolidays([2026], { extra: ['26-07-10'] })).toThrow(InvalidIsoDateError);
    expect(() => mongoliaPublicHolidays([26])).toThrow(RangeError);
  });

  it('makes configured Tsagaan Sar days non-working days', () => {
    const holidays = mongoliaPublicHolidays([2027], { lunar: { 2027: { tsagaanSar: ['2027-02-08', '2027-02-09', '2027-02-10'] } } });
    // Friday 5 February 2027 + 1 working day: Monday to Wednesday are Tsagaan Sar.
    expect(addWorkingDays('2027-02-05', 1, holidays)).toBe('2027-02-11');
  });
});
