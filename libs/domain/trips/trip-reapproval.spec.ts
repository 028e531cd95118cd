import { ExchangeRateTable } from './money';
import { TripApprovalSnapshot, changedFieldsRequireReapproval } from './trip-reapproval';
import { TRIP_ROUTING_V1 } from './trip-routing';

const RATES: ExchangeRateTable = { mntPerUnit: { USD: 3450, EUR: 3750 } };

// Division head, finance (airfare from the budget), deputy commissioner: 5,175,000 + 3,000,000 = 8,175,000 MNT.
const APPROVED: TripApprovalSnapshot = {
  departureDate: '2026-09-14',
  returnDate: '2026-09-18',
  destination: { country: 'BE', city: 'Brussels' },
  delegateIds: ['u1', 'u2'],
  costs: [
    { category: 'airfare', amount: 1500, currency: 'USD', fundingSource: 'administration_budget' },
    { category: 'accommodation', amount: 800, currency: 'EUR', fundingSource: 'host' },
  ],
};

function change(patch: Partial<TripApprovalSnapshot>): TripApprovalSnapshot {
  return { ...APPROVED, ...patch };
}

const hostAccommodation = (amount: number) => ({ category: 'accommodation' as const, amount, currency: 'EUR', fundingSource: 'host' as const });
const budgetAirfare = (amount: number) => ({ category: 'airfare' as const, amount, currency: 'USD', fundingSource: 'administration_budget' as const });

describe('re-approval after a change to an approved trip', () => {
  it.each([
    ['nothing changed', APPROVED, [], []],
    ['the departure date', change({ departureDate: '2026-09-13' }), ['dates'], ['division_head', 'finance', 'deputy_commissioner']],
    ['the return date', change({ returnDate: '2026-09-19' }), ['dates'], ['division_head', 'finance', 'deputy_commissioner']],
    ['the destination city', change({ destination: { country: 'BE', city: 'Antwerp' } }), ['destination'], ['division_head', 'finance', 'deputy_commissioner']],
    ['only the spelling case of the destination', change({ destination: { country: 'be', city: ' brussels ' } }), [], []],
    ['a delegate replaced', change({ delegateIds: ['u1', 'u3'] }), ['delegates'], ['division_head', 'deputy_commissioner']],
    ['the delegates reordered', change({ delegateIds: ['u2', 'u1'] }), [], []],
    [
      'the delegation grown past five',
      change({ delegateIds: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'] }),
      ['delegates'],
      ['division_head', 'commissioner_general'],
    ],
    ['a budget line reduced', change({ costs: [budgetAirfare(1200), hostAccommodation(800)] }), ['administration_budget_lines'], ['finance']],
    ['a budget line raised', change({ costs: [budgetAirfare(1800), hostAccommodation(800)] }), ['administration_budget_lines'], ['finance', 'deputy_commissioner']],
    ['a host cost raised within the threshold', change({ costs: [budgetAirfare(1500), hostAccommodation(1200)] }), ['other_costs'], ['deputy_commissioner']],
    // 5,175,000 + 4,000 x 3,750 = 20,175,000 MNT: over the threshold.
    ['a host cost raised past the threshold', change({ costs: [budgetAirfare(1500), hostAccommodation(4000)] }), ['other_costs'], ['commissioner_general']],
    ['a host cost reduced', change({ costs: [budgetAirfare(1500), hostAccommodation(500)] }), ['other_costs'], []],
    ['cost lines reordered', change({ costs: [hostAccommodation(800), budgetAirfare(1500)] }), [], []],
    [
      'the budget no longer pays anything',
      change({ costs: [{ ...budgetAirfare(1500), fundingSource: 'host' as const }, hostAccommodation(800)] }),
      ['administration_budget_lines', 'other_costs'],
      [],
    ],
  ] as const)('%s', (_label, after, fields, roles) => {
    const result = changedFieldsRequireReapproval(APPROVED, after, RATES);
    expect(result.changedFields).toEqual(fields);
    expect(result.roles).toEqual(roles);
  });

  it('brings finance in when a host cost moves to the budget, without re-running the others', () => {
    const hostOnly = change({ costs: [hostAccommodation(800)] });
    const result = changedFieldsRequireReapproval(hostOnly, change({ costs: [{ ...hostAccommodation(800), fundingSource: 'administration_budget' }] }), RATES);
    expect(result.roles).toEqual(['finance']);
    expect(result.steps[0].reasons.map((r) => r.en)).toEqual([
      expect.stringContaining("costs paid by the administration's budget changed (0 to 3,000,000 MNT)"),
      expect.stringMatching(/^Newly required: The administration's budget pays 1 cost line/),
    ]);
  });

  it('sends a trip back to the deputy when a cut brings it under the threshold', () => {
    const big = change({ costs: [hostAccommodation(6000)] }); // 22,500,000 MNT: commissioner general
    const result = changedFieldsRequireReapproval(big, change({ costs: [hostAccommodation(5000)] }), RATES);
    expect(result.route.steps.map((s) => s.role)).toEqual(['division_head', 'deputy_commissioner']);
    expect(result.roles).toEqual(['deputy_commissioner']);
  });

  it('gives each re-run role its reasons in both languages, in route order', () => {
    const result = changedFieldsRequireReapproval(
      APPROVED,
      change({ departureDate: '2026-09-20', returnDate: '2026-09-25', delegateIds: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'] }),
      RATES,
      TRIP_ROUTING_V1,
    );
    expect(result.changedFields).toEqual(['dates', 'delegates']);
    expect(result.roles).toEqual(['division_head', 'finance', 'commissioner_general']);
    const cg = result.steps.find((s) => s.role === 'commissioner_general')!;
    expect(cg.reasons.map((r) => r.en)).toEqual([
      'The dates changed from 2026-09-14 to 2026-09-18 to 2026-09-20 to 2026-09-25.',
      'The delegation changed (2 to 6 people).',
      expect.stringMatching(/^Newly required: The delegation of 6 exceeds 5 people/),
    ]);
    for (const step of result.steps) for (const r of step.reasons) expect(r.mn.length).toBeGreaterThan(10);
  });
});
