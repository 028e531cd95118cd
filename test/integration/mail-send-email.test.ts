import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createNotificationActivities, EMAIL_FAILURE, SendEmailInput } from '../../activities/notifications';
import { ActionTokenRepository, dataSourceOptions, EmailOutboxRepository, hashActionToken } from '../../libs/db';
import { deterministicMessageId, MailTransport, sampleData } from '../../libs/mail';
import { startSmtpTestServer, SmtpTestServer } from '../support/smtp-test-server';

const FROM = 'Accord <accord@customs.test>';

describe('sendEmail activity (real SMTP on loopback, real PostgreSQL)', () => {
  let ds: DataSource;
  let smtp: SmtpTestServer;
  let outbox: EmailOutboxRepository;
  let tokens: ActionTokenRepository;
  let activities: ReturnType<typeof createNotificationActivities>;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: process.env.DATABASE_URL! })).initialize();
    smtp = await startSmtpTestServer();
    outbox = new EmailOutboxRepository(ds);
    tokens = new ActionTokenRepository(ds);
    const mail = new MailTransport({ host: smtp.host, port: smtp.port, secure: false, from: FROM, connectTimeoutMs: 1000, socketTimeoutMs: 5000 });
    activities = createNotificationActivities({ outbox, actionTokens: tokens, mail, publicUrl: 'http://accord.test', actionLinkMaxAgeSeconds: 3600, sendLeaseMs: 30000 });
  });
  afterAll(async () => {
    await smtp?.stop();
    await ds?.destroy();
  });

  function taskEmail(over: Partial<SendEmailInput> = {}): SendEmailInput {
    const taskId = `proposal-x:task-${randomUUID()}`;
    const { actions: _sampleActions, ...data } = sampleData('task-assigned') as Record<string, unknown>;
    return {
      idempotencyKey: `${taskId}:approver:assigned:1`,
      to: { address: `approver-${randomUUID().slice(0, 8)}@customs.test`, name: 'Б. Батбаяр' },
      language: 'mn',
      template: 'task-assigned',
      data,
      proposalId: randomUUID(),
      workflowId: 'proposal-x',
      actionLinks: { taskId, assigneeId: randomUUID(), proposalId: randomUUID(), choices: [{ action: 'approve' }, { action: 'request_changes' }, { action: 'reject' }] },
      ...over,
    };
  }

  const deliveredTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));
  const address = (input: SendEmailInput) => (typeof input.to === 'string' ? input.to : input.to.address);

  async function failure(p: Promise<unknown>): Promise<ApplicationFailure> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(ApplicationFailure);
      return err as ApplicationFailure;
    }
    throw new Error('expected the activity to fail');
  }

  it('sends the task email with one working single-use link per action; only hashes are stored', async () => {
    const input = taskEmail();
    const result = await activities.sendEmail(input);
    expect(result).toMatchObject({ alreadySent: false, attempts: 1, template: 'task-assigned', recipient: address(input) });
    expect(result.messageId).toBe(deterministicMessageId(input.idempotencyKey, FROM));

    const mail = await smtp.waitFor((m) => m.to.includes(address(input)));
    expect(mail.messageId).toBe(result.messageId);
    expect(mail.subject).toBe('Шийдвэр гаргах шаардлагатай: Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай');
    const links = [...new Set(mail.text.match(/http:\/\/accord\.test\/api\/v1\/actions\/[A-Za-z0-9_-]{43}/g))];
    expect(links).toHaveLength(3);
    expect(mail.text).toMatch(/Батлах: http:\/\/accord\.test\/api\/v1\/actions\//);
    expect(mail.html).toContain(links[0]);

    const rows = await ds.query(`SELECT token_hash, action, status, comment_required FROM action_tokens WHERE task_id = $1 ORDER BY id`, [input.actionLinks!.taskId]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['approve', 'request_changes', 'reject']);
    expect(rows.map((r: { comment_required: boolean }) => r.comment_required)).toEqual([false, true, true]);
    const raw = links.map((l) => l.split('/').pop()!);
    expect(rows.map((r: { token_hash: string }) => r.token_hash).sort()).toEqual(raw.map(hashActionToken).sort());
    const dump = JSON.stringify(await ds.query(`SELECT * FROM action_tokens WHERE task_id = $1`, [input.actionLinks!.taskId]));
    for (const t of raw) expect(dump).not.toContain(t);

    const row = await outbox.findByKey(input.idempotencyKey);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, messageId: result.messageId, proposalId: input.proposalId, workflowId: 'proposal-x' });
    expect(row!.smtpResponse).toMatch(/^250/);
    expect(row!.sentAt).toBeInstanceOf(Date);
  });

  it('sending twice with the same key delivers once and returns the same message id', async () => {
    const input = taskEmail({ template: 'owner-notification', actionLinks: undefined, data: sampleData('owner-notification') as Record<string, unknown> });
    const first = await activities.sendEmail(input);
    const second = await activities.sendEmail(input);
    expect(second).toEqual({ ...first, alreadySent: true });
    await smtp.waitFor((m) => m.to.includes(address(input)));
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveredTo(address(input))).toHaveLength(1);
  });

  it('SMTP down, then refusing, then up: each failed attempt is retryable and fast, and the retry delivers exactly once', async () => {
    const input = taskEmail();
    await smtp.setMode('closed');
    try {
      const started = Date.now();
      const down = await failure(activities.sendEmail(input));
      expect(down).toMatchObject({ type: EMAIL_FAILURE.smtpUnavailable, nonRetryable: false });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await outbox.findByKey(input.idempotencyKey)).toMatchObject({ status: 'retrying', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED/) });

      await smtp.setMode('refuse');
      const refused = await failure(activities.sendEmail(input));
      expect(refused).toMatchObject({ type: EMAIL_FAILURE.smtpUnavailable, nonRetryable: false });
      expect(refused.message).toMatch(/421/);
      expect(smtp.refusedConnections).toBeGreaterThan(0);
    } finally {
      await smtp.setMode('accept');
    }
    const ok = await activities.sendEmail(input);
    expect(ok).toMatchObject({ alreadySent: false, attempts: 3 });
    const again = await activities.sendEmail(input);
    expect(again).toMatchObject({ alreadySent: true, messageId: ok.messageId });

    await smtp.waitFor((m) => m.to.includes(address(input)));
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveredTo(address(input))).toHaveLength(1);

    // Links from the attempts that never went out are dead; the delivered ones work.
    const rows: Array<{ status: string; revoked_reason: string | null }> = await ds.query(
      `SELECT status, revoked_reason FROM action_tokens WHERE task_id = $1 ORDER BY id`,
      [input.actionLinks!.taskId],
    );
    expect(rows.map((r) => `${r.status}:${r.revoked_reason ?? ''}`)).toEqual([
      ...Array(6).fill('revoked:not_delivered'),
      ...Array(3).fill('active:'),
    ]);
    const delivered = deliveredTo(address(input))[0].text.match(/actions\/([A-Za-z0-9_-]{43})/)![1];
    expect((await tokens.findByToken(delivered))?.status).toBe('active');
  });

  it('concurrent attempts at one message deliver it once', async () => {
    const input = taskEmail({ actionLinks: undefined, template: 'report-due', data: sampleData('report-due') as Record<string, unknown> });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => activities.sendEmail(input)));
    const sent = results.filter((r) => r.status === 'fulfilled' && !r.value.alreadySent);
    expect(sent).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ type: EMAIL_FAILURE.inFlight, nonRetryable: false });
    }
    expect((await activities.sendEmail(input)).alreadySent).toBe(true);
    await smtp.waitFor((m) => m.to.includes(address(input)));
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveredTo(address(input))).toHaveLength(1);
  });

  it('an attempt that died mid-send is taken over after its lease, resending with the same Message-ID', async () => {
    const input = taskEmail({ actionLinks: undefined, template: 'trip-expired', data: sampleData('trip-expired') as Record<string, unknown> });
    const messageId = deterministicMessageId(input.idempotencyKey, FROM);
    const claimRequest = { idempotencyKey: input.idempotencyKey, template: input.template, language: 'mn', recipient: address(input), messageId };
    // A first attempt claims the message and "dies" without recording the outcome.
    expect((await outbox.claim(claimRequest, 60000)).outcome).toBe('claimed');
    const busy = await failure(activities.sendEmail(input));
    expect(busy).toMatchObject({ type: EMAIL_FAILURE.inFlight, nonRetryable: false });
    await ds.query(`UPDATE email_messages SET lease_until = now() - interval '1 second' WHERE idempotency_key = $1`, [input.idempotencyKey]);

    const result = await activities.sendEmail(input);
    expect(result).toMatchObject({ alreadySent: false, attempts: 2, messageId });
    const mail = await smtp.waitFor((m) => m.to.includes(address(input)));
    expect(mail.messageId).toBe(messageId);
  });

  it('refuses bad requests for good (non-retryable) and sends nothing', async () => {
    const before = smtp.messages.length;
    const cases: Array<[Partial<SendEmailInput>, RegExp]> = [
      [{ template: 'no-such-template' as never }, /unknown mail template/],
      [{ language: 'fr' as never }, /unknown language/],
      [{ to: 'not an address' }, /invalid recipient address/],
      [{ to: { address: 'a@b.test\r\nBcc: x@y.test' } }, /invalid recipient address/],
      [{ data: { recipientName: 'X' } }, /data does not fit mail template "task-assigned".*proposal/],
      [{ actionLinks: { taskId: 't', assigneeId: randomUUID(), proposalId: randomUUID(), choices: [{ action: 'translation_accepted' }] } }, /has no label/],
      [{ template: 'weekly-digest', data: sampleData('weekly-digest') as Record<string, unknown> }, /carries no action links/],
    ];
    for (const [over, message] of cases) {
      const input = taskEmail(over);
      const err = await failure(activities.sendEmail(input));
      expect(err).toMatchObject({ type: EMAIL_FAILURE.invalidRequest, nonRetryable: true });
      expect(err.message).toMatch(message);
      expect(await outbox.findByKey(input.idempotencyKey)).toBeNull();
    }
    expect(smtp.messages.length).toBe(before);
  });

  it('a recipient the server refuses for good fails the message for good', async () => {
    const input = taskEmail();
    smtp.rejectRecipients([address(input)]);
    const err = await failure(activities.sendEmail(input));
    expect(err).toMatchObject({ type: EMAIL_FAILURE.recipientRefused, nonRetryable: true });
    expect(await outbox.findByKey(input.idempotencyKey)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/550/) });
    expect(await failure(activities.sendEmail(input))).toMatchObject({ type: EMAIL_FAILURE.failedBefore, nonRetryable: true });
    const active = await ds.query(`SELECT count(*)::int AS n FROM action_tokens WHERE task_id = $1 AND status = 'active'`, [input.actionLinks!.taskId]);
    expect(active[0].n).toBe(0);
  });

  it('refuses an idempotency key reused for a different message', async () => {
    const input = taskEmail({ actionLinks: undefined, template: 'report-due', data: sampleData('report-due') as Record<string, unknown> });
    await activities.sendEmail(input);
    const err = await failure(activities.sendEmail({ ...input, to: 'someone-else@customs.test' }));
    expect(err).toMatchObject({ type: EMAIL_FAILURE.keyReused, nonRetryable: true });
  });

  it('revokeActionLinks closes every open link of a task', async () => {
    const input = taskEmail();
    await activities.sendEmail(input);
    expect(await activities.revokeActionLinks({ taskId: input.actionLinks!.taskId, reason: 'reassigned' })).toEqual({ revoked: 3 });
    expect(await activities.revokeActionLinks({ taskId: input.actionLinks!.taskId, reason: 'reassigned' })).toEqual({ revoked: 0 });
  });
});
