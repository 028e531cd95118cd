import { randomUUID } from 'node:crypto';
import { addDays, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

const DAY_MS = 1000;
const rid = () => randomUUID();
const today = () => ulaanbaatarDate(new Date());

/**
 * The post-trip report: due three working days after return (a definition day of 1 s, trip dates on the same
 * scaled clock), reminded two days and one day before, reminded again a day after, escalated to the traveller's
 * supervisor (the division head) three days after; uploading it closes the trip.
 */
describe('trip report reminders and escalation', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let owner: SignedInUser, head: SignedInUser, deputy: SignedInUser;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({
      env: { ...smtp.env(), ACCORD_WORKFLOW_DAY_MS: String(DAY_MS), TRIP_LEAD_TIME_WORKING_DAYS: '0', TRIP_REPORT_DUE_WORKING_DAYS: '3', TRIP_EXCHANGE_RATES: 'USD=3450' },
    });
    deputy = await createUserAndLogin(stack, ['deputy_commissioner']);
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'en' });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
  }, 60000);
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  const trip = async (id: string) => (await owner.http.get(`/api/v1/trips/${id}`).expect(200)).body;
  type Task = { id: string; role: string; kind: string; status: string; assigneeId: string | null };

  it('reminds before and after the due date, escalates to the division head, and the upload closes the trip', async () => {
    const title = `ASEM customs seminar ${randomUUID().slice(0, 6)}`;
    const created = await owner.http
      .post('/api/v1/trips')
      .send({
        event: { name: title, organiser: 'ADB CAREC', type: 'seminar' },
        destination: { country: 'KZ', city: 'Almaty' },
        departureDate: addDays(today(), 2),
        returnDate: addDays(today(), 3),
        delegateIds: [owner.id],
        costs: [{ category: 'per_diem', amount: 300, currency: 'USD', fundingSource: 'donor_project' }],
        requestId: rid(),
      })
      .expect(201);
    const id = created.body.id;
    await owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'invitation_letter').field('requestId', rid()).attach('file', Buffer.from('inv'), { filename: 'inv.pdf', contentType: 'application/pdf' }).expect(201);
    await owner.http.post(`/api/v1/trips/${id}/submit`).send({ requestId: rid() }).expect(200);
    for (const approver of [head, deputy]) {
      const t = await eventually(() => trip(id), (x) => x.tasks.some((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId === approver.id));
      // The approver's own task: the read model may still show the previous approver's task open for a moment.
      const task = t.tasks.find((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId === approver.id);
      await approver.http.post(`/api/v1/trips/${id}/decisions`).send({ requestId: rid(), taskId: task.id, decision: 'approve' }).expect(200);
    }

    // Uploading too early does not close anything: the report belongs to REPORT_DUE.
    await eventually(() => trip(id), (x) => x.stage === 'APPROVED');
    const early = await owner.http.post(`/api/v1/trips/${id}/report`).field('requestId', rid()).attach('file', Buffer.from('draft'), { filename: 'draft.pdf', contentType: 'application/pdf' });
    expect(early.status).toBe(409);

    const due = await eventually(() => trip(id), (x) => x.stage === 'REPORT_DUE', 20000);
    const dueAt = Date.parse(due.dueAt);
    const escalated = await smtp.waitFor((m) => m.to.includes(head.email) && /escalated/.test(m.subject) && m.subject.includes(title), 30000);
    expect(escalated.text).toContain(title);

    const detail = await eventually(() => trip(id), (x) => x.timeline.some((e: { type: string }) => e.type === 'TASK_ESCALATED'));
    const ladder = detail.timeline
      .filter((e: { type: string }) => e.type === 'TASK_REMINDED' || e.type === 'TASK_ESCALATED')
      .map((e: { type: string; data: { n: number; overdue?: boolean; to?: string } }) => `${e.type}:${e.data.n}:${e.data.overdue ?? e.data.to}`);
    expect(ladder).toEqual(['TASK_REMINDED:1:false', 'TASK_REMINDED:2:false', 'TASK_REMINDED:3:true', 'TASK_ESCALATED:1:supervisor']);
    const at = (type: string, n: number) => Date.parse(detail.timeline.find((e: { type: string; data: { n: number } }) => e.type === type && e.data.n === n).occurredAt);
    expect(at('TASK_REMINDED', 2)).toBeLessThan(dueAt);
    expect(at('TASK_REMINDED', 3)).toBeGreaterThanOrEqual(dueAt);

    // The traveller's inbox: the notice, two reminders, then the overdue one, in that order.
    const mine = smtp.messages.filter((m) => m.to.includes(owner.email) && m.subject.includes(title) && /^Trip report (due|overdue)/.test(m.subject));
    expect(mine.map((m) => (/overdue/.test(m.subject) ? 'overdue' : 'due'))).toEqual(['due', 'due', 'due', 'overdue']);
    expect(mine[3].receivedAt.getTime()).toBeLessThanOrEqual(escalated.receivedAt.getTime());

    const report = await owner.http.post(`/api/v1/trips/${id}/report`).field('requestId', rid()).attach('file', Buffer.from('report'), { filename: 'report.pdf', contentType: 'application/pdf' });
    expect(report.status).toBe(200);
    const closed = await eventually(() => trip(id), (x) => x.stage === 'CLOSED' && x.workflowStatus === 'COMPLETED');
    expect(closed).toMatchObject({ status: 'completed' });
    expect(closed.tasks.find((t: Task) => t.kind === 'work' && t.status !== 'done' && t.status !== 'cancelled')).toBeUndefined();
  }, 90000);
});
