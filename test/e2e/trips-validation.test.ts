import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { createUser, createUserAndLogin, SignedInUser } from '../support/users';

const today = () => ulaanbaatarDate(new Date());

/** Each rule of a trip request refused through the API, with the field and the reason (and nothing stored). */
describe('trip requests: validation', () => {
  let stack: AccordStack;
  let owner: SignedInUser;
  let colleagueId: string;
  let inactiveId: string;

  beforeAll(async () => {
    stack = await startAccordStack({ worker: false, env: { TRIP_LEAD_TIME_WORKING_DAYS: '10', TRIP_EXCHANGE_RATES: 'USD=3450,EUR=3750' } });
    owner = await createUserAndLogin(stack, ['officer']);
    colleagueId = (await createUser(stack, ['officer'])).id;
    inactiveId = (await createUser(stack, ['officer'])).id;
    await stack.api.get(DataSource).query(`UPDATE users SET active = false WHERE id = $1`, [inactiveId]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const valid = () => ({
    event: { name: 'RILO A/P meeting', organiser: 'WCO RILO A/P', type: 'regional_meeting' },
    destination: { country: 'KR', city: 'Seoul' },
    departureDate: addDays(today(), 40),
    returnDate: addDays(today(), 43),
    delegateIds: [owner.id, colleagueId],
    costs: [{ category: 'airfare', amount: 900, currency: 'USD', fundingSource: 'administration_budget' }],
    requestId: randomUUID(),
  });

  const refused = async (patch: Record<string, unknown>) => {
    const res = await owner.http.post('/api/v1/trips').send({ ...valid(), ...patch });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed', messageMn: expect.any(String) });
    return res.body.details as Array<{ field: string; reason: string; reasonMn?: string; code?: string }>;
  };

  it.each([
    ['a malformed departure date', { departureDate: '14/03/2027' }, 'departureDate', 'invalid_date'],
    ['a departure today', { departureDate: today() }, 'departureDate', 'not_in_future'],
    ['a return in the past', { returnDate: addDays(today(), -1) }, 'returnDate', 'not_in_future'],
    ['a return before departure', { returnDate: addDays(today(), 39) }, 'returnDate', 'return_before_departure'],
    ['no delegates', { delegateIds: [] }, 'delegateIds', 'no_delegates'],
    ['a negative cost', { costs: [{ category: 'airfare', amount: -1, currency: 'USD', fundingSource: 'host' }] }, 'costs[0].amount', 'negative_amount'],
    ['a malformed currency', { costs: [{ category: 'visa', amount: 10, currency: 'usd', fundingSource: 'host' }] }, 'costs[0].currency', 'invalid_currency'],
    ['a currency without a configured rate', { costs: [{ category: 'visa', amount: 10, currency: 'JPY', fundingSource: 'host' }] }, 'costs[0].currency', 'no_exchange_rate'],
    ['an unknown cost category', { costs: [{ category: 'gifts', amount: 10, currency: 'USD', fundingSource: 'host' }] }, 'costs[0].category', 'invalid_category'],
    ['an unknown funding source', { costs: [{ category: 'visa', amount: 10, currency: 'USD', fundingSource: 'lottery' }] }, 'costs[0].fundingSource', 'invalid_funding_source'],
    ['a late request without justification', { departureDate: addDays(today(), 3), returnDate: addDays(today(), 5) }, 'lateJustification', 'late_justification_required'],
  ])('refuses %s', async (_label, patch, field, code) => {
    const details = await refused(patch);
    expect(details).toContainEqual(expect.objectContaining({ field, code, reason: expect.any(String), reasonMn: expect.any(String) }));
  });

  it('refuses delegates that are unknown, inactive or listed twice', async () => {
    const unknown = randomUUID();
    const details = await refused({ delegateIds: [owner.id, unknown, inactiveId, owner.id] });
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'delegateIds[1]', reason: 'is not a known user' }),
        expect.objectContaining({ field: 'delegateIds[2]', reason: 'is not an active user' }),
        expect.objectContaining({ field: 'delegateIds[3]', code: 'duplicate_delegate' }),
      ]),
    );
  });

  it('refuses a malformed body with the field (event, destination, delegate ids)', async () => {
    const details = await refused({ event: { name: 'x', organiser: 'WCO', type: 'party' }, destination: { country: 'Korea', city: 'Seoul' }, delegateIds: ['not-a-uuid'] });
    const fields = details.map((d) => d.field).join(' ');
    expect(fields).toMatch(/event/);
    expect(fields).toMatch(/destination/);
    expect(fields).toMatch(/delegateIds/);
  });

  it('documents the trip endpoints and the request body in the OpenAPI document', async () => {
    const doc = (await stack.http().get('/docs/openapi.json').expect(200)).body;
    for (const path of ['/api/v1/trips', '/api/v1/trips/{id}', '/api/v1/trips/{id}/submit', '/api/v1/trips/{id}/decisions', '/api/v1/trips/{id}/change', '/api/v1/trips/{id}/cancel', '/api/v1/trips/{id}/report']) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(doc.components.schemas.CreateTripDto.required).toEqual(expect.arrayContaining(['event', 'destination', 'departureDate', 'returnDate', 'delegateIds', 'costs']));
    expect(doc.components.schemas.TripDetailDto).toBeDefined();
  });

  it('accepts a late request with a justification, and stores nothing for refused ones', async () => {
    const before = await stack.api.get(DataSource).query(`SELECT count(*)::int AS n FROM proposals WHERE owner_id = $1`, [owner.id]);
    expect(before[0].n).toBe(0);
    const late = { ...valid(), departureDate: addDays(today(), 3), returnDate: addDays(today(), 5), lateJustification: 'Invitation received late' };
    // No worker in this file: the workflow start is only recorded with Temporal; the row exists.
    const res = await owner.http.post('/api/v1/trips').send(late);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'trip', stage: 'DRAFT', workflowId: `trip-${res.body.id}`, details: { trip: { lateJustification: 'Invitation received late' } } });
  });
});

