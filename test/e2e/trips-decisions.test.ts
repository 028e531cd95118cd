import { randomUUID } from 'node:crypto';
import { addDays, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

/** One definition day lasts 1 s; trip dates run on the same scaled clock from the moment of the request. */
const DAY_MS = 1000;
const rid = () => randomUUID();
const today = () => ulaanbaatarDate(new Date());

type Task = { id: string; role: string; kind: string; status: string; assigneeId: string | null; decision?: string | null; comment?: string | null };
type Event = { type: string; fromStage: string | null; toStage: string | null; actorId: string | null; comment: string | null };

/**
 * An approver's other answers on a trip, end to end (API, worker, Temporal, PostgreSQL, SMTP): a rejection ends the
 * trip and the requester is told; a request for changes sends it back to the draft, the requester fixes it and
 * submits again, and it goes forward.
 */
describe('overseas trips: rejection, requested changes, the invitation letter, a draft at departure', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let owner: SignedInUser, colleague: SignedInUser, head: SignedInUser, deputy: SignedInUser;
  const byId = (id: string) => [head, deputy].find((u) => u.id === id)!;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: { ...smtp.env(), ACCORD_WORKFLOW_DAY_MS: String(DAY_MS), TRIP_LEAD_TIME_WORKING_DAYS: '0', TRIP_EXCHANGE_RATES: 'USD=3450' } });
    deputy = await createUserAndLogin(stack, ['deputy_commissioner'], { language: 'en' });
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'en' });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
    colleague = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
  }, 60000);
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  const trip = async (id: string) => (await owner.http.get(`/api/v1/trips/${id}`).expect(200)).body;

  async function newTrip(name: string, opts: { departIn?: number } = {}): Promise<string> {
    const departIn = opts.departIn ?? 60;
    const res = await owner.http
      .post('/api/v1/trips')
      .send({
        event: { name, organiser: 'World Customs Organization', type: 'wco_council' },
        destination: { country: 'BE', city: 'Brussels' },
        departureDate: addDays(today(), departIn),
        returnDate: addDays(today(), departIn + 2),
        delegateIds: [owner.id, colleague.id],
        costs: [{ category: 'accommodation', amount: 800, currency: 'USD', fundingSource: 'host' }],
        requestId: rid(),
      })
      .expect(201);
    return res.body.id;
  }

  const uploadInvitation = (id: string) =>
    owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'invitation_letter').field('requestId', rid()).attach('file', Buffer.from('invitation'), { filename: 'invitation.pdf', contentType: 'application/pdf' }).expect(201);
  const submit = (id: string) => owner.http.post(`/api/v1/trips/${id}/submit`).send({ requestId: rid() });

  /** The open approval task, once it has its person (the read model may still show the previous one for a moment). */
  async function openApproval(id: string, role: string): Promise<Task> {
    const t = await eventually(() => trip(id), (x) => x.tasks.some((k: Task) => k.kind === 'approval' && k.status === 'open' && k.role === role && k.assigneeId));
    return t.tasks.find((k: Task) => k.kind === 'approval' && k.status === 'open' && k.role === role && k.assigneeId);
  }
  const decide = (id: string, task: Task, decision: string, comment?: string) =>
    byId(task.assigneeId!).http.post(`/api/v1/trips/${id}/decisions`).send({ requestId: rid(), taskId: task.id, decision, ...(comment !== undefined ? { comment } : {}) });

  it('is rejected by an approver with a reason: REJECTED, tasks closed, the requester told, every later action refused with 409', async () => {
    const title = `WCO Council rejected ${randomUUID().slice(0, 6)}`;
    const id = await newTrip(title);
    await uploadInvitation(id);
    await submit(id).expect(200);
    const first = await openApproval(id, 'division_head');
    await decide(id, first, 'approve').expect(200);
    const second = await openApproval(id, 'deputy_commissioner');

    // A rejection needs its reason.
    const bare = await decide(id, second, 'reject');
    expect(bare.status).toBe(400);
    expect(bare.body.details).toMatchObject({ reason: 'invalid_input', stage: 'SUBMITTED' });
    const rejected = await decide(id, second, 'reject', 'Not a priority this year');
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ stage: 'REJECTED', status: 'rejected' });

    const done = await eventually(
      () => trip(id),
      (x) => x.stage === 'REJECTED' && x.workflowStatus === 'COMPLETED' && !x.tasks.some((t: Task) => t.status === 'open') && x.timeline.some((e: Event) => e.type === 'REJECTED'),
      20000,
    );
    expect(done).toMatchObject({ kind: 'trip', stage: 'REJECTED', status: 'rejected' });
    expect(done.tasks.find((t: Task) => t.id === second.id)).toMatchObject({ status: 'done', decision: 'reject', comment: 'Not a priority this year' });
    expect(done.timeline).toContainEqual(expect.objectContaining({ type: 'REJECTED', toStage: 'REJECTED', actorId: deputy.id, comment: 'Not a priority this year' }));
    // The decision is the move: REJECTED goes to the terminal stage, with no separate stage change.
    const path = done.timeline.filter((e: Event) => ['SUBMITTED', 'APPROVED', 'REJECTED', 'STAGE_CHANGED'].includes(e.type)).map((e: Event) => `${e.type}:${e.toStage}`);
    expect(path).toEqual(['SUBMITTED:DRAFT', 'STAGE_CHANGED:SUBMITTED', 'APPROVED:SUBMITTED', 'REJECTED:REJECTED']);

    // The requester is told, with who decided and why.
    const mail = await smtp.waitFor((m) => m.to.includes(owner.email) && m.subject.includes(title) && /^Rejected/.test(m.subject), 20000);
    expect(mail.text).toContain('Not a priority this year');
    // So is the other delegate, as a traveller rather than the owner.
    const theirs = await smtp.waitFor((m) => m.to.includes(colleague.email) && m.subject.includes(title) && /^Rejected/.test(m.subject), 20000);
    expect(theirs.text).toContain('a trip you are travelling on: Rejected');
    expect(theirs.text).toContain('Not a priority this year');
    expect(theirs.text).not.toContain('because you own the proposal');

    // Nothing moves a rejected trip: each refusal is a 409 and nothing changes.
    const refusals = await Promise.all([
      submit(id),
      owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'Too late' }),
      owner.http.post(`/api/v1/trips/${id}/change`).send({ requestId: rid(), departureDate: addDays(today(), 70), returnDate: addDays(today(), 72) }),
      decide(id, second, 'approve'),
      owner.http.post(`/api/v1/trips/${id}/report`).field('requestId', rid()).attach('file', Buffer.from('report'), { filename: 'report.pdf', contentType: 'application/pdf' }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([409, 409, 409, 409, 409]);
    for (const r of refusals) expect(`${r.body.message} ${JSON.stringify(r.body.details ?? {})}`).toMatch(/rejected|REJECTED/);
    const after = await trip(id);
    expect(after).toMatchObject({ stage: 'REJECTED', status: 'rejected' });
    const moves = (t: Event[]) => t.filter((e) => !e.type.startsWith('EMAIL_')).map((e) => e.type);
    expect(moves(after.timeline)).toEqual(moves(done.timeline));
  }, 90000);

  it('goes back to the draft when an approver requests changes; the requester fixes it, submits again, and it is approved', async () => {
    const title = `WCO Council changes ${randomUUID().slice(0, 6)}`;
    const id = await newTrip(title);
    await uploadInvitation(id);
    await submit(id).expect(200);
    const first = await openApproval(id, 'division_head');
    const bare = await decide(id, first, 'request_changes');
    expect(bare.status).toBe(400);
    const sent = await decide(id, first, 'request_changes', 'Two delegates is one too many: go alone');
    expect(sent.status).toBe(200);
    // The definition sends a request for changes back to the stage before the approvals: the draft.
    expect(sent.body).toMatchObject({ stage: 'DRAFT', status: 'open' });

    const back = await eventually(() => trip(id), (x) => x.stage === 'DRAFT' && x.tasks.some((t: Task) => t.id === first.id && t.status === 'done'));
    expect(back.tasks.find((t: Task) => t.id === first.id)).toMatchObject({ decision: 'request_changes', comment: 'Two delegates is one too many: go alone' });
    expect(back.tasks.filter((t: Task) => t.kind === 'approval' && t.status === 'open')).toHaveLength(0);
    expect(back.timeline).toContainEqual(expect.objectContaining({ type: 'CHANGES_REQUESTED', toStage: 'DRAFT', actorId: head.id, comment: 'Two delegates is one too many: go alone' }));
    const mail = await smtp.waitFor((m) => m.to.includes(owner.email) && m.subject.includes(title) && /^Changes requested/.test(m.subject), 20000);
    expect(mail.text).toContain('Two delegates is one too many');
    const theirs = await smtp.waitFor((m) => m.to.includes(colleague.email) && m.subject.includes(title) && /^Changes requested/.test(m.subject), 20000);
    expect(theirs.text).toContain('a trip you are travelling on: Changes requested');

    // Approving the old task is no longer possible.
    expect((await decide(id, first, 'approve')).status).toBe(409);

    // The requester fixes the request in the draft (no approvals run for a draft) and submits again.
    await owner.http.post(`/api/v1/trips/${id}/change`).send({ requestId: rid(), delegateIds: [owner.id], reason: 'Going alone' }).expect(200);
    const fixed = await eventually(() => trip(id), (x) => x.details.trip.delegateIds.length === 1);
    expect(fixed.stage).toBe('DRAFT');
    expect(fixed.timeline).toContainEqual(expect.objectContaining({ type: 'CHANGE_REQUESTED', data: { changedFields: ['delegates'], reapprovalRoles: [] } }));
    await submit(id).expect(200);
    const again = await openApproval(id, 'division_head');
    expect(again.id).not.toBe(first.id);
    await decide(id, again, 'approve').expect(200);
    await decide(id, await openApproval(id, 'deputy_commissioner'), 'approve').expect(200);

    const approved = await eventually(() => trip(id), (x) => x.stage === 'APPROVED' && x.timeline.some((e: Event) => e.type === 'STAGE_CHANGED' && e.toStage === 'APPROVED'));
    const path = approved.timeline
      .filter((e: Event) => ['SUBMITTED', 'APPROVED', 'CHANGES_REQUESTED', 'SENT_BACK', 'CHANGE_REQUESTED', 'STAGE_CHANGED'].includes(e.type))
      .map((e: Event) => `${e.type}:${e.toStage}`);
    expect(path).toEqual([
      'SUBMITTED:DRAFT',
      'STAGE_CHANGED:SUBMITTED',
      'CHANGES_REQUESTED:DRAFT',
      'SENT_BACK:DRAFT',
      'CHANGE_REQUESTED:DRAFT',
      'SUBMITTED:DRAFT',
      'STAGE_CHANGED:SUBMITTED',
      'APPROVED:SUBMITTED',
      'APPROVED:SUBMITTED',
      'STAGE_CHANGED:APPROVED',
    ]);
    await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'done' }).expect(200);
  }, 90000);

  it('refuses to submit without the invitation letter, naming it, and changes nothing; with the letter it goes', async () => {
    const id = await newTrip(`WCO Council letter ${randomUUID().slice(0, 6)}`);
    await eventually(() => trip(id), (x) => x.live?.stage === 'DRAFT');
    const refused = await submit(id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'conflict', details: { reason: 'missing_requirement', stage: 'DRAFT', missing: ['document:invitation_letter'] } });
    expect(refused.body.message).toMatch(/invitation_letter/);
    // Another document is not the invitation letter.
    await owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'other').field('requestId', rid()).attach('file', Buffer.from('agenda'), { filename: 'agenda.pdf', contentType: 'application/pdf' }).expect(201);
    const still = await submit(id);
    expect(still.status).toBe(409);
    expect(still.body.details).toMatchObject({ reason: 'missing_requirement', missing: ['document:invitation_letter'] });

    // The read model catches up with the accepted upload; the refused submissions left nothing behind.
    const draft = await eventually(() => trip(id), (x) => x.timeline.some((e: Event) => e.type === 'DOCUMENT_ADDED'));
    expect(draft).toMatchObject({ stage: 'DRAFT', status: 'open', live: { stage: 'DRAFT', status: 'open' } });
    // Still only the requester's own draft task; no approval was opened.
    expect(draft.tasks.map((t: Task) => `${t.kind}:${t.role}:${t.status}`)).toEqual(['work:owner:open']);
    expect(draft.timeline.map((e: Event) => e.type).filter((t: string) => !t.startsWith('EMAIL_'))).toEqual(['CREATED', 'DOCUMENT_ADDED']);

    await uploadInvitation(id);
    const ok = await submit(id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ stage: 'SUBMITTED', status: 'open' });
    expect((await openApproval(id, 'division_head')).assigneeId).toBe(head.id);
    await owner.http.post(`/api/v1/trips/${id}/cancel`).send({ requestId: rid(), reason: 'done' }).expect(200);
  }, 60000);

  it('expires a draft never submitted when its departure date arrives, and tells the requester and the delegates', async () => {
    const title = `NCP meeting never submitted ${randomUUID().slice(0, 6)}`;
    // Departs two scaled days (2 s) after the request.
    const id = await newTrip(title, { departIn: 2 });
    const expired = await eventually(() => trip(id), (x) => x.stage === 'EXPIRED' && x.workflowStatus === 'COMPLETED' && x.timeline.some((e: Event) => e.type === 'EXPIRED'), 20000);
    expect(expired).toMatchObject({ stage: 'EXPIRED', status: 'expired' });
    expect(expired.timeline).toContainEqual(expect.objectContaining({ type: 'EXPIRED', fromStage: 'DRAFT', toStage: 'EXPIRED', actorId: null }));
    expect(expired.tasks.filter((t: Task) => t.status === 'open')).toHaveLength(0);
    for (const person of [owner, colleague]) {
      const m = await smtp.waitFor((x) => x.to.includes(person.email) && x.subject.includes(title) && /^Trip request expired/.test(x.subject), 20000);
      expect(m.text).toContain('Brussels');
    }
    // Too late for anything: the letter, the submission, a change.
    const refusals = await Promise.all([
      owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'invitation_letter').field('requestId', rid()).attach('file', Buffer.from('late'), { filename: 'invitation.pdf', contentType: 'application/pdf' }),
      submit(id),
      owner.http.post(`/api/v1/trips/${id}/change`).send({ requestId: rid(), departureDate: addDays(today(), 30), returnDate: addDays(today(), 32) }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([409, 409, 409]);
    expect((await trip(id)).stage).toBe('EXPIRED');
  }, 60000);
});
