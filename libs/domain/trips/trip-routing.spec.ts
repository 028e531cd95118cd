import { ExchangeRateTable, formatMnt, MissingExchangeRateError, toMongo } from './money';
import { CostCategory, FundingSource, TripCostLine } from './trip-costs';
import { routeRoles, routeTrip, TRIP_ROUTING_V1, TripRoutingRules } from './trip-routing';

const RATES: ExchangeRateTable = { asOf: '2026-07-01', mntPerUnit: { USD: 3450, EUR: 3750 } };

function line(amount: number, currency: string, fundingSource: FundingSource, category: CostCategory = 'other'): TripCostLine {
  return { category, amount, currency, fundingSource };
}

describe('trip routing v1', () => {
  it.each([
    ['host pays everything, one delegate', [line(2000, 'USD', 'host')], 1, ['division_head', 'deputy_commissioner']],
    ['the budget pays one line', [line(2000, 'USD', 'host'), line(300, 'USD', 'administration_budget')], 1, ['division_head', 'finance', 'deputy_commissioner']],
    ['a donor project and an international organisation are not the budget', [line(900, 'EUR', 'donor_project'), line(900, 'EUR', 'international_organisation')], 2, ['division_head', 'deputy_commissioner']],
    ['a zero budget line still brings finance in', [line(0, 'MNT', 'administration_budget')], 1, ['division_head', 'finance', 'deputy_commissioner']],
    ['no costs at all', [], 1, ['division_head', 'deputy_commissioner']],
    ['total exactly at 20,000,000 MNT', [line(20_000_000, 'MNT', 'host')], 1, ['division_head', 'deputy_commissioner']],
    ['total one möngö above', [line(20_000_000.01, 'MNT', 'host')], 1, ['division_head', 'commissioner_general']],
    ['USD and MNT summing exactly to the threshold', [line(5000, 'USD', 'host'), line(2_750_000, 'MNT', 'administration_budget')], 1, ['division_head', 'finance', 'deputy_commissioner']],
    ['five delegates is within the size', [line(100, 'USD', 'host')], 5, ['division_head', 'deputy_commissioner']],
    ['six delegates exceed it', [line(100, 'USD', 'host')], 6, ['division_head', 'commissioner_general']],
    ['budget, cost and size all at once', [line(6000, 'EUR', 'administration_budget')], 7, ['division_head', 'finance', 'commissioner_general']],
  ] as const)('%s', (_label, costs, delegateCount, roles) => {
    expect(routeRoles(routeTrip({ costs, delegateCount }, RATES))).toEqual(roles);
  });

  it('records totals and the rules version, and gives every step a reason in both languages', () => {
    const route = routeTrip({ costs: [line(6000, 'EUR', 'administration_budget'), line(1000, 'USD', 'host')], delegateCount: 7 }, RATES);
    expect(route).toMatchObject({ rulesVersion: 'trip-routing-v1', totalCostMnt: 25_950_000, administrationBudgetMnt: 22_500_000, delegateCount: 7 });
    const cg = route.steps.find((s) => s.role === 'commissioner_general')!;
    expect(cg.causes).toEqual(['cost_above_threshold', 'delegation_above_size']);
    expect(cg.reason.en).toContain('25,950,000 MNT exceeds 20,000,000 MNT');
    expect(cg.reason.en).toContain('delegation of 7 exceeds 5');
    expect(cg.reason.mn).toContain('25,950,000 MNT');
    expect(route.steps.find((s) => s.role === 'finance')!.reason.en).toContain('1 cost line(s), 22,500,000 MNT');
    for (const step of route.steps) {
      expect(step.reason.en.length).toBeGreaterThan(10);
      expect(step.reason.mn.length).toBeGreaterThan(10);
    }
  });

  it('explains the deputy route with both limits', () => {
    const [, deputy] = routeTrip({ costs: [line(1000, 'USD', 'host')], delegateCount: 2 }, RATES).steps;
    expect(deputy.causes).toEqual(['within_thresholds']);
    expect(deputy.reason.en).toContain('3,450,000 MNT is within 20,000,000 MNT and the delegation of 2 within 5 people');
  });

  it('compares in whole möngö, so a float sum does not cross an exact threshold', () => {
    const rules: TripRoutingRules = { version: 'test', commissionerGeneral: { costAboveMnt: 0.3, delegationAbove: 5, costBasis: 'all_sources' } };
    expect(0.1 + 0.2).toBeGreaterThan(0.3); // the trap
    expect(routeRoles(routeTrip({ costs: [line(0.1, 'MNT', 'host'), line(0.2, 'MNT', 'host')], delegateCount: 1 }, RATES, rules))).toEqual([
      'division_head',
      'deputy_commissioner',
    ]);
  });

  it('takes thresholds from the rules passed in', () => {
    const strict: TripRoutingRules = { version: 'strict', commissionerGeneral: { costAboveMnt: 10_000_000, delegationAbove: 2, costBasis: 'all_sources' } };
    const costs = [line(3000, 'USD', 'host')]; // 10,350,000 MNT
    expect(routeRoles(routeTrip({ costs, delegateCount: 1 }, RATES, strict))).toEqual(['division_head', 'commissioner_general']);
    expect(routeRoles(routeTrip({ costs, delegateCount: 1 }, RATES, TRIP_ROUTING_V1))).toEqual(['division_head', 'deputy_commissioner']);
    expect(routeRoles(routeTrip({ costs: [], delegateCount: 3 }, RATES, strict))).toEqual(['division_head', 'commissioner_general']);
  });

  it('can count only what the administration pays toward the threshold', () => {
    const costs = [line(30_000_000, 'MNT', 'host'), line(1_000_000, 'MNT', 'administration_budget')];
    const budgetOnly: TripRoutingRules = { ...TRIP_ROUTING_V1, version: 'budget-basis', commissionerGeneral: { ...TRIP_ROUTING_V1.commissionerGeneral, costBasis: 'administration_budget' } };
    expect(routeRoles(routeTrip({ costs, delegateCount: 1 }, RATES))).toEqual(['division_head', 'finance', 'commissioner_general']);
    const route = routeTrip({ costs, delegateCount: 1 }, RATES, budgetOnly);
    expect(routeRoles(route)).toEqual(['division_head', 'finance', 'deputy_commissioner']);
    expect(route.thresholdBasisMnt).toBe(1_000_000);
    expect(route.steps[2].reason.en).toContain("The cost to the administration's budget of 1,000,000 MNT");
  });

  it('refuses a currency with no rate, and bad rules or counts', () => {
    expect(() => routeTrip({ costs: [line(10, 'JPY', 'host')], delegateCount: 1 }, RATES)).toThrow(MissingExchangeRateError);
    expect(() => routeTrip({ costs: [], delegateCount: 1.5 }, RATES)).toThrow(RangeError);
    expect(() => routeTrip({ costs: [], delegateCount: 1 }, RATES, { version: 'bad', commissionerGeneral: { costAboveMnt: -1, delegationAbove: 5, costBasis: 'all_sources' } })).toThrow(RangeError);
  });
});

describe('money', () => {
  it.each([
    [0, '0'],
    [100, '1'],
    [2_000_000_000, '20,000,000'],
    [123_456, '1,234.56'],
    [105, '1.05'],
    [-250_000, '-2,500'],
  ])('formatMnt(%i möngö) = %s', (mongo, text) => {
    expect(formatMnt(mongo)).toBe(text);
  });

  it('converts to möngö with the table, MNT at par', () => {
    expect(toMongo(1.1, 'USD', RATES)).toBe(379_500);
    expect(toMongo(5, 'MNT', { mntPerUnit: {} })).toBe(500);
    expect(() => toMongo(1, 'USD', { mntPerUnit: { USD: 0 } })).toThrow(MissingExchangeRateError);
  });
});
