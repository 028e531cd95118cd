import {
  computeEntryIntoForce,
  describeEntryIntoForceRule,
  EntryIntoForceRule,
  EntryIntoForceRuleError,
  entryIntoForceDate,
  forecastEntryIntoForce,
  latestTriggerForEntryIntoForceBy,
} from './entry-into-force';

const THREE_MONTHS: EntryIntoForceRule = { type: 'months_after_deposit', months: 3 };
const HS_RULE: EntryIntoForceRule = { type: 'first_january_within_window', minMonths: 12, maxMonths: 24 };

describe('entry into force', () => {
  it.each([
    ['2026-01-15', '2026-04-15'],
    ['2026-03-31', '2026-06-30'],
    ['2026-05-31', '2026-08-31'],
    ['2026-10-31', '2027-01-31'],
    ['2026-11-30', '2027-02-28'],
    ['2027-11-29', '2028-02-29'],
    ['2027-11-30', '2028-02-29'],
    ['2028-02-29', '2028-05-29'],
    ['2026-12-31', '2027-03-31'],
  ])('three months after deposit on %s: %s', (deposit, expected) => {
    expect(entryIntoForceDate(THREE_MONTHS, deposit)).toBe(expected);
  });

  it.each([
    ['deposit on 1 January: exactly 12 months qualifies, the earlier of two', '2026-01-01', '2027-01-01'],
    ['deposit on 31 December: 12 months and a day', '2025-12-31', '2027-01-01'],
    ['deposit on 2 January: the next 1 January is a day short', '2026-01-02', '2028-01-01'],
    ['deposit mid-year', '2026-06-15', '2028-01-01'],
    ['deposit on 31 December of the next year', '2026-12-31', '2028-01-01'],
    ['deposit on 29 February', '2028-02-29', '2030-01-01'],
  ])('HS: %s (%s -> %s)', (_label, deposit, expected) => {
    expect(entryIntoForceDate(HS_RULE, deposit)).toBe(expected);
  });

  it('HS: an earlier 1 January may be specified in the instrument (Art. 13(2)), within limits', () => {
    expect(entryIntoForceDate(HS_RULE, '2026-11-08', { requestedDate: '2027-01-01' })).toBe('2027-01-01');
    expect(entryIntoForceDate(HS_RULE, '2026-11-08', { requestedDate: '2028-01-01' })).toBe('2028-01-01');
    expect(() => entryIntoForceDate(HS_RULE, '2026-11-08', { requestedDate: '2027-03-01' })).toThrow(EntryIntoForceRuleError);
    expect(() => entryIntoForceDate(HS_RULE, '2026-11-08', { requestedDate: '2026-01-01' })).toThrow(/must be a 1 January from 2026-11-08/);
    expect(() => entryIntoForceDate(HS_RULE, '2026-11-08', { requestedDate: '2029-01-01' })).toThrow(EntryIntoForceRuleError);
    expect(() => entryIntoForceDate(THREE_MONTHS, '2026-11-08', { requestedDate: '2027-01-01' })).toThrow(/only to first_january_within_window/);
  });

  it('refuses a window too narrow to hold a 1 January, and malformed rules', () => {
    expect(() => entryIntoForceDate({ type: 'first_january_within_window', minMonths: 1, maxMonths: 2 }, '2026-03-15')).toThrow(/no 1 January/);
    expect(() => entryIntoForceDate({ type: 'first_january_within_window', minMonths: 24, maxMonths: 12 }, '2026-03-15')).toThrow(EntryIntoForceRuleError);
    expect(() => entryIntoForceDate({ type: 'months_after_deposit', months: -1 }, '2026-03-15')).toThrow(EntryIntoForceRuleError);
    expect(() => entryIntoForceDate({ type: 'months_after_deposit', months: 1.5 }, '2026-03-15')).toThrow(EntryIntoForceRuleError);
    expect(() => entryIntoForceDate({ type: 'first_day_of_month_after_last_notification', months: 0 }, '2026-03-15')).toThrow(EntryIntoForceRuleError);
    expect(() => entryIntoForceDate(THREE_MONTHS, '2026-02-30')).toThrow(/YYYY-MM-DD/);
  });

  it.each([
    [{ type: 'days_after_last_notification', days: 30 }, '2026-01-15', '2026-02-14'],
    [{ type: 'days_after_last_notification', days: 30 }, '2028-02-15', '2028-03-16'],
    [{ type: 'days_after_last_notification', days: 30 }, '2026-12-15', '2027-01-14'],
    [{ type: 'on_last_notification' }, '2026-09-01', '2026-09-01'],
    [{ type: 'first_day_of_month_after_last_notification', months: 1 }, '2026-01-31', '2026-02-01'],
    [{ type: 'first_day_of_month_after_last_notification', months: 1 }, '2026-01-01', '2026-02-01'],
    [{ type: 'first_day_of_month_after_last_notification', months: 2 }, '2026-12-15', '2027-02-01'],
  ] as [EntryIntoForceRule, string, string][])('bilateral %j after last notification on %s: %s', (rule, notification, expected) => {
    expect(entryIntoForceDate(rule, notification)).toBe(expected);
  });

  it('returns an ISO date for an ISO date, and 00:00 Ulaanbaatar for an instant read on the Ulaanbaatar calendar', () => {
    expect(computeEntryIntoForce(THREE_MONTHS, '2026-03-31')).toBe('2026-06-30');
    // 31 March 17:00 UTC is already 1 April in Ulaanbaatar.
    const eif = computeEntryIntoForce(THREE_MONTHS, new Date('2026-03-31T17:00:00Z'));
    expect(eif).toBeInstanceOf(Date);
    expect(eif.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(computeEntryIntoForce(HS_RULE, new Date('2026-11-08T02:00:00Z'), { requestedDate: '2027-01-01' }).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it.each([
    ['three months, a clamped month end', THREE_MONTHS, '2026-03-30', '2026-06-30', '2026-03-31'],
    ['three months, an ordinary day', THREE_MONTHS, '2026-03-15', '2026-06-15', '2026-03-15'],
    ['HS, mid-year', HS_RULE, '2026-06-15', '2028-01-01', '2027-01-01'],
    ['HS, on 1 January', HS_RULE, '2026-01-01', '2027-01-01', '2026-01-01'],
  ] as const)('forecast: %s', (_label, rule, expected, eif, latest) => {
    const forecast = forecastEntryIntoForce(rule, expected);
    expect(forecast).toMatchObject({ expectedTrigger: expected, entryIntoForce: eif, latestTriggerForSameDate: latest, rule });
    expect(forecast.explanation.en).toContain(eif);
    expect(forecast.explanation.mn).toContain(eif);
  });

  it('forecasts from an instant on the Ulaanbaatar calendar', () => {
    expect(forecastEntryIntoForce(THREE_MONTHS, new Date('2026-03-30T16:30:00Z')).expectedTrigger).toBe('2026-03-31');
  });

  it.each([
    [HS_RULE, '2027-01-01', '2026-01-01'],
    [HS_RULE, '2027-06-30', '2026-01-01'],
    [THREE_MONTHS, '2026-06-30', '2026-03-31'],
    [THREE_MONTHS, '2026-07-01', '2026-04-01'],
    [{ type: 'days_after_last_notification', days: 30 }, '2026-03-31', '2026-03-01'],
  ] as [EntryIntoForceRule, string, string][])('to be in force by the target, %j needs the trigger by a date', (rule, target, latest) => {
    expect(latestTriggerForEntryIntoForceBy(rule, target)).toBe(latest);
    expect(entryIntoForceDate(rule, latest) <= target).toBe(true);
  });

  it('describes each rule in both languages with its numbers', () => {
    const rules: EntryIntoForceRule[] = [
      THREE_MONTHS,
      HS_RULE,
      { type: 'days_after_last_notification', days: 30 },
      { type: 'on_last_notification' },
      { type: 'first_day_of_month_after_last_notification', months: 1 },
      { type: 'first_day_of_month_after_last_notification', months: 2 },
    ];
    const texts = rules.map(describeEntryIntoForceRule);
    expect(texts[0].en).toContain('3 month');
    expect(texts[1].en).toMatch(/at least 12 and at most 24 months/);
    expect(texts[1].mn).toMatch(/12.*24/);
    expect(texts[2].mn).toContain('30 хоног');
    expect(texts[4].en).toContain('first day of the month following');
    expect(texts[5].en).toContain('first day of the second month following');
    for (const t of texts) expect(t.mn).toMatch(/хүчин төгөлдөр болно/);
  });
});
