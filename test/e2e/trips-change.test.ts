import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUser, createUserAndLogin, SignedInUser } from '../support/users';

/** One definition day lasts 1 s; trip dates run on the same scaled clock from the moment of the request. */
const DAY_MS = 1000;
const rid = () => randomUUID();
const today = () => ulaanbaatarDate(new Date());

type Task = { id: string; kind: string; status: string; assigneeId: string | null };
type Problem = { field: string; reason: string; reasonMn?: string; code?: string };

/**
 * Changing a trip's dates or delegates through the API: who may ask is settled first (404 for someone who cannot
 * see the trip, 403 for a reader who is not the requester), then whether the trip can still change (409 naming
 * the stage), then the new values (400 with the field and reason). A refused change changes nothing.
 */
describe('trip changes: refusals', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let owner: SignedInUser, colleague: SignedInUser, outsider: SignedInUser, head: SignedInUser, deputy: SignedInUser;
  let travellerId: string, inactiveId: string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: { ...smtp.env(), ACCORD_WORKFLOW_DAY_MS: String(DAY_MS), TRIP_LEAD_TIME_WORKING_DAYS: '0', TRIP_EXCHANGE_RATES: 'USD=3450' } });
    deputy = await createUserAndLogin(stack, ['deputy_commissioner']);
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
    // Same division: may read the trip, may not change it.
    colleague = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    // Another division: may not even see it.
    outsider = await createUserAndLogin(stack, ['officer'], { division: `other-${randomUUID().slice(0, 8)}` });
    travellerId = (await createUser(stack, ['officer'])).id;
    inactiveId = (await createUser(stack, ['officer'])).id;
    await stack.api.get(DataSource).query(`UPDATE users SET active = false WHERE id = $1`, [inactiveId]);
  }, 60000);
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  const trip = async (id: string) => (await owner.http.get(`/api/v1/trips/${id}`).expect(200)).body;
  const change = (who: SignedInUser, id: string, body: Record<string, unknown>) => who.http.post(`/api/v1/trips/${id}/change`).send({ requestId: rid(), ...body });

  async function newTrip(departIn = 60, length = 2): Promise<string> {
    const res = await owner.http
      .post('/api/v1/trips')
      .send({
        event: { name: `RILO meeting ${randomUUID().slice(0, 6)}`, organiser: 'WCO RILO A/P', type: 'regional_meeting' },
        destination: { country: 'KR', city: 'Seoul' },
        departureDate: addDays(today(), departIn),
        returnDate: addDays(today(), departIn + length),
        delegateIds: [owner.id, travellerId],
        costs: [{ category: 'accommodation', amount: 500, currency: 'USD', fundingSource: 'host' }],
        requestId: rid(),
      })
      .expect(201);
    return res.body.id;
  }

  async function submit(id: string): Promise<void> {
    await owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'invitation_letter').field('requestId', rid()).attach('file', Buffer.from('invitation'), { filename: 'invitation.pdf', contentType: 'application/pdf' }).expect(201);
    await owner.http.post(`/api/v1/trips/${id}/submit`).send({ requestId: rid() }).expect(200);
  }

  async function approveBy(approver: SignedInUser, id: string): Promise<void> {
    const t = await eventually(() => trip(id), (x) => x.tasks.some((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId === approver.id));
    const task = t.tasks.find((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId === approver.id);
    await approver.http.post(`/api/v1/trips/${id}/decisions`).send({ requestId: rid(), taskId: task.id, decision: 'approve' }).expect(200);
  }

  /** A refused change leaves the request, the stage and the timeline as they were. */
  async function unchanged(id: string, before: { details: { trip: unknown }; stage: string }): Promise<void> {
    const after = await trip(id);
    expect(after.details.trip).toEqual(before.details.trip);
    expect(after.stage).toBe(before.stage);
    expect(after.timeline.map((e: { type: string }) => e.type)).not.toContain('CHANGE_REQUESTED');
  }

  it('a stranger gets 404 and a reader who is not the requester 403, whatever the values (never 400)', async () => {
    const id = await newTrip();
    await submit(id);
    const before = await eventually(() => trip(id), (x) => x.stage === 'SUBMITTED');
    const past = { departureDate: addDays(today(), -3), returnDate: addDays(today(), -5), delegateIds: [] };
    const good = { departureDate: addDays(today(), 61) };
    for (const body of [past, good]) {
      const hidden = await change(outsider, id, body);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toMatchObject({ code: 'not_found' });
      const notMine = await change(colleague, id, body);
      expect(notMine.status).toBe(403);
      expect(notMine.body).toMatchObject({ code: 'forbidden', details: { reason: 'not_your_task' } });
    }
    // An unknown id is the same 404 as one the person may not see.
    expect((await change(owner, randomUUID(), good)).status).toBe(404);
    await unchanged(id, before);
  }, 60000);

  it.each([
    ['a departure in the past', () => ({ departureDate: addDays(today(), -1) }), 'departureDate', 'not_in_future'],
    ['a departure today', () => ({ departureDate: today() }), 'departureDate', 'not_in_future'],
    ['a return in the past', () => ({ departureDate: addDays(today(), -4), returnDate: addDays(today(), -2) }), 'returnDate', 'not_in_future'],
    ['a return before departure', () => ({ returnDate: addDays(today(), 59) }), 'returnDate', 'return_before_departure'],
    ['no delegates', () => ({ delegateIds: [] }), 'delegateIds', 'no_delegates'],
    ['an unknown delegate', () => ({ delegateIds: [owner.id, randomUUID()] }), 'delegateIds[1]', 'unknown_delegate'],
    ['an inactive delegate', () => ({ delegateIds: [owner.id, inactiveId] }), 'delegateIds[1]', 'inactive_delegate'],
  ])('refuses %s with the field and reason, and changes nothing', async (_label, body, field, code) => {
    const id = await newTrip();
    await submit(id);
    const before = await eventually(() => trip(id), (x) => x.stage === 'SUBMITTED');
    const res = await change(owner, id, body());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed', messageMn: expect.any(String) });
    expect(res.body.details as Problem[]).toContainEqual(expect.objectContaining({ field, code, reason: expect.any(String), reasonMn: expect.any(String) }));
    await unchanged(id, before);
    await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'checked' }).expect(200);
  }, 60000);

  it('refuses a change after departure with 409 naming the stage, before looking at the values', async () => {
    // Departs four scaled days after the request (4 s), travels for ten.
    const id = await newTrip(4, 10);
    await submit(id);
    await approveBy(head, id);
    await approveBy(deputy, id);
    const travelling = await eventually(() => trip(id), (x) => x.stage === 'IN_TRAVEL', 20000);
    for (const body of [{ returnDate: addDays(today(), 20) }, { departureDate: addDays(today(), -1), delegateIds: [] }]) {
      const res = await change(owner, id, body);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'conflict', details: { reason: 'not_allowed_now', stage: 'IN_TRAVEL' } });
      expect(res.body.message).toMatch(/IN_TRAVEL/);
    }
    await unchanged(id, travelling);
  }, 60000);

  it('refuses a change in a terminal stage with 409 naming the stage', async () => {
    const id = await newTrip();
    await submit(id);
    await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'The meeting moved online' }).expect(200);
    const cancelled = await eventually(() => trip(id), (x) => x.stage === 'CANCELLED' && x.workflowStatus === 'COMPLETED');
    for (const body of [{ departureDate: addDays(today(), 62) }, { returnDate: addDays(today(), -9) }]) {
      const res = await change(owner, id, body);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'conflict', details: { reason: 'not_allowed_now', stage: 'CANCELLED' } });
      expect(res.body.message).toMatch(/CANCELLED/);
    }
    await unchanged(id, cancelled);
  }, 60000);

  it('accepts a valid change from the requester (the refusals above are not the only answer)', async () => {
    const id = await newTrip();
    await submit(id);
    await eventually(() => trip(id), (x) => x.stage === 'SUBMITTED');
    const departureDate = addDays(today(), 65);
    await change(owner, id, { departureDate, returnDate: addDays(today(), 67), reason: 'Sessions moved' }).expect(200);
    const changed = await eventually(() => trip(id), (x) => x.details.trip.departureDate === departureDate);
    expect(changed.timeline).toContainEqual(expect.objectContaining({ type: 'CHANGE_REQUESTED', comment: 'Sessions moved', actorId: owner.id }));
    await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'done' }).expect(200);
  }, 60000);
});
