import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashActionToken } from '../../libs/db';
import { formatDateTime } from '../../libs/mail';
import { ProposalWorkflowGateway } from '../../libs/temporal';
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
    // Rate limits (per address, per person) are the authorization layer's, tested there; this file clicks a lot.
    stack = await startAccordStack({ env: { ...smtp.env(), RATE_LIMIT_ACTIONS: '10000/60s', RATE_LIMIT_WRITES: '10000/60s' } });
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
  const db = () => stack.api.get(DataSource);

  /**
   * Everything a click could change: the workflow's own state (its query), the read model's proposal, task and
   * timeline rows, the proposal's action links and its outgoing mail.
   */
  async function world(id: string): Promise<string> {
    const ds = db();
    const [live, proposal, tasks, timeline, tokens, emails] = await Promise.all([
      stack.api.get(ProposalWorkflowGateway).queryState(id),
      ds.query(`SELECT * FROM proposals WHERE id = $1`, [id]),
      ds.query(`SELECT * FROM tasks WHERE proposal_id = $1 ORDER BY id`, [id]),
      ds.query(`SELECT * FROM proposal_events WHERE proposal_id = $1 ORDER BY seq`, [id]),
      ds.query(`SELECT * FROM action_tokens WHERE proposal_id = $1 ORDER BY id`, [id]),
      ds.query(`SELECT idempotency_key, status, attempts, message_id, sent_at FROM email_messages WHERE proposal_id = $1 ORDER BY idempotency_key`, [id]),
    ]);
    return JSON.stringify({ live, proposal, tasks, timeline, tokens, emails });
  }

  /**
   * Waits until the proposal is at rest: `ready` holds, the read model holds every event the workflow recorded, and
   * nothing at all changes for a second (queued email sent and recorded, links revoked). Returns that world.
   */
  async function settled(id: string, ready: (s: { stage: string; live: { eventSeq: number }; timeline: Array<{ type: string; data: Record<string, unknown> }> }) => boolean = () => true): Promise<string> {
    await eventually(() => state(id), (x) => !!x.live && x.timeline.length === x.live.eventSeq && ready(x), 30000);
    const deadline = Date.now() + 30000;
    let last = await world(id);
    let quietSince = Date.now();
    while (Date.now() - quietSince < 1000) {
      if (Date.now() > deadline) throw new Error(`proposal ${id} did not settle`);
      await new Promise((r) => setTimeout(r, 250));
      const now = await world(id);
      if (now !== last) {
        last = now;
        quietSince = Date.now();
      }
    }
    return last;
  }

  async function nameOf(u: SignedInUser): Promise<{ mn: string; latin: string }> {
    const [row] = await db().query(`SELECT name_mn, name_latin FROM users WHERE id = $1`, [u.id]);
    return { mn: row.name_mn, latin: row.name_latin };
  }
  const linkRow = async (token: string) => (await db().query(`SELECT * FROM action_tokens WHERE token_hash = $1`, [hashActionToken(token)]))[0];

  /** The page says all of these (status and text) and offers no form. */
  function expectPage(page: { status: number; html?: string; text?: string }, status: number, texts: string[]) {
    const html = page.html ?? page.text ?? '';
    expect({ status: page.status, missing: texts.filter((t) => !html.includes(t)) }).toEqual({ status, missing: [] });
    expect(html).not.toContain('<form');
  }

  /** The task-assigned email of this proposal to this person, and its three links (approve, request changes, reject). */
  async function taskEmail(u: SignedInUser, id: string) {
    const email = await smtp.waitFor((m) => m.to.includes(u.email) && /Action needed|Шийдвэр гаргах шаардлагатай/.test(m.subject) && m.text.includes(id), 30000);
    const [approve, changes, reject] = links(email);
    expect(links(email)).toHaveLength(3);
    return { email, approve, changes, reject };
  }

  it('the approver follows the emailed link, confirms, the workflow moves on, and the owner is told', async () => {
    const id = await toTranslationReview();
    const { email, approve, changes, reject } = await taskEmail(head, id);
    expect(email.subject).toContain('Istanbul Convention');
    // The stage's own label (accession TRANSLATION), in the reader's language first and the other below.
    const url = (token: string) => new RegExp(`\\* ([^:\\n]+): \\S+/api/v1/actions/${token}`, 'g');
    expect([...email.text.matchAll(url(approve))].map((m) => m[1])).toEqual(['Translation accepted', 'Орчуулгыг хүлээн авсан']);
    expect([...email.text.matchAll(url(changes))].map((m) => m[1])).toEqual(['Request changes', 'Засвар хүсэх']);
    expect([...email.text.matchAll(url(reject))].map((m) => m[1])).toEqual(['Reject', 'Татгалзах']);
    expect(email.html).toMatch(new RegExp(`href="[^"]+/api/v1/actions/${approve}"[^>]*>Translation accepted<`));
    expect(email.text).not.toMatch(/\* Approve:/);

    // Opening each link (GET twice and HEAD, as a mail scanner would) changes nothing: not the workflow, not the
    // read model, not the links themselves. Settled first (its EMAIL_SENT recorded) so any later change would be ours.
    const before = await settled(id, (x) => x.timeline.some((e) => e.data?.messageId === email.messageId));
    const pages: Record<string, Awaited<ReturnType<typeof openLink>>> = {};
    for (const token of [approve, changes, reject]) {
      pages[token] = await openLink(token);
      expect(pages[token].status).toBe(200);
      expect(pages[token].csrf).toBeTruthy();
      expect((await openLink(token)).status).toBe(200);
      const headRes = await stack.http().head(`/api/v1/actions/${token}`);
      expect(headRes.status).toBe(200);
      expect(headRes.text ?? '').toBe('');
    }
    expect(pages[approve].html).toContain('Confirm your decision: Translation accepted');
    expect(pages[approve].html).toContain('Шийдвэрээ баталгаажуулна уу: Орчуулгыг хүлээн авсан');
    expect(pages[approve].html).toContain('Confirm: Translation accepted');
    expect(pages[changes].html).toContain('Confirm your decision: Request changes');
    expect(pages[reject].html).toContain('Confirm your decision: Reject');
    await new Promise((r) => setTimeout(r, 500)); // anything a GET had set off would show by now
    expect(await world(id)).toBe(before);
    expect((await state(id)).stage).toBe('TRANSLATION');

    const done = await confirm(approve, pages[approve], 'Checked against the official text');
    expectPage(done, 200, ['Decision recorded', 'Шийдвэр бүртгэгдлээ', 'Translation accepted']);
    const moved = await eventually(() => state(id), (s) => s.stage === 'RESEARCH');
    expect(moved.stage).toBe('RESEARCH');
    const ownerMail = await smtp.waitFor((m) => m.to.includes(owner.email) && m.text.includes(id), 30000);
    expect(ownerMail.text).toMatch(/Зөвшөөрсөн|Approved/);

    // After the decision: the used link, a second click on it, and the task's other links change nothing and
    // say who decided and when.
    const decided = await settled(id, (x) => x.stage === 'RESEARCH' && x.timeline.some((e) => e.data?.messageId === ownerMail.messageId));
    const headName = await nameOf(head);
    const used = await linkRow(approve);
    expect(used).toMatchObject({ status: 'used', used_by: head.id });
    const usedAt = formatDateTime(used.used_at, 'en');
    const usedPage = ['This link has already been used', 'Энэ холбоосыг аль хэдийн ашигласан', 'Used by', headName.latin, 'Used at', usedAt];
    expectPage(await openLink(approve), 410, usedPage);
    expectPage(await confirm(approve, pages[approve], 'Again'), 410, usedPage);
    for (const token of [changes, reject]) {
      const already = ['This task was already decided', 'Энэ даалгаврын шийдвэр аль хэдийн гарсан', 'Decided by', headName.latin, 'Decided at', usedAt, 'Translation accepted'];
      expectPage(await openLink(token), 409, already);
      expect((await stack.http().head(`/api/v1/actions/${token}`)).status).toBe(409);
      expectPage(await confirm(token, pages[token], 'Too late'), 409, already);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await world(id)).toBe(decided);
    const s = await state(id);
    expect(s.timeline.filter((e: { type: string }) => ['APPROVED', 'CHANGES_REQUESTED', 'REJECTED'].includes(e.type))).toHaveLength(1);

    // Every message appears in the timeline with its message id.
    const sent = s.timeline.filter((e: { type: string }) => e.type === 'EMAIL_SENT');
    expect(sent.map((e: { data: { messageId: string } }) => e.data.messageId)).toEqual(expect.arrayContaining([email.messageId, ownerMail.messageId]));
  });

  it('an expired link says when it expired and changes nothing, even with a valid form', async () => {
    const id = await toTranslationReview();
    const { email, approve, changes, reject } = await taskEmail(head, id);
    await settled(id, (x) => x.timeline.some((e) => e.data?.messageId === email.messageId));
    const pages = await Promise.all([approve, changes, reject].map(openLink));
    // The links' maximum age has passed (set in the database: the stack's own is 14 days).
    await db().query(`UPDATE action_tokens SET expires_at = now() - interval '1 second' WHERE proposal_id = $1 AND status = 'active'`, [id]);
    const before = await world(id);
    const expiredAt = formatDateTime((await linkRow(approve)).expires_at, 'en');
    for (const [i, token] of [approve, changes, reject].entries()) {
      const texts = ['This link has expired', 'Энэ холбоосын хугацаа дууссан', 'Valid until', expiredAt];
      expectPage(await openLink(token), 410, texts);
      expect((await stack.http().head(`/api/v1/actions/${token}`)).status).toBe(410);
      expectPage(await confirm(token, pages[i], 'Late comment'), 410, texts);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await world(id)).toBe(before);
    const s = await state(id);
    expect(s.stage).toBe('TRANSLATION');
    expect(s.tasks.filter((t: { status: string; kind: string }) => t.status === 'open' && t.kind === 'approval')).toHaveLength(1);
  });

  it('a tampered link is not valid and changes nothing', async () => {
    const id = await toTranslationReview();
    const { email, approve } = await taskEmail(head, id);
    const before = await settled(id, (x) => x.timeline.some((e) => e.data?.messageId === email.messageId));
    const page = await openLink(approve);
    const tampered = [approve.slice(0, -1) + (approve.endsWith('A') ? 'B' : 'A'), approve.slice(1), `${approve}x`];
    for (const bad of tampered) {
      const texts = ['This link is not valid', 'Энэ холбоос буруу байна'];
      expectPage(await openLink(bad), 404, texts);
      expect((await stack.http().head(`/api/v1/actions/${bad}`)).status).toBe(404);
      // Even with the real link's form and cookie.
      expectPage(await confirm(bad, page), 404, texts);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await world(id)).toBe(before);
  });

  it('a reassigned task: the old links are revoked and say so, the new assignee’s emailed link works', async () => {
    // Another division's head takes the task over (in this division, the directory would route new tasks to either head).
    const other = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'mn', division: `other-${randomUUID().slice(0, 6)}` });
    const id = await toTranslationReview();
    const first = await taskEmail(head, id);
    await settled(id, (x) => x.timeline.some((e) => e.data?.messageId === first.email.messageId));
    const oldPages = await Promise.all([first.approve, first.changes, first.reject].map(openLink));
    const taskId = (await state(id)).tasks.find((t: { status: string; kind: string }) => t.status === 'open' && t.kind === 'approval').id;

    await head.http.post(`/api/v1/proposals/${id}/tasks/${encodeURIComponent(taskId)}/reassign`).send({ assigneeId: other.id, requestId: rid() }).expect(200);
    const second = await taskEmail(other, id);
    // The new email is in the new assignee's language, with the stage's own label.
    expect(second.email.text).toMatch(new RegExp(`\\* Орчуулгыг хүлээн авсан: \\S+/api/v1/actions/${second.approve}`));
    expect([second.approve, second.changes, second.reject]).not.toEqual(expect.arrayContaining([first.approve]));
    const reassigned = await settled(id, (x) => x.timeline.some((e) => e.data?.messageId === second.email.messageId));

    for (const [i, token] of [first.approve, first.changes, first.reject].entries()) {
      const texts = ['This link is no longer valid', 'The task was reassigned or delegated to someone else.', 'Даалгаврыг өөр хүнд шилжүүлсэн буюу төлөөлүүлсэн байна.'];
      expectPage(await openLink(token), 410, texts);
      expect((await stack.http().head(`/api/v1/actions/${token}`)).status).toBe(410);
      expectPage(await confirm(token, oldPages[i], 'Still mine?'), 410, texts);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await world(id)).toBe(reassigned);

    const page = await openLink(second.approve);
    expect(page.html).toContain('Шийдвэрээ баталгаажуулна уу: Орчуулгыг хүлээн авсан');
    expect(page.html).toContain('Confirm your decision: Translation accepted');
    expectPage(await confirm(second.approve, page, 'Шалгасан'), 200, ['Шийдвэр бүртгэгдлээ', 'Decision recorded']);
    const s = await eventually(() => state(id), (x) => x.stage === 'RESEARCH' && x.timeline.some((e: { type: string }) => e.type === 'APPROVED'));
    expect(s.timeline.find((e: { type: string }) => e.type === 'APPROVED')).toMatchObject({ actorId: other.id, comment: 'Шалгасан' });
  });

  it('a task decided in the API: its emailed links then show who decided, what and when, and change nothing', async () => {
    const id = await toTranslationReview();
    const { email, approve, changes, reject } = await taskEmail(head, id);
    await settled(id, (x) => x.timeline.some((e) => e.data?.messageId === email.messageId));
    const pages = await Promise.all([approve, changes, reject].map(openLink));
    const taskId = (await state(id)).tasks.find((t: { status: string; kind: string }) => t.status === 'open' && t.kind === 'approval').id;

    await head.http.post(`/api/v1/proposals/${id}/decisions`).send({ taskId, decision: 'approve', comment: 'Approved in the web app', requestId: rid() }).expect(200);
    const decided = await settled(id, (x) => x.stage === 'RESEARCH');
    const [task] = await db().query(`SELECT status, decision, decided_by, closed_at FROM tasks WHERE id = $1`, [taskId]);
    expect(task).toMatchObject({ status: 'done', decision: 'approve', decided_by: head.id });
    expect((await db().query(`SELECT DISTINCT status, revoked_reason FROM action_tokens WHERE task_id = $1`, [taskId]))).toEqual([{ status: 'revoked', revoked_reason: 'task_closed' }]);

    const headName = await nameOf(head);
    const texts = [
      'This link is no longer valid',
      'The task has been closed.',
      'Даалгавар хаагдсан байна.',
      'Decided by',
      headName.mn,
      headName.latin,
      'Approved',
      'Зөвшөөрсөн',
      'Decided at',
      formatDateTime(task.closed_at, 'en'),
      formatDateTime(task.closed_at, 'mn'),
    ];
    for (const [i, token] of [approve, changes, reject].entries()) {
      expectPage(await openLink(token), 410, texts);
      expect((await stack.http().head(`/api/v1/actions/${token}`)).status).toBe(410);
      expectPage(await confirm(token, pages[i], 'From the email too'), 410, texts);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await world(id)).toBe(decided);
  });

  it('two simultaneous confirmations of one task (approve against reject): exactly one decides, the other page says it was already decided', async () => {
    const id = await toTranslationReview();
    const { email, approve, reject } = await taskEmail(head, id);
    await settled(id, (x) => x.timeline.some((e) => e.data?.messageId === email.messageId));
    const a = await openLink(approve);
    const r = await openLink(reject);
    const [ra, rr] = await Promise.all([confirm(approve, a, 'Fine'), confirm(reject, r, 'No budget')]);
    const results = [
      { token: approve, res: ra, label: 'Translation accepted', page: a, comment: 'Fine' },
      { token: reject, res: rr, label: 'Reject', page: r, comment: 'No budget' },
    ];
    const winners = results.filter((x) => x.res.status === 200);
    expect(winners).toHaveLength(1);
    const [winner] = winners;
    const loser = results.find((x) => x !== winner)!;
    const headName = await nameOf(head);
    const won = await linkRow(winner.token);
    const already = ['This task was already decided', 'Энэ даалгаврын шийдвэр аль хэдийн гарсан', 'Decided by', headName.latin, 'Decided at', formatDateTime(won.used_at, 'en'), winner.label];
    expectPage(loser.res, 409, already);

    // The workflow saw exactly one decision; nothing the loser does afterwards changes anything.
    const decisionTypes = ['APPROVED', 'REJECTED'];
    const after = await settled(id, (x) => x.timeline.some((e) => decisionTypes.includes(e.type)) && x.stage !== 'TRANSLATION');
    const s = await state(id);
    expect(s.timeline.filter((e: { type: string }) => decisionTypes.includes(e.type))).toHaveLength(1);
    expect(s.stage).toBe(winner.token === approve ? 'RESEARCH' : 'REJECTED');
    expectPage(await confirm(loser.token, loser.page, loser.comment), 409, already);
    expectPage(await openLink(loser.token), 409, already);
    expectPage(await confirm(winner.token, winner.page, winner.comment), 410, ['This link has already been used', headName.latin]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await world(id)).toBe(after);
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

  it('four simultaneous confirmations of one task (each link twice): exactly one wins, every other page says why', async () => {
    const id = await toTranslationReview();
    const { approve, reject } = await taskEmail(head, id);
    const a = await openLink(approve);
    const r = await openLink(reject);
    const posts = [
      { token: approve, p: confirm(approve, a) },
      { token: approve, p: confirm(approve, a) },
      { token: reject, p: confirm(reject, r, 'No budget') },
      { token: reject, p: confirm(reject, r, 'No budget') },
    ];
    const results = await Promise.all(posts.map(async (x) => ({ token: x.token, res: await x.p })));
    const winners = results.filter((x) => x.res.status === 200);
    expect(winners).toHaveLength(1);
    for (const x of results.filter((y) => y !== winners[0])) {
      // The same link again: already used; the other action's link: the task was already decided.
      if (x.token === winners[0].token) expectPage(x.res, 410, ['This link has already been used']);
      else expectPage(x.res, 409, ['This task was already decided']);
    }
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