/** Thresholds and announced holidays are operators' settings: they come from the environment and each trip pins them. */
describe('trip requests: routing thresholds and public holidays from configuration', () => {
  let stack: AccordStack;
  let owner: SignedInUser;
  // Every day from tomorrow for three weeks declared a holiday: a departure 25 days away is then a late request.
  const announced = Array.from({ length: 21 }, (_, i) => addDays(today(), i + 1));

  beforeAll(async () => {
    // With a worker: the trip's page asks its workflow for the live state.
    stack = await startAccordStack({
      env: {
        TRIP_LEAD_TIME_WORKING_DAYS: '10',
        TRIP_EXCHANGE_RATES: 'USD=3450',
        TRIP_CG_COST_ABOVE_MNT: '1000000',
        TRIP_CG_DELEGATION_ABOVE: '3',
        TRIP_CG_COST_BASIS: 'administration_budget',
        PUBLIC_HOLIDAYS: announced.join(','),
      },
    });
    owner = await createUserAndLogin(stack, ['officer']);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const request = (patch: Record<string, unknown>) => ({
    event: { name: 'CAREC customs cooperation committee', organiser: 'ADB CAREC', type: 'regional_meeting' },
    destination: { country: 'KZ', city: 'Almaty' },
    departureDate: addDays(today(), 25),
    returnDate: addDays(today(), 27),
    delegateIds: [owner.id],
    costs: [{ category: 'airfare', amount: 400, currency: 'USD', fundingSource: 'administration_budget' }],
    lateJustification: 'Invitation received late',
    requestId: randomUUID(),
    ...patch,
  });

  it('counts the configured holidays as non-working days for the lead time', async () => {
    const res = await owner.http.post('/api/v1/trips').send(request({ lateJustification: undefined }));
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'lateJustification', code: 'late_justification_required' }));
  });

  it('routes with the configured thresholds and pins them on the trip', async () => {
    // 400 USD = 1,380,000 MNT from the budget: above the configured 1,000,000, so the commissioner general approves.
    const above = await owner.http.post('/api/v1/trips').send(request({}));
    expect(above.status).toBe(201);
    expect(above.body.details.tripRules).toEqual({
      routing: { version: 'trip-routing-v1', commissionerGeneral: { costAboveMnt: 1_000_000, delegationAbove: 3, costBasis: 'administration_budget' } },
      rates: { mntPerUnit: { USD: 3450 } },
    });
    const detail = await owner.http.get(`/api/v1/trips/${above.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.route.steps.map((s: { role: string }) => s.role)).toEqual(['division_head', 'finance', 'commissioner_general']);

    // The same cost paid by the host does not count under the administration_budget basis: the deputy approves.
    const hosted = await owner.http.post('/api/v1/trips').send(request({ costs: [{ category: 'airfare', amount: 400, currency: 'USD', fundingSource: 'host' }] }));
    expect(hosted.status).toBe(201);
    const hostedDetail = await owner.http.get(`/api/v1/trips/${hosted.body.id}`);
    expect(hostedDetail.body.route.steps.map((s: { role: string }) => s.role)).toEqual(['division_head', 'deputy_commissioner']);
  });
});
