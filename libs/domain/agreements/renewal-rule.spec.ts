import { FIVE_YEARS_AUTO_RENEWING_V1, isRenewalDue, nextExpiry, noticeDeadline, RenewalRule, renewalStatus } from './renewal-rule';

const AUTO = FIVE_YEARS_AUTO_RENEWING_V1; // five years, five-year renewals, notice six months before, review three months before that
const FIXED: RenewalRule = { version: 'fixed-3y', validityYears: 3, automaticRenewal: null, reviewLeadMonths: 6 };

describe('bilateral agreement renewal', () => {
  it.each([
    ['before entry into force', '2025-01-01', '2031-03-15'],
    ['on entry into force', '2026-03-15', '2031-03-15'],
    ['the day before expiry', '2031-03-14', '2031-03-15'],
    ['on the expiry date it has renewed', '2031-03-15', '2036-03-15'],
    ['decades later', '2045-01-01', '2046-03-15'],
  ])('auto-renewing, in force from 2026-03-15: next expiry %s (%s) is %s', (_label, asOf, expiry) => {
    expect(nextExpiry(AUTO, '2026-03-15', asOf)).toBe(expiry);
  });

  it('keeps 29 February anniversaries without drifting to the 28th', () => {
    expect(nextExpiry(AUTO, '2028-02-29', '2028-03-01')).toBe('2033-02-28');
    expect(nextExpiry(AUTO, '2028-02-29', '2033-02-28')).toBe('2038-02-28');
    expect(nextExpiry(AUTO, '2028-02-29', '2043-03-01')).toBe('2048-02-29');
  });

  it.each([
    ['well before', '2029-01-01', '2030-09-15', '2031-03-15'],
    ['on the deadline itself: still in time', '2030-09-15', '2030-09-15', '2031-03-15'],
    ['a day late: the agreement renews, the next deadline counts', '2030-09-16', '2035-09-15', '2036-03-15'],
  ])('notice deadline %s', (_label, asOf, deadline, expiry) => {
    expect(noticeDeadline(AUTO, '2026-03-15', asOf)).toEqual({ deadline, expiry });
  });

  it('clamps the notice deadline to a month end', () => {
    expect(noticeDeadline(AUTO, '2026-08-31', '2027-01-01')).toEqual({ deadline: '2031-02-28', expiry: '2031-08-31' });
  });

  it.each([
    ['2030-06-14', false],
    ['2030-06-15', true],
    ['2030-09-15', true],
    ['2030-09-16', false],
  ])('auto-renewing: renewal decision due on %s: %s', (asOf, due) => {
    expect(isRenewalDue(AUTO, '2026-03-15', asOf)).toBe(due);
  });

  it('explains a due decision in both languages', () => {
    const status = renewalStatus(AUTO, '2026-03-15', '2030-08-01');
    expect(status).toMatchObject({ due: true, decideBy: '2030-09-15', expiry: '2031-03-15' });
    expect(status.reason.en).toContain('2030-09-15');
    expect(status.reason.mn).toContain('2031-03-15');
  });

  it('reads an instant on the Ulaanbaatar calendar', () => {
    // 15 September 16:30 UTC is already 16 September in Ulaanbaatar: the deadline has passed.
    expect(noticeDeadline(AUTO, '2026-03-15', new Date('2030-09-15T16:30:00Z'))?.deadline).toBe('2035-09-15');
    expect(noticeDeadline(AUTO, '2026-03-15', new Date('2030-09-15T15:30:00Z'))?.deadline).toBe('2030-09-15');
  });

  it.each([
    ['2028-01-01', '2029-07-01', false, false],
    ['2029-01-01', '2029-07-01', true, false],
    ['2029-06-30', '2029-07-01', true, false],
    ['2029-07-01', null, false, true],
  ])('a three-year agreement that does not renew, on %s: expiry %s, due %s', (asOf, expiry, due, expired) => {
    expect(nextExpiry(FIXED, '2026-07-01', asOf)).toBe(expiry);
    expect(noticeDeadline(FIXED, '2026-07-01', asOf)).toBeNull();
    const status = renewalStatus(FIXED, '2026-07-01', asOf);
    expect(status.due).toBe(due);
    expect(status.reason.en.includes('expired')).toBe(expired);
  });

  it('refuses invalid rules and dates', () => {
    expect(() => nextExpiry({ ...AUTO, validityYears: 0 }, '2026-03-15', '2027-01-01')).toThrow(RangeError);
    expect(() => nextExpiry({ ...AUTO, automaticRenewal: { periodYears: 1, noticeMonths: -1 } }, '2026-03-15', '2027-01-01')).toThrow(RangeError);
    expect(() => nextExpiry(AUTO, '2026-02-30', '2027-01-01')).toThrow(/YYYY-MM-DD/);
    expect(() => nextExpiry(AUTO, '2026-03-15', '2027-1-1')).toThrow(/YYYY-MM-DD/);
  });
});
