import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { createNotificationActivities } from '../../activities/notifications';
import { EmailOutboxRepository } from '../../libs/db';
import { MailTransport, sampleData } from '../../libs/mail';
import { ActionLinksApp, startActionLinksApp } from '../support/action-links-app';
import { launchBrowser, screenshot } from '../support/browser';
import { startSmtpTestServer, SmtpTestServer } from '../support/smtp-test-server';

describe('an approver acts from the email in a real browser (Chromium via Playwright)', () => {
  let smtp: SmtpTestServer;
  let stack: ActionLinksApp;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startActionLinksApp({ env: smtp.env(), listen: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.stop();
  });

  it('opens the emailed link, cannot confirm a rejection without a comment, confirms with one, and sees the result', async () => {
    const approverId = randomUUID();
    const proposalId = await stack.createProposal();
    const taskId = `proposal-${proposalId}:task-1`;
    const notifications = createNotificationActivities({
      outbox: stack.app.get(EmailOutboxRepository),
      actionTokens: stack.tokens,
      mail: new MailTransport(stack.config.smtp),
      publicUrl: stack.baseUrl!,
      actionLinkMaxAgeSeconds: 3600,
    });
    const { actions: _a, ...data } = sampleData('task-assigned') as Record<string, unknown>;
    const sent = await notifications.sendEmail({
      idempotencyKey: `${taskId}:${approverId}:assigned:1`,
      to: { address: 'approver@customs.test', name: 'Б. Батбаяр' },
      language: 'mn',
      template: 'task-assigned',
      data,
      proposalId,
      actionLinks: { taskId, assigneeId: approverId, proposalId, choices: [{ action: 'approve' }, { action: 'reject' }] },
    });
    const mail = await smtp.waitFor((m) => m.messageId === sent.messageId);
    const rejectUrl = mail.html.match(/href="([^"]+\/api\/v1\/actions\/[A-Za-z0-9_-]{43})"[^>]*>Татгалзах</)![1];

    const page = await browser.newPage({ locale: 'mn-MN' });
    try {
      await page.goto(rejectUrl);
      await page.getByRole('heading', { name: /Шийдвэрээ баталгаажуулна уу: Татгалзах/ }).waitFor();
      expect(await page.textContent('main')).toContain('Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай');
      await screenshot(page, 'action-link-confirm-reject');

      // The comment is required: pressing the button without one submits nothing.
      const button = page.getByRole('button', { name: /Баталгаажуулах: Татгалзах/ });
      await button.click();
      // (the page's own constraint validation; `validity` typed loosely: the test compiles without DOM types)
      expect(await page.locator('textarea#comment').evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
      expect(await stack.decisions.decisions(taskId)).toEqual([]);

      await page.fill('textarea#comment', 'Санхүүгийн тооцоо дутуу байна.');
      await Promise.all([page.waitForURL(rejectUrl), button.click()]);
      await page.getByRole('heading', { name: /Шийдвэр бүртгэгдлээ/ }).waitFor();
      expect(await page.textContent('main')).toContain('Decision recorded');
      const donePath = await screenshot(page, 'action-link-done');
      expect(existsSync(donePath)).toBe(true);
      expect(await stack.decisions.decisions(taskId)).toEqual([
        expect.objectContaining({ action: 'reject', actor_id: approverId, comment: 'Санхүүгийн тооцоо дутуу байна.' }),
      ]);

      // Following the link again, and the approve link of the same task, changes nothing and says why.
      await page.goto(rejectUrl);
      await page.getByRole('heading', { name: /Энэ холбоосыг аль хэдийн ашигласан/ }).waitFor();
      const approveUrl = mail.html.match(/href="([^"]+\/api\/v1\/actions\/[A-Za-z0-9_-]{43})"[^>]*>Батлах</)![1];
      await page.goto(approveUrl);
      await page.getByRole('heading', { name: /Энэ даалгаврын шийдвэр аль хэдийн гарсан/ }).waitFor();
      await screenshot(page, 'action-link-already-decided');
      expect(await stack.decisions.decisions(taskId)).toHaveLength(1);
    } finally {
      await page.close();
    }
  });
});
