import { randomUUID } from 'node:crypto';
import { createNotificationActivities } from '../../activities/notifications';
import { ActionTokenBinding, EmailOutboxRepository, TaskProjectionRepository, UserAccountRepository } from '../../libs/db';
import { formatDateTime, MailTransport, sampleData } from '../../libs/mail';
import { ActionLinksApp, startActionLinksApp } from '../support/action-links-app';
import { startSmtpTestServer, SmtpTestServer } from '../support/smtp-test-server';

const PATH = '/api/v1/actions/';

interface Opened {
  status: number;
  html: string;
  csrf?: string;
  cookie?: string;
  headers: Record<string, string>;
}

describe('email action links: email -> confirmation page -> POST -> decision (real SMTP, PostgreSQL, HTTP app)', () => {
  let smtp: SmtpTestServer;
  let stack: ActionLinksApp;
  const approverId = randomUUID();

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    // The action-link rate limit (per address) is the authorization layer's, tested there; this file clicks a lot.
    stack = await startActionLinksApp({ env: { ...smtp.env(), RATE_LIMIT_ACTIONS: '10000/60s' } });
    stack.decisions.names.set(approverId, 'Б. Батбаяр');
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  function binding(taskId: string, proposalId: string, over: Partial<ActionTokenBinding> = {}): ActionTokenBinding {
    return {
      taskId,
      proposalId,
      assigneeId: approverId,
      assigneeName: 'Б. Батбаяр',
      action: 'approve',
      label: { mn: 'Батлах', en: 'Approve' },
      commentRequired: false,
      language: 'en',
      ...over,
    };
  }

  async function open(token: string, method: 'get' | 'head' = 'get'): Promise<Opened> {
    const res = await stack.http()[method](PATH + token);
    const html = res.text ?? '';
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    return {
      status: res.status,
      html,
      csrf: html.match(/name="csrf" value="([^"]+)"/)?.[1],
      cookie: setCookie.find((c) => c.startsWith('accord_action_nonce='))?.split(';')[0],
      headers: res.headers as Record<string, string>,
    };
  }

  async function post(token: string, form: Record<string, string>, cookie?: string): Promise<{ status: number; html: string }> {
    let req = stack.http().post(PATH + token).type('form').send(form);
    if (cookie) req = req.set('Cookie', cookie);
    const res = await req;
    return { status: res.status, html: res.text };
  }

  /** Everything a click could change: the task's links, the decisions, the outbox. */
  async function snapshot(taskId: string) {
    const [links, decisions, outbox] = await Promise.all([
      stack.dataSource.query(`SELECT * FROM action_tokens WHERE task_id = $1 ORDER BY id`, [taskId]),
      stack.decisions.decisions(taskId),
      stack.dataSource.query(`SELECT id, status, attempts, updated_at FROM email_messages ORDER BY id`),
    ]);
    return JSON.stringify({ links, decisions, outbox });
  }

  async function issue(taskId: string, proposalId: string, over: Partial<ActionTokenBinding> = {}, maxAge = 3600): Promise<string> {
    return (await stack.tokens.issue(binding(taskId, proposalId, over), maxAge)).token;
  }

  it('the approver reads the email, follows its link, confirms, and the decision is recorded exactly once', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `proposal-${proposalId}:task-1`;
    const notifications = createNotificationActivities({
      outbox: stack.app.get(EmailOutboxRepository),
      actionTokens: stack.tokens,
      mail: new MailTransport(stack.config.smtp),
      publicUrl: 'http://accord.test',
      actionLinkMaxAgeSeconds: 3600,
    });
    const { actions: _a, ...data } = sampleData('task-assigned') as Record<string, unknown>;
    const sent = await notifications.sendEmail({
      idempotencyKey: `${taskId}:${approverId}:assigned:1`,
      to: { address: 'approver@customs.test', name: 'Б. Батбаяр' },
      language: 'en',
      template: 'task-assigned',
      data,
      proposalId,
      actionLinks: { taskId, assigneeId: approverId, proposalId, choices: [{ action: 'approve' }, { action: 'request_changes' }, { action: 'reject' }] },
    });
    const mail = await smtp.waitFor((m) => m.messageId === sent.messageId);
    const tokenFor = (label: string) => mail.text.match(new RegExp(`${label}: http://accord\\.test/api/v1/actions/([A-Za-z0-9_-]{43})`))![1];
    const approve = tokenFor('Approve');
    const reject = tokenFor('Reject');

    // Opening the link (as a mail scanner would, several times, GET and HEAD) changes nothing.
    const before = await snapshot(taskId);
    const page = await open(approve);
    await open(approve);
    const head = await open(approve, 'head');
    await open(reject);
    expect(await snapshot(taskId)).toBe(before);
    expect(head.status).toBe(200);
    expect(head.html).toBe('');

    expect(page.status).toBe(200);
    expect(page.html).toContain('Confirm your decision: Approve');
    expect(page.html).toContain('Шийдвэрээ баталгаажуулна уу: Батлах');
    expect(page.html).toContain('Accession to the Revised Kyoto Convention');
    expect(page.html).toContain('Б. Батбаяр');
    expect(page.html).toMatch(/<form method="post" action="\/api\/v1\/actions\/[A-Za-z0-9_-]{43}"/);
    expect(page.html).not.toMatch(/<script|onload=|http-equiv="refresh"/i); // nothing submits it but a person
    expect(page.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.cookie).toMatch(/^accord_action_nonce=/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-robots-tag']).toMatch(/noindex/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-type']).toMatch(/^text\/html/);

    const done = await post(approve, { csrf: page.csrf!, comment: 'Agreed.' }, page.cookie);
    expect(done.status).toBe(200);
    expect(done.html).toContain('Decision recorded');
    expect(done.html).toContain('Шийдвэр бүртгэгдлээ');
    expect(await stack.decisions.decisions(taskId)).toEqual([{ action: 'approve', actor_id: approverId, comment: 'Agreed.', request_id: expect.stringMatching(/^action-link-\d+$/) }]);

    // A second click on the same link, and a click on a sibling link: each says what happened, nothing changes.
    const afterDecision = await snapshot(taskId);
    const again = await post(approve, { csrf: page.csrf!, comment: 'Again' }, page.cookie);
    expect(again.status).toBe(410);
    expect(again.html).toContain('This link has already been used');
    expect(again.html).toContain('Б. Батбаяр');
    const sibling = await open(reject);
    expect(sibling.status).toBe(409);
    expect(sibling.html).toContain('This task was already decided');
    expect(sibling.html).toContain('Approve');
    expect(sibling.html).not.toContain('<form');
    expect(await snapshot(taskId)).toBe(afterDecision);
  });

  it('refuses a POST without the page’s CSRF token, or with another link’s, and changes nothing', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const token = await issue(taskId, proposalId);
    const other = await issue(`t-${randomUUID()}`, proposalId);
    const page = await open(token);
    const otherPage = await open(other);
    const before = await snapshot(taskId);

    for (const [form, cookie] of [
      [{}, undefined],
      [{ csrf: page.csrf! }, undefined],
      [{}, page.cookie],
      [{ csrf: otherPage.csrf! }, otherPage.cookie],
      [{ csrf: page.csrf!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, page.cookie],
    ] as Array<[Record<string, string>, string | undefined]>) {
      const res = await post(token, form, cookie);
      expect(res.status).toBe(403);
      expect(res.html).toContain('This form has expired');
      expect(res.html).toContain(`href="${PATH}${token}"`);
    }
    expect(await snapshot(taskId)).toBe(before);
  });

  it('requires a comment for reject and request-changes, keeping the link usable', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const token = await issue(taskId, proposalId, { action: 'reject', label: { mn: 'Татгалзах', en: 'Reject' }, commentRequired: true, language: 'mn' });
    const page = await open(token);
    expect(page.html).toMatch(/<textarea[^>]* required>/);
    const before = await snapshot(taskId);
    const missing = await post(token, { csrf: page.csrf!, comment: '   ' }, page.cookie);
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('Энэ шийдвэрт тайлбар заавал бичнэ үү.');
    expect(missing.html).toContain('<form');
    expect(await snapshot(taskId)).toBe(before);

    const ok = await post(token, { csrf: page.csrf!, comment: 'Санхүүгийн тооцоо дутуу.' }, page.cookie);
    expect(ok.status).toBe(200);
    expect(await stack.decisions.decisions(taskId)).toEqual([expect.objectContaining({ action: 'reject', comment: 'Санхүүгийн тооцоо дутуу.' })]);
  });

  it('tampered and unknown links show the invalid page and change nothing', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const token = await issue(taskId, proposalId);
    const page = await open(token);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const before = await snapshot(taskId);
    for (const bad of [tampered, 'not-a-token', 'x'.repeat(43)]) {
      const got = await open(bad);
      expect(got.status).toBe(404);
      expect(got.html).toContain('This link is not valid');
      expect(got.html).toContain('Энэ холбоос буруу байна');
      expect((await post(bad, { csrf: page.csrf! }, page.cookie)).status).toBe(404);
    }
    expect(await snapshot(taskId)).toBe(before);
  });

  it('an expired link shows when it expired, even with a valid form, and changes nothing', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const token = await issue(taskId, proposalId, {}, 1);
    const page = await open(token);
    expect(page.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1200));
    const before = await snapshot(taskId);
    const got = await open(token);
    expect(got.status).toBe(410);
    expect(got.html).toContain('This link has expired');
    const posted = await post(token, { csrf: page.csrf! }, page.cookie);
    expect(posted.status).toBe(410);
    expect(await snapshot(taskId)).toBe(before);
    expect(await stack.decisions.decisions(taskId)).toEqual([]);
  });

  it('a revoked link (task reassigned) says so and changes nothing', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const token = await issue(taskId, proposalId);
    const page = await open(token);
    expect(await stack.tokens.revokeForTask(taskId, 'reassigned')).toBe(1);
    const before = await snapshot(taskId);
    const got = await open(token);
    expect(got.status).toBe(410);
    expect(got.html).toContain('This link is no longer valid');
    expect(got.html).toContain('The task was reassigned or delegated to someone else.');
    expect((await post(token, { csrf: page.csrf! }, page.cookie)).status).toBe(410);
    expect(await snapshot(taskId)).toBe(before);
    expect(await stack.decisions.decisions(taskId)).toEqual([]);
  });

  it('simultaneous POSTs for one task (same link twice, and approve against reject): exactly one wins', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const approve = await issue(taskId, proposalId);
    const reject = await issue(taskId, proposalId, { action: 'reject', label: { mn: 'Татгалзах', en: 'Reject' }, commentRequired: true });
    const a = await open(approve);
    const r = await open(reject);
    stack.decisions.delayMs = 200;
    try {
      const results = await Promise.all([
        post(approve, { csrf: a.csrf! }, a.cookie),
        post(approve, { csrf: a.csrf! }, a.cookie),
        post(reject, { csrf: r.csrf!, comment: 'No' }, r.cookie),
        post(reject, { csrf: r.csrf!, comment: 'No' }, r.cookie),
      ]);
      const statuses = results.map((x) => x.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 410)).toBe(true);
    } finally {
      stack.decisions.delayMs = 0;
    }
    expect(await stack.decisions.decisions(taskId)).toHaveLength(1);
    const statuses: Array<{ status: string }> = await stack.dataSource.query(`SELECT status FROM action_tokens WHERE task_id = $1 ORDER BY status`, [taskId]);
    expect(statuses.map((s) => s.status)).toEqual(['revoked', 'used']);
  });

  it('when the workflow cannot be reached the link is given back, and the retry records the decision once', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const token = await issue(taskId, proposalId);
    const page = await open(token);
    stack.decisions.failNext = true;
    const failed = await post(token, { csrf: page.csrf! }, page.cookie);
    expect(failed.status).toBe(503);
    expect(failed.html).toContain('your link still works');
    expect((await stack.tokens.findByToken(token))?.status).toBe('active');
    expect(await stack.decisions.decisions(taskId)).toEqual([]);

    const retried = await post(token, { csrf: page.csrf! }, page.cookie);
    expect(retried.status).toBe(200);
    expect(await stack.decisions.decisions(taskId)).toHaveLength(1);
  });

  it('a link the workflow closed (task decided in the web app or API) names who decided, what and when, from the task row', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const tag = randomUUID().slice(0, 8);
    const { user: decider } = await stack.app.get(UserAccountRepository).createOnce({
      email: `decider.${tag}@customs.test`,
      nameMn: `Ганбаатар ${tag}`,
      nameLatin: `Ganbaatar ${tag}`,
      language: 'mn',
      division: null,
      roles: ['division_head'],
      supervisorId: null,
      passwordHash: null,
      mustChangePassword: false,
      createRequestId: null,
    });
    const token = await issue(taskId, proposalId);
    const task = { id: taskId, proposalId, workflowId: `proposal-${proposalId}`, stage: 'TRANSLATION', kind: 'approval' as const, role: 'division_head', assigneeId: approverId, onBehalfOfId: null, actions: ['approve', 'request_changes', 'reject'], openedAt: '2027-03-01T02:00:00Z', dueAt: null, comment: null };
    const projection = stack.app.get(TaskProjectionRepository);
    await projection.upsert({ ...task, status: 'open', closedAt: null, decision: null, decidedBy: null, version: 1 });
    const page = await open(token);
    expect(page.status).toBe(200);

    // Decided in the web app: the workflow writes the task row and closes the links.
    await projection.upsert({ ...task, status: 'done', closedAt: '2027-03-10T06:15:00Z', decision: 'request_changes', decidedBy: decider.id, comment: 'Please revise', version: 2 });
    await stack.tokens.revokeForTask(taskId, 'task_closed');
    const before = await snapshot(taskId);
    for (const method of ['get', 'head'] as const) expect((await open(token, method)).status).toBe(410);
    const got = await open(token);
    for (const text of ['This link is no longer valid', 'The task has been closed.', 'Decided by', `Ganbaatar ${tag}`, `Ганбаатар ${tag}`, 'Changes requested', 'Засвар хүссэн', formatDateTime('2027-03-10T06:15:00Z', 'en'), 'Шийдвэр гаргасан цаг']) {
      expect(got.html).toContain(text);
    }
    expect(got.html).not.toContain('<form');
    const posted = await post(token, { csrf: page.csrf! }, page.cookie);
    expect(posted.status).toBe(410);
    expect(posted.html).toContain(`Ganbaatar ${tag}`);
    expect(await snapshot(taskId)).toBe(before);
    expect(await stack.decisions.decisions(taskId)).toEqual([]);
  });

  it('a task decided elsewhere (e.g. in the web app) shows who decided and closes the task’s links', async () => {
    const proposalId = await stack.createProposal();
    const taskId = `t-${randomUUID()}`;
    const token = await issue(taskId, proposalId);
    const sibling = await issue(taskId, proposalId, { action: 'reject', label: { mn: 'Татгалзах', en: 'Reject' }, commentRequired: true });
    const page = await open(token);
    const headId = randomUUID();
    stack.decisions.names.set(headId, 'Г. Ганбаатар');
    await stack.decisions.decide(taskId, 'request_changes', headId, 'Please revise', 'web-request-1');

    const res = await post(token, { csrf: page.csrf! }, page.cookie);
    expect(res.status).toBe(409);
    expect(res.html).toContain('This task was already decided');
    expect(res.html).toContain('Г. Ганбаатар');
    expect(await stack.decisions.decisions(taskId)).toEqual([expect.objectContaining({ action: 'request_changes', actor_id: headId })]);
    for (const t of [token, sibling]) expect(await stack.tokens.findByToken(t)).toMatchObject({ status: 'revoked', revokedReason: 'task_closed' });
  });
});
