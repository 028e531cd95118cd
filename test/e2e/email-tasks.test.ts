import { randomUUID } from 'node:crypto';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { ReceivedMail, SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

const LINK = /\/api\/v1\/actions\/([A-Za-z0-9_-]{20,})/g;

/** Approvers act from their inbox: real SMTP server on loopback, real Temporal workflow, real PostgreSQL. */
describe('email tasks with action links, end to end', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let owner: SignedInUser, head: SignedInUser, deputy: SignedInUser, leader: SignedInUser;
  const rid = () => randomUUID();

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: smtp.env() });
    deputy = await createUserAndLogin(stack, ['deputy_commissioner']);
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'en' });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    leader = await createUserAndLogin(stack, ['leadership'], { division: null });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  const post = (who: SignedInUser, id: string, path: string, body: Record<string, unknown> = {}) => who.http.post(`/api/v1/proposals/${id}/${path}`).send({ requestId: rid(), ...body });

  /** A new proposal whose translation waits for the division head's acceptance. */
  async function toTranslationReview(s: AccordStack = stack, who = owner): Promise<string> {
    const created = await who.http.post('/api/v1/proposals').send({ kind: 'accession', titleEn: `Istanbul Convention ${randomUUID().slice(0, 6)}`, titleMn: 'Истанбулын конвенц', conventionCode: 'ISTANBUL', requestId: rid() }).expect(201);
    const id = created.body.id;
    for (const [kind, action] of [['convention_text', 'submit'], ['translation', 'complete-stage']]) {
      await who.http.post(`/api/v1/proposals/${id}/documents`).field('kind', kind).field('requestId', rid()).attach('file', Buffer.from(kind), { filename: `${kind}.pdf`, contentType: 'application/pdf' }).expect(201);
      await post(who, id, action).expect(200);
    }
    void s;
    return id;
  }

  const mailTo = (u: SignedInUser, pred: (m: ReceivedMail) => boolean = () => true) => smtp.messages.filter((m) => m.to.includes(u.email) && pred(m));
  // Each link appears once per language section: keep the first of each.
  const links = (m: ReceivedMail) => [...new Set([...m.text.matchAll(LINK)].map((x) => x[1]))];

  async function openLink(token: string) {
    const res = await stack.http().get(`/api/v1/actions/${token}`);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('accord_action_nonce='))?.split(';')[0];
    return { status: res.status, html: res.text, csrf: res.text.match(/name="csrf" value="([^"]+)"/)?.[1], cookie };
  }
  const confirm = (token: string, page: { csrf?: string; cookie?: string }, comment = '') =>
    stack.http().post(`/api/v1/actions/${token}`).type('form').set('Cookie', page.cookie ?? '').send({ csrf: page.csrf ?? '', comment });

  const state = async (id: string) => (await owner.http.get(`/api/v1/proposals/${id}`)).body;

  it('the approver follows the emailed link, confirms, the workflow moves on, and the owner is told', async () => {
    const id = await toTranslationReview();
    const email = await smtp.waitFor((m) => m.to.includes(head.email) && /Action needed/.test(m.subject) && m.text.includes(id));
    expect(email.subject).toContain('Istanbul Convention');
    expect(email.text).toMatch(/Approve|Translation/);
    const [approve] = links(email);
    expect(links(email)).toHaveLength(3);

    // Opening (GET and HEAD, twice, as a mail scanner would) changes nothing.
    // Let the workflow settle (its EMAIL_SENT for this message recorded) so that any later change would be ours.
    const before = await eventually(
      () => state(id),
      (x) => x.live && x.timeline.length === x.live.eventSeq && x.timeline.some((e: { type: string; data: { messageId?: string } }) => e.data?.messageId === email.messageId),
    );
    const page = await openLink(approve);
    await stack.http().head(`/api/v1/actions/${approve}`).expect(200);
    await openLink(approve);
    expect(page.status).toBe(200);
    expect(page.csrf).toBeTruthy();
    const after = await state(id);
    expect(after.stage).toBe('TRANSLATION');
    expect(after.live.eventSeq).toBe(before.live.eventSeq);
    expect(after.tasks.filter((t: { status: string }) => t.status === 'open')).toEqual(before.tasks.filter((t: { status: string }) => t.status === 'open'));

    const done = await confirm(approve, page, 'Checked against the official text');
    expect(done.status).toBe(200);
    const moved = await eventually(() => state(id), (s) => s.stage === 'RESEARCH');
    expect(moved.stage).toBe('RESEARCH');
    const ownerMail = await smtp.waitFor((m) => m.to.includes(owner.email) && m.text.includes('Istanbul Convention'));
    expect(ownerMail.text).toMatch(/Зөвшөөрсөн|Approved/);

    // A second click, and the other links of the decided task, change nothing and say why.
    const again = await confirm(approve, page);
    expect(again.status).toBeGreaterThanOrEqual(400);
    const sibling = await openLink(links(email)[2]);
    expect(sibling.status).toBeGreaterThanOrEqual(400);
    expect((await state(id)).live.eventSeq).toBe((await state(id)).live.eventSeq);

    // Every message appears in the timeline with its message id.
    const timeline = (await eventually(() => state(id), (s) => s.timeline.filter((e: { type: string }) => e.type === 'EMAIL_SENT').length >= 2)).timeline;
    const sent = timeline.filter((e: { type: string }) => e.type === 'EMAIL_SENT');
    expect(sent.map((e: { data: { messageId: string } }) => e.data.messageId)).toEqual(expect.arrayContaining([email.messageId, ownerMail.messageId]));
  });

  it('an owner who turned notifications off gets no notification email', async () => {
    const quiet = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    await quiet.http.put('/api/v1/me/notification-preferences').send({ decision: false, stageChange: false }).expect(200, { decision: false, stageChange: false });
    await quiet.http.get('/api/v1/me/notification-preferences').expect(200, { decision: false, stageChange: false });
    await quiet.http.put('/api/v1/me/notification-preferences').send({ decision: 'yes' }).expect(400);
    const id = await toTranslationReview(stack, quiet);
    const email = await smtp.waitFor((m) => m.to.includes(head.email) && m.text.includes(id));
    const [approve] = links(email);
    const page = await openLink(approve);
    expect((await confirm(approve, page)).status).toBe(200);
    await eventually(() => state(id), (s) => s.stage === 'RESEARCH');
    await new Promise((r) => setTimeout(r, 2000));
    expect(mailTo(quiet)).toHaveLength(0);
  });

  it('a delegation that starts now moves the open task: old links are revoked, the delegate gets new ones and acts on behalf', async () => {
    // Another division's head stands in (in this division, the directory would route new tasks to either head).
    const stand = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'en', division: `standin-${randomUUID().slice(0, 6)}` });
    const id = await toTranslationReview();
    const first = await smtp.waitFor((m) => m.to.includes(head.email) && m.text.includes(id));
    const [oldApprove] = links(first);
    const now = Date.now();
    await head.http
      .post('/api/v1/delegations')
      .send({ delegateId: stand.id, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 7 * 86_400_000).toISOString(), reason: 'Leave', requestId: rid() })
      .expect(201);
    const second = await smtp.waitFor((m) => m.to.includes(stand.email) && m.text.includes(id));
    expect(second.text).toMatch(/on behalf of/i);
    // The old link is dead (revoked), and says so without changing anything.
    await eventually(async () => (await openLink(oldApprove)).status, (st) => st === 410);
    const [newApprove] = links(second);
    const page = await openLink(newApprove);
    expect((await confirm(newApprove, page, 'Approved while the head is away')).status).toBe(200);
    const s = await eventually(() => state(id), (x) => x.stage === 'RESEARCH' && x.timeline.some((e: { type: string }) => e.type === 'APPROVED'));
    const approved = s.timeline.find((e: { type: string }) => e.type === 'APPROVED');
    expect(approved).toMatchObject({ actorId: stand.id, onBehalfOfId: head.id });
    // Clean up: end the delegation so later tests route to the head again.
    const list = await head.http.get('/api/v1/delegations').expect(200);
    for (const dl of list.body) if (dl.active) await head.http.post(`/api/v1/delegations/${dl.id}/revoke`).send({}).expect((r) => expect(r.status).toBeLessThan(300));
  });

  it('two simultaneous confirmations of the same task: exactly one wins', async () => {
    const id = await toTranslationReview();
    const email = await smtp.waitFor((m) => m.to.includes(head.email) && /Action needed/.test(m.subject) && m.text.includes(id));
    const [approve, , reject] = links(email);
    const a = await openLink(approve);
    const r = await openLink(reject);
    const results = await Promise.all([confirm(approve, a), confirm(approve, a), confirm(reject, r, 'No budget'), confirm(reject, r, 'No budget')]);
    expect(results.filter((x) => x.status === 200)).toHaveLength(1);
    // Wait until the read model holds every event the workflow has recorded.
    const s = await eventually(() => state(id), (x) => x.live && x.timeline.length === x.live.eventSeq && x.timeline.some((e: { type: string }) => ['APPROVED', 'REJECTED'].includes(e.type)));
    const decisions = s.timeline.filter((e: { type: string }) => ['APPROVED', 'REJECTED'].includes(e.type));
    expect(decisions).toHaveLength(1);
  });

  it('SMTP down for a while, then up: actions never wait, and every message is delivered exactly once', async () => {
    await smtp.setMode('closed');
    const started = Date.now();
    const id = await toTranslationReview();
    expect(Date.now() - started).toBeLessThan(15000); // the actions returned while no mail could be sent
    await new Promise((r) => setTimeout(r, 3000));
    expect(mailTo(head, (m) => m.text.includes(id))).toHaveLength(0);
    await smtp.setMode('accept');
    const email = await smtp.waitFor((m) => m.to.includes(head.email) && /Action needed/.test(m.subject) && m.text.includes(id), 60000);
    await new Promise((r) => setTimeout(r, 3000));
    const copies = smtp.messages.filter((m) => m.messageId === email.messageId);
    expect(copies).toHaveLength(1);
    const s = await eventually(() => state(id), (x) => x.timeline.some((e: { type: string }) => e.type === 'EMAIL_SENT'), 30000);
    expect(s.timeline.filter((e: { type: string; data: { messageId?: string } }) => e.type === 'EMAIL_SENT' && e.data.messageId === email.messageId)).toHaveLength(1);
  });

  describe('reminders and escalation (a definition day of 100 ms)', () => {
    let fast: AccordStack;
    let fOwner: SignedInUser, fHead: SignedInUser, fDeputy: SignedInUser;
    beforeAll(async () => {
      fast = await startAccordStack({ env: { ...smtp.env(), ACCORD_WORKFLOW_DAY_MS: '100' } });
      fDeputy = await createUserAndLogin(fast, ['deputy_commissioner']);
      fHead = await createUserAndLogin(fast, ['division_head'], { supervisorId: fDeputy.id, language: 'en' });
      fOwner = await createUserAndLogin(fast, ['officer'], { supervisorId: fHead.id });
    });
    afterAll(() => fast?.close());

    it('fire in order: reminders before the due date, then the supervisor, then leadership', async () => {
      const created = await fOwner.http.post('/api/v1/proposals').send({ kind: 'accession', titleEn: 'ATA Convention reminders', titleMn: 'АТА конвенц', conventionCode: 'ATA', requestId: rid() }).expect(201);
      const id = created.body.id;
      for (const [kind, action] of [['convention_text', 'submit'], ['translation', 'complete-stage']]) {
        await fOwner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', kind).field('requestId', rid()).attach('file', Buffer.from(kind), { filename: `${kind}.pdf`, contentType: 'application/pdf' }).expect(201);
        await fOwner.http.post(`/api/v1/proposals/${id}/${action}`).send({ requestId: rid() }).expect(200);
      }
      // TRANSLATION: SLA 60 days (6 s); reminders 14 and 3 days before; escalations 7 and 30 days after.
      await smtp.waitFor((m) => m.to.includes(leader.email) && m.text.includes(id), 30000);
      const mine = smtp.messages.filter((m) => m.text.includes(id));
      const sequence = mine.map((m) => `${m.to.includes(fHead.email) ? 'head' : m.to.includes(fDeputy.email) ? 'deputy' : m.to.includes(leader.email) ? 'leader' : 'other'}`);
      const order = sequence.filter((x) => x !== 'other');
      expect(order.slice(0, 5)).toEqual(['head', 'head', 'head', 'deputy', 'leader']);
      const timeline = (await eventually(async () => (await fOwner.http.get(`/api/v1/proposals/${id}`)).body, (b) => b.timeline.some((e: { type: string; data: { to?: string } }) => e.type === 'TASK_ESCALATED' && e.data.to === 'leadership'))).timeline;
      expect(timeline.filter((e: { type: string }) => ['TASK_REMINDED', 'TASK_ESCALATED'].includes(e.type)).map((e: { type: string; data: { n: number } }) => `${e.type}:${e.data.n}`)).toEqual([
        'TASK_REMINDED:1',
        'TASK_REMINDED:2',
        'TASK_ESCALATED:1',
        'TASK_ESCALATED:2',
      ]);
    });
  });
});
