import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Browser } from 'playwright-core';
import { ProposalWorkflowGateway } from '../../libs/temporal';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { launchBrowser, screenshot } from '../support/browser';
import { SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

jest.setTimeout(120_000);

/** A free loopback port, so the stack's public URL (the links in its emails) can name it before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The approver's whole path in real Chromium against the real stack: the email at the SMTP sink, its link opened in
 * the browser, the confirmation page, the button, the result page; then the Temporal workflow has moved on and the
 * owner has been told.
 */
describe('an approver acts from the email in a real browser, on the real workflow', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let browser: Browser;
  let base: string;
  let owner: SignedInUser, head: SignedInUser;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The action-link rate limit (per address) is tested in the authorization layer; here it must not count clicks of
    // other test files that run at the same time from the same loopback address.
    stack = await startAccordStack({ env: { ...smtp.env(), PUBLIC_URL: base, RATE_LIMIT_ACTIONS: '10000/60s' } });
    await stack.api.listen(port, '127.0.0.1');
    const deputy = await createUserAndLogin(stack, ['deputy_commissioner']);
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'en' });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.stop();
  });

  it('reads the email, opens Approve, confirms, sees the result; the workflow moves to the next stage and the owner is notified', async () => {
    const title = `Istanbul Convention ${randomUUID().slice(0, 6)}`;
    const created = await owner.http.post('/api/v1/proposals').send({ kind: 'accession', titleEn: title, titleMn: 'Истанбулын конвенц', conventionCode: 'ISTANBUL', requestId: randomUUID() }).expect(201);
    const id: string = created.body.id;
    for (const [kind, action] of [['convention_text', 'submit'], ['translation', 'complete-stage']]) {
      await owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', kind).field('requestId', randomUUID()).attach('file', Buffer.from(kind), { filename: `${kind}.pdf`, contentType: 'application/pdf' }).expect(201);
      await owner.http.post(`/api/v1/proposals/${id}/${action}`).send({ requestId: randomUUID() }).expect(200);
    }

    // The approver's email, as the SMTP server received it: the Approve button carries the stage's own label.
    const email = await smtp.waitFor((m) => m.to.includes(head.email) && /Action needed/.test(m.subject) && m.text.includes(id), 30000);
    const approveUrl = email.html.match(/href="([^"]+\/api\/v1\/actions\/[A-Za-z0-9_-]{43})"[^>]*>Translation accepted</)![1];
    expect(approveUrl.startsWith(`${base}/api/v1/actions/`)).toBe(true);

    const gateway = stack.api.get(ProposalWorkflowGateway);
    const page = await browser.newPage({ locale: 'en-GB' });
    try {
      const opened = await page.goto(approveUrl);
      await page
        .getByRole('heading', { name: 'Confirm your decision: Translation accepted' })
        .waitFor()
        .catch(async (err: Error) => {
          await screenshot(page, 'email-task-real-01-confirm-failed');
          throw new Error(`${err.message}\nHTTP ${opened?.status()} ${page.url()}: ${(await page.textContent('body').catch(() => ''))?.slice(0, 2000)}`);
        });
      const main = (await page.textContent('main')) ?? '';
      expect(main).toContain(title);
      expect(main).toContain('Шийдвэрээ баталгаажуулна уу: Орчуулгыг хүлээн авсан');
      await screenshot(page, 'email-task-real-01-confirm');
      // Opening the page decided nothing.
      const waiting = await gateway.queryState(id);
      expect(waiting?.stage).toBe('TRANSLATION');
      expect(waiting?.tasks.filter((t) => t.status === 'open' && t.kind === 'approval')).toHaveLength(1);

      await page.fill('textarea#comment', 'Checked against the official text');
      await Promise.all([page.waitForURL(approveUrl), page.getByRole('button', { name: 'Confirm: Translation accepted' }).click()]);
      await page.getByRole('heading', { name: 'Decision recorded' }).waitFor();
      expect(await page.textContent('main')).toContain('Шийдвэр бүртгэгдлээ');
      const donePath = await screenshot(page, 'email-task-real-02-done');
      expect(existsSync(donePath)).toBe(true);

      // The workflow itself (its state query, not the read model) has moved to the next stage.
      const moved = await eventually(() => gateway.queryState(id), (s) => s?.stage === 'RESEARCH');
      expect(moved?.stage).toBe('RESEARCH');
      const decided = moved!.tasks.find((t) => t.kind === 'approval' && t.stage === 'TRANSLATION');
      expect(decided).toMatchObject({ status: 'done', decision: 'approve', decidedBy: head.id, comment: 'Checked against the official text' });

      // The owner is told, by email.
      const ownerMail = await smtp.waitFor((m) => m.to.includes(owner.email) && m.text.includes(title), 30000);
      expect(ownerMail.text).toMatch(/Зөвшөөрсөн|Approved/);

      // The same link again, in the browser: already used, by whom, and nothing changes.
      await page.goto(approveUrl);
      await page.getByRole('heading', { name: 'This link has already been used' }).waitFor();
      await screenshot(page, 'email-task-real-03-used');
      const after = await gateway.queryState(id);
      expect(after?.eventSeq).toBeGreaterThanOrEqual(moved!.eventSeq);
      expect(after?.tasks.filter((t) => t.decision)).toEqual(moved!.tasks.filter((t) => t.decision));
    } finally {
      await page.close();
    }
  });
});
