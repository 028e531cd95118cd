import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { recordHistory } from '../support/history-recorder';
import { addDays, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { ReceivedMail, SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

const LINK = /\/api\/v1\/actions\/([A-Za-z0-9_-]{20,})/g;
/** One definition day lasts 1.5 s; trip dates run on the same scaled clock from the moment of the request. */
const DAY_MS = 1500;
const rid = () => randomUUID();
const today = () => ulaanbaatarDate(new Date());

type Cost = { category: string; amount: number; currency: string; fundingSource: string };
const hostCost: Cost = { category: 'accommodation', amount: 800, currency: 'USD', fundingSource: 'host' };
const budgetCost: Cost = { category: 'airfare', amount: 1500, currency: 'USD', fundingSource: 'administration_budget' };

/**
 * Overseas trips end to end: the real API, worker, Temporal, PostgreSQL and an SMTP sink. Trips leave a few scaled
 * days after they are requested, so departure, return and the report's ladder happen within seconds.
 */
describe('overseas trips, end to end', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let owner: SignedInUser, colleague: SignedInUser, head: SignedInUser, finance: SignedInUser, deputy: SignedInUser, chief: SignedInUser;
  const extra: SignedInUser[] = [];
  let byRole: Record<string, SignedInUser>;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({
      env: { ...smtp.env(), ACCORD_WORKFLOW_DAY_MS: String(DAY_MS), TRIP_LEAD_TIME_WORKING_DAYS: '0', TRIP_REPORT_DUE_WORKING_DAYS: '3', TRIP_EXCHANGE_RATES: 'USD=3450,EUR=3750' },
    });
    chief = await createUserAndLogin(stack, ['commissioner_general']);
    deputy = await createUserAndLogin(stack, ['deputy_commissioner'], { supervisorId: chief.id });
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'en' });
    finance = await createUserAndLogin(stack, ['finance'], { supervisorId: deputy.id });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
    colleague = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    for (let i = 0; i < 5; i++) extra.push(await createUserAndLogin(stack, ['officer'], { supervisorId: head.id }));
    byRole = { division_head: head, finance, deputy_commissioner: deputy, commissioner_general: chief };
  }, 60000);
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  async function newTrip(opts: { departIn?: number; length?: number; delegates?: string[]; costs?: Cost[]; name?: string } = {}): Promise<string> {
    const departIn = opts.departIn ?? 30;
    const res = await owner.http
      .post('/api/v1/trips')
      .send({
        event: { name: opts.name ?? `WCO Council ${randomUUID().slice(0, 6)}`, organiser: 'World Customs Organization', type: 'wco_council' },
        destination: { country: 'BE', city: 'Brussels' },
        departureDate: addDays(today(), departIn),
        returnDate: addDays(today(), departIn + (opts.length ?? 1)),
        delegateIds: opts.delegates ?? [owner.id, colleague.id],
        costs: opts.costs ?? [hostCost],
        requestId: rid(),
      })
      .expect(201);
    return res.body.id;
  }

  async function submit(id: string): Promise<void> {
    await owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'invitation_letter').field('requestId', rid()).attach('file', Buffer.from('invitation'), { filename: 'invitation.pdf', contentType: 'application/pdf' }).expect(201);
    await owner.http.post(`/api/v1/trips/${id}/submit`).send({ requestId: rid() }).expect(200);
  }

  const trip = async (id: string) => (await owner.http.get(`/api/v1/trips/${id}`).expect(200)).body;

  type Task = { id: string; role: string; kind: string; status: string; assigneeId: string | null };
  async function openApproval(id: string): Promise<Task> {
    const t = await eventually(() => trip(id), (x) => x.tasks.some((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId));
    return t.tasks.find((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId);
  }

  /** Approves every step through the API, returning the roles in the order they were asked. */
  async function approveAll(id: string): Promise<string[]> {
    const roles: string[] = [];
    for (;;) {
      const t = await trip(id);
      if (t.stage !== 'SUBMITTED' || t.live?.stage !== 'SUBMITTED') {
        if (t.live?.stage === 'SUBMITTED') continue;
        return roles;
      }
      const task = await openApproval(id);
      roles.push(task.role);
      await byRole[task.role].http.post(`/api/v1/trips/${id}/decisions`).send({ requestId: rid(), taskId: task.id, decision: 'approve' }).expect(200);
      await eventually(() => trip(id), (x) => x.tasks.some((k: Task) => k.id === task.id && k.status === 'done'));
    }
  }

  const links = (m: ReceivedMail) => [...new Set([...m.text.matchAll(LINK)].map((x) => x[1]))];
  async function approveByEmail(user: SignedInUser, id: string): Promise<void> {
    // One approval email per task: the one about this trip is the one for this task.
    const email = await smtp.waitFor((m) => m.to.includes(user.email) && m.text.includes(id) && links(m).length === 3, 20000);
    const [approve] = links(email);
    const page = await stack.http().get(`/api/v1/actions/${approve}`);
    expect(page.status).toBe(200);
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('accord_action_nonce='))?.split(';')[0] ?? '';
    const csrf = page.text.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';
    const done = await stack.http().post(`/api/v1/actions/${approve}`).type('form').set('Cookie', cookie).send({ csrf, comment: 'Approved from my inbox' });
    expect(done.status).toBe(200);
  }

  describe('routing: one trip per distinct route', () => {
    it.each([
      ['host-funded, within thresholds', () => ({ costs: [hostCost] }), ['division_head', 'deputy_commissioner']],
      ["the administration's budget pays", () => ({ costs: [budgetCost, hostCost] }), ['division_head', 'finance', 'deputy_commissioner']],
      // 6,000 x 3,450 = 20,700,000 MNT: above the 20,000,000 threshold.
      ['the cost exceeds the threshold', () => ({ costs: [{ ...hostCost, amount: 6000 }] }), ['division_head', 'commissioner_general']],
      ['the delegation exceeds five', () => ({ delegates: [owner.id, colleague.id, ...extra.map((u) => u.id)] }), ['division_head', 'commissioner_general']],
    ])('%s', async (_label, opts, expected) => {
      const id = await newTrip(opts());
      const detail = await trip(id);
      expect(detail.route.steps.map((s: { role: string }) => s.role)).toEqual(expected);
      await submit(id);
      expect(await approveAll(id)).toEqual(expected);
      const approved = await eventually(() => trip(id), (x) => x.stage === 'APPROVED');
      expect(approved.details.approvalChain).toEqual(expected);
      // Nobody on the trip was asked to approve it.
      const travellers = new Set<string>(approved.details.trip.delegateIds);
      expect(approved.tasks.filter((t: Task) => t.kind === 'approval').every((t: Task) => !travellers.has(t.assigneeId!))).toBe(true);
      await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'Route checked' }).expect(200);
    }, 60000);
  });

  it('goes from draft to closed through the API and emailed links, with the timeline complete', async () => {
    // Departs four scaled days after the request (6 s), back at the end of the next day, report due 3 working days later.
    const id = await newTrip({ departIn: 4, length: 1, costs: [budgetCost], name: 'CAREC seminar' });
    await submit(id);
    const first = await openApproval(id);
    expect(first.role).toBe('division_head');
    await approveByEmail(head, id);
    const second = await eventually(() => openApproval(id), (t) => t.id !== first.id);
    expect(second.role).toBe('finance');
    await finance.http.post(`/api/v1/trips/${id}/decisions`).send({ requestId: rid(), taskId: second.id, decision: 'approve' }).expect(200);
    const third = await eventually(() => openApproval(id), (t) => t.id !== second.id);
    expect(third.role).toBe('deputy_commissioner');
    await approveByEmail(deputy, id);
    const decided = await eventually(() => trip(id), (x) => x.tasks.some((k: Task) => k.id === third.id && k.status === 'done'));
    expect(decided.tasks.find((k: Task) => k.id === third.id)).toMatchObject({ decision: 'approve', decidedBy: deputy.id, comment: 'Approved from my inbox' });

    await eventually(() => trip(id), (x) => x.stage === 'APPROVED');
    const travelling = await eventually(() => trip(id), (x) => x.stage === 'IN_TRAVEL', 20000);
    expect(travelling.stage).toBe('IN_TRAVEL');
    // Cancelling after departure is refused, naming the stage.
    const late = await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'Too late' });
    expect(late.status).toBe(409);
    const due = await eventually(() => trip(id), (x) => x.stage === 'REPORT_DUE', 20000);
    expect(due.stage).toBe('REPORT_DUE');
    const notice = await smtp.waitFor((m) => m.to.includes(owner.email) && /Trip report due/.test(m.subject) && m.subject.includes('CAREC seminar'), 20000);
    expect(notice.text).toContain('Brussels');

    const report = await owner.http.post(`/api/v1/trips/${id}/report`).field('requestId', rid()).attach('file', Buffer.from('what we learnt'), { filename: 'report.pdf', contentType: 'application/pdf' });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ stage: 'CLOSED', status: 'completed' });
    // The read model is eventually consistent: the row can show CLOSED (from the report's event) a moment before the
    // last timeline event of the same action is written, so the wait includes that event.
    const closed = await eventually(
      () => trip(id),
      (x) =>
        x.stage === 'CLOSED' &&
        x.workflowStatus === 'COMPLETED' &&
        !x.tasks.some((t: Task) => t.status === 'open') &&
        x.timeline.some((e: { type: string; toStage: string | null }) => e.type === 'STAGE_CHANGED' && e.toStage === 'CLOSED'),
    );
    expect(closed).toMatchObject({ kind: 'trip', stage: 'CLOSED', status: 'completed' });
    const types = closed.timeline.map((e: { type: string; toStage: string | null }) => e.type);
    const path = closed.timeline.filter((e: { type: string }) => ['CREATED', 'SUBMITTED', 'APPROVED', 'TIMER_ELAPSED', 'WORK_COMPLETED', 'STAGE_CHANGED'].includes(e.type)).map((e: { type: string; toStage: string | null }) => `${e.type}:${e.toStage}`);
    expect(path).toEqual([
      'CREATED:DRAFT',
      'SUBMITTED:DRAFT',
      'STAGE_CHANGED:SUBMITTED',
      'APPROVED:SUBMITTED',
      'APPROVED:SUBMITTED',
      'APPROVED:SUBMITTED',
      'STAGE_CHANGED:APPROVED',
      'TIMER_ELAPSED:APPROVED',
      'STAGE_CHANGED:IN_TRAVEL',
      'TIMER_ELAPSED:IN_TRAVEL',
      'STAGE_CHANGED:REPORT_DUE',
      'WORK_COMPLETED:REPORT_DUE',
      'STAGE_CHANGED:CLOSED',
    ]);
    expect(types.filter((t: string) => t === 'DOCUMENT_ADDED')).toHaveLength(2);
    expect(types).toContain('EMAIL_SENT');
    expect(closed.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(['invitation_letter', 'trip_report']);
    await recordHistory(stack.api.get(Client), `trip-${id}`, 'trip-closed');
  }, 90000);

  it('expires at departure while undecided, and everyone concerned is told', async () => {
    const id = await newTrip({ departIn: 2, name: 'Expiring NCP meeting' });
    await submit(id);
    const task = await openApproval(id);
    expect(task.assigneeId).toBe(head.id);
    const expired = await eventually(() => trip(id), (x) => x.stage === 'EXPIRED' && x.workflowStatus === 'COMPLETED' && !x.tasks.some((t: Task) => t.status === 'open'), 20000);
    expect(expired).toMatchObject({ stage: 'EXPIRED', status: 'expired' });
    expect(expired.tasks.find((t: Task) => t.id === task.id).status).toBe('cancelled');
    for (const person of [owner, colleague, head]) {
      const m = await smtp.waitFor((x) => x.to.includes(person.email) && x.subject.includes('Expiring NCP meeting') && /expired|хүчингүй/.test(x.subject), 20000);
      expect(m.text).toMatch(/Brussels/);
    }
    const refused = await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'Too late' });
    expect(refused.status).toBe(409);
    await recordHistory(stack.api.get(Client), `trip-${id}`, 'trip-expired');
  }, 60000);

  it('is cancelled by the requester with a reason; not by anyone else; the other traveller is told, the requester is not', async () => {
    const name = `RILO A/P meeting ${randomUUID().slice(0, 6)}`;
    const id = await newTrip({ name });
    await submit(id);
    await openApproval(id);
    const other = await colleague.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'Not mine' });
    expect([403, 404]).toContain(other.status);
    const noReason = await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid() });
    expect(noReason.status).toBe(400);
    await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'The meeting moved online' }).expect(200);
    const cancelled = await eventually(() => trip(id), (x) => x.stage === 'CANCELLED' && x.workflowStatus === 'COMPLETED' && !x.tasks.some((t: Task) => t.status === 'open'));
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled.timeline).toContainEqual(expect.objectContaining({ type: 'CANCELLED', comment: 'The meeting moved online', actorId: owner.id }));
    expect(cancelled.tasks.filter((t: Task) => t.status === 'open')).toHaveLength(0);
    // The fellow traveller hears of the cancellation, with the reason; the requester gets no notice of their own act.
    const notice = await smtp.waitFor((m) => m.to.includes(colleague.email) && m.subject.includes(name) && m.text.includes('The meeting moved online'), 20000);
    expect(notice.text).toMatch(/Цуцалсан/);
    expect(notice.text).toMatch(/Cancelled/);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages.filter((m) => m.to.includes(owner.email) && m.subject.includes(name) && m.text.includes('The meeting moved online'))).toHaveLength(0);
    // Nor of their own submission, which the other traveller did hear of.
    const submitted = (m: ReceivedMail) => m.subject.includes(name) && m.text.includes('moved from “Draft request” to “Awaiting approval”');
    expect(smtp.messages.filter((m) => m.to.includes(colleague.email) && submitted(m))).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes(owner.email) && submitted(m))).toHaveLength(0);
    await recordHistory(stack.api.get(Client), `trip-${id}`, 'trip-cancelled');
  }, 60000);

  it('goes back through the affected approvals after a change of dates or delegates', async () => {
    const id = await newTrip({ costs: [budgetCost] });
    await submit(id);
    expect(await approveAll(id)).toEqual(['division_head', 'finance', 'deputy_commissioner']);
    const approved = await eventually(() => trip(id), (x) => x.stage === 'APPROVED');

    // New dates: every approver looked at them, so all three decide again.
    const departureDate = addDays(today(), 31);
    await owner.http.post(`/api/v1/trips/${id}/change`).send({ requestId: rid(), departureDate, returnDate: addDays(today(), 33), reason: 'Sessions moved a day' }).expect(200);
    const back = await eventually(() => trip(id), (x) => x.stage === 'SUBMITTED');
    expect(back.details.trip.departureDate).toBe(departureDate);
    expect(back.timeline).toContainEqual(expect.objectContaining({ type: 'CHANGE_REQUESTED', data: { changedFields: ['dates'], reapprovalRoles: ['division_head', 'finance', 'deputy_commissioner'] } }));
    expect(await approveAll(id)).toEqual(['division_head', 'finance', 'deputy_commissioner']);
    const reapproved = await eventually(() => trip(id), (x) => x.stage === 'APPROVED');
    expect(Date.parse(reapproved.dueAt)).toBeGreaterThan(Date.parse(approved.dueAt));

    // A delegate replaced: finance is not affected.
    await owner.http.post(`/api/v1/trips/${id}/change`).send({ requestId: rid(), delegateIds: [owner.id, extra[0].id] }).expect(200);
    await eventually(() => trip(id), (x) => x.stage === 'SUBMITTED');
    expect(await approveAll(id)).toEqual(['division_head', 'deputy_commissioner']);
    await eventually(() => trip(id), (x) => x.stage === 'APPROVED');
    await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'done' }).expect(200);
    await eventually(() => trip(id), (x) => x.workflowStatus === 'COMPLETED');
    await recordHistory(stack.api.get(Client), `trip-${id}`, 'trip-reapproved-then-cancelled');
  }, 90000);

  it('does not let a traveller approve their own trip', async () => {
    // The division head travels: the approval goes to someone else or nobody, never to them.
    const id = await newTrip({ delegates: [owner.id, head.id] });
    await submit(id);
    const t = await eventually(() => trip(id), (x) => x.timeline.some((e: { type: string }) => e.type === 'NO_ASSIGNEE' || e.type === 'TASK_ASSIGNED'));
    const assigned = t.tasks.find((k: Task) => k.kind === 'approval' && k.status === 'open');
    expect(assigned.assigneeId).not.toBe(head.id);
    await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'done' }).expect(200);
  }, 60000);
});
