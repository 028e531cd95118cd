import { mongoliaPublicHolidays } from '../calendar/mongolia-holidays';
import { isLateRequest, latestOnTimeRequestDate, TRIP_REQUEST_RULES_V1, TripRequestDraft, validateTripRequest } from './trip-request-validation';

// Wednesday 1 July 2026, 10:00 in Ulaanbaatar.
const NOW = new Date('2026-07-01T02:00:00Z');
const HOLIDAYS = mongoliaPublicHolidays([2026]);
const RATES = { mntPerUnit: { USD: 3450 } };

const VALID: TripRequestDraft = {
  departureDate: '2026-08-03',
  returnDate: '2026-08-07',
  delegateIds: ['u1'],
  costs: [{ category: 'airfare', amount: 1000, currency: 'USD', fundingSource: 'administration_budget' }],
};

function problems(patch: Partial<TripRequestDraft>, now = NOW, rules = TRIP_REQUEST_RULES_V1) {
  return validateTripRequest({ ...VALID, ...patch }, { now, holidays: HOLIDAYS, rules, rates: RATES }).map((p) => [p.field, p.code]);
}

describe('trip request validation', () => {
  it('accepts a valid request', () => {
    expect(problems({})).toEqual([]);
  });

  it.each([
    ['departure today', { departureDate: '2026-07-01', returnDate: '2026-07-03' }, [['departureDate', 'not_in_future']]],
    ['departure in the past', { departureDate: '2026-06-01', returnDate: '2026-07-03' }, [['departureDate', 'not_in_future']]],
    ['both dates in the past', { departureDate: '2026-06-01', returnDate: '2026-06-05' }, [['departureDate', 'not_in_future'], ['returnDate', 'not_in_future']]],
    ['return before departure', { returnDate: '2026-08-02' }, [['returnDate', 'return_before_departure']]],
    ['return on the departure day is allowed by default', { returnDate: '2026-08-03' }, []],
    ['a malformed date', { departureDate: '2026-02-30' }, [['departureDate', 'invalid_date']]],
    ['no delegate', { delegateIds: [] }, [['delegateIds', 'no_delegates']]],
    ['a delegate twice', { delegateIds: ['u1', 'u2', 'u1'] }, [['delegateIds[2]', 'duplicate_delegate']]],
    ['a negative cost', { costs: [{ ...VALID.costs[0], amount: -1 }] }, [['costs[0].amount', 'negative_amount']]],
    ['a zero cost is fine', { costs: [{ ...VALID.costs[0], amount: 0 }] }, []],
    ['a cost that is not a number', { costs: [{ ...VALID.costs[0], amount: Number.NaN }] }, [['costs[0].amount', 'invalid_amount']]],
    ['a lower-case currency', { costs: [{ ...VALID.costs[0], currency: 'usd' }] }, [['costs[0].currency', 'invalid_currency']]],
    ['a currency with no rate', { costs: [VALID.costs[0], { ...VALID.costs[0], currency: 'JPY' }] }, [['costs[1].currency', 'no_exchange_rate']]],
    ['MNT needs no rate', { costs: [{ ...VALID.costs[0], currency: 'MNT' }] }, []],
    ['an unknown category and funding source', { costs: [{ ...VALID.costs[0], category: 'gifts', fundingSource: 'friends' } as never] }, [['costs[0].category', 'invalid_category'], ['costs[0].fundingSource', 'invalid_funding_source']]],
  ] as const)('%s', (_label, patch, expected) => {
    expect(problems(patch as Partial<TripRequestDraft>)).toEqual(expected);
  });

  it('refuses a same-day return when the rules say so', () => {
    expect(problems({ returnDate: '2026-08-03' }, NOW, { ...TRIP_REQUEST_RULES_V1, allowSameDayReturn: false })).toEqual([['returnDate', 'return_before_departure']]);
  });

  it('judges "today" on the Ulaanbaatar calendar', () => {
    // 30 June 17:00 UTC is already 1 July 01:00 in Ulaanbaatar, so a 1 July departure is not in the future.
    const lateEvening = new Date('2026-06-30T17:00:00Z');
    expect(problems({ departureDate: '2026-07-01', returnDate: '2026-07-03', lateJustification: 'urgent' }, lateEvening)).toEqual([['departureDate', 'not_in_future']]);
    expect(problems({ departureDate: '2026-07-01', returnDate: '2026-07-03', lateJustification: 'urgent' }, new Date('2026-06-30T15:00:00Z'))).toEqual([]);
  });

  describe('late requests (10 working days; Naadam 13-15 July are holidays)', () => {
    // From Wednesday 1 July: 2, 3, 6, 7, 8, 9, 10, 16, 17, 20 July are the next ten working days.
    it.each([
      ['exactly ten working days ahead is on time', '2026-07-20', []],
      ['nine working days ahead is late', '2026-07-17', [['lateJustification', 'late_justification_required']]],
      ['departure on the weekend after Naadam is late', '2026-07-18', [['lateJustification', 'late_justification_required']]],
    ])('%s (%s)', (_label, departureDate, expected) => {
      expect(problems({ departureDate, returnDate: '2026-07-25' })).toEqual(expected);
    });

    it('would be on time without the holidays, so they count', () => {
      expect(isLateRequest('2026-07-17', NOW, 10, [])).toBe(false);
      expect(isLateRequest('2026-07-17', NOW, 10, HOLIDAYS)).toBe(true);
      expect(latestOnTimeRequestDate('2026-07-20', 10, HOLIDAYS)).toBe('2026-07-01');
      expect(latestOnTimeRequestDate('2026-07-17', 10, HOLIDAYS)).toBe('2026-06-30');
    });

    it('accepts a late request with a justification, not with blanks', () => {
      expect(problems({ departureDate: '2026-07-17', returnDate: '2026-07-25', lateJustification: 'Invitation received on 30 June' })).toEqual([]);
      expect(problems({ departureDate: '2026-07-17', returnDate: '2026-07-25', lateJustification: '   ' })).toEqual([['lateJustification', 'late_justification_required']]);
    });

    it('says how late, in both languages', () => {
      const [p] = validateTripRequest({ ...VALID, departureDate: '2026-07-17', returnDate: '2026-07-25' }, { now: NOW, holidays: HOLIDAYS });
      expect(p.reason).toBe('is required: the request is later than 10 working days before departure (on time until 2026-06-30)');
      expect(p.reasonMn).toContain('2026-06-30');
    });

    it('takes the lead time from the rules', () => {
      expect(problems({ departureDate: '2026-07-17', returnDate: '2026-07-25' }, NOW, { ...TRIP_REQUEST_RULES_V1, leadTimeWorkingDays: 9 })).toEqual([]);
    });
  });

  it('reports every broken rule at once, each with English and Mongolian reasons', () => {
    const all = validateTripRequest(
      { departureDate: '2026-06-01', returnDate: '2026-05-01', delegateIds: [], costs: [{ category: 'visa', amount: -5, currency: 'USD', fundingSource: 'host' }] },
      { now: NOW },
    );
    expect(all.map((p) => p.field)).toEqual(['departureDate', 'returnDate', 'delegateIds', 'costs[0].amount']);
    for (const p of all) {
      expect(p.reason.length).toBeGreaterThan(5);
      expect(p.reasonMn.length).toBeGreaterThan(5);
    }
  });
});
