import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { launchBrowser, listen, screenshot, signIn as signInAt } from '../support/browser';
import { createProposal, dashboardPeople, DashboardPeople, finishTranslation, parseCsv, submitProposal } from '../support/dashboard-fixture';
import { DataSource } from 'typeorm';
import { createUser, TestUser } from '../support/users';
import { formatUlaanbaatarDate, formatUlaanbaatarDateTime } from '../../libs/domain';

jest.setTimeout(120_000);

const TITLES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];
const TITLES_MN = ['Альфа', 'Браво', 'Чарли', 'Дельта', 'Эхо', 'Фокстрот'];

/** The web app in real Chromium against the real stack: what leadership and officers see and do. */
describe('leadership dashboard in the browser', () => {
  let stack: AccordStack;
  let people: DashboardPeople;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const tag = Math.random().toString(36).slice(2, 8);
  const ids: string[] = [];

  beforeAll(async () => {
    stack = await startAccordStack();
    base = await listen(stack);
    people = await dashboardPeople(stack, { leaderLanguage: 'mn' });
    for (const [i, word] of TITLES.entries()) {
      ids.push(await createProposal(stack, people.officer, { titleEn: `${word} convention ${tag}`, titleMn: `${TITLES_MN[i]} конвенц ${tag}` }));
    }
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'mn-MN', timezoneId: 'Europe/Berlin', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const signIn = (p: Page, who: TestUser) => signInAt(p, base, who);

  const text = (testId: string) => page.getByTestId(testId).innerText();
  const chart = async (testId: string) => JSON.parse((await page.getByTestId(testId).getAttribute('data-chart'))!) as { labels: string[]; series: Array<{ label: string; data: number[] }> };

  it('signs leadership in and shows the counts for a division', async () => {
    await page.goto(`${base}/app/`);
    await page.waitForURL(/\/app\/login/);
    await screenshot(page, 'dashboard-01-login');
    await signIn(page, people.leader);
    await page.getByTestId('scope-division').selectOption(people.division);
    await page.waitForURL(new RegExp(`division=${people.division}`));
    await page.getByTestId('count-accession-DRAFT').filter({ hasText: '6' }).waitFor();
    expect(await text('kpi-open')).toBe('6');
    expect(await text('kpi-past-sla')).toBe('0');
    const pipeline = await chart('pipeline-accession');
    expect(pipeline.labels.slice(0, 2)).toEqual(['Төсөл', 'Монгол хэлнээ орчуулах']);
    expect(pipeline.series.map((s) => s.data.slice(0, 2))).toEqual([[6, 0], [0, 0]]);
    await screenshot(page, 'dashboard-02-overview');
  });

  it('follows a proposal moved through the API: counts and chart data change', async () => {
    await submitProposal(stack, people.officer, ids[0]);
    await page.getByTestId('refresh').click();
    await page.getByTestId('count-accession-TRANSLATION').filter({ hasText: '1' }).waitFor();
    expect(await text('count-accession-DRAFT')).toBe('5');
    const pipeline = await chart('pipeline-accession');
    expect(pipeline.series[0].data.slice(0, 2)).toEqual([5, 1]);
    // The draft's stay ended: the cycle-time chart now has the DRAFT stage.
    await page.getByTestId('cycle-times').waitFor();
    const cycles = await chart('cycle-times');
    expect(cycles.labels).toEqual(['Төсөл']);
    expect(cycles.series.map((s) => s.data.length)).toEqual([1, 1]);
    await screenshot(page, 'dashboard-03-overview-after-move');
  });

  it('filters, sorts and pages the list', async () => {
    await page.getByRole('link', { name: 'Саналууд' }).first().click();
    await page.waitForURL(/\/app\/proposals/);
    const form = page.getByRole('search');
    await form.locator('select[name=division]').selectOption(people.division);
    await form.locator('select[name=stage]').selectOption('DRAFT');
    await form.getByRole('button', { name: 'Хайх' }).click();
    await page.getByTestId('list-range').filter({ hasText: '5-аас 1–5' }).waitFor();
    expect(await page.getByTestId('proposal-row').count()).toBe(5);

    await page.locator('.list-meta select').selectOption('10');
    await page.getByRole('button', { name: /Гарчиг/ }).click(); // sort by title (Mongolian), descending first
    await page.waitForURL(/sort=titleMn/);
    await page.getByRole('button', { name: /Гарчиг/ }).click(); // ascending
    await page.waitForURL(/order=asc/);
    await page.getByTestId('proposal-row').first().filter({ hasText: `Браво конвенц ${tag}` }).waitFor();

    await page.goto(`${base}/app/proposals?division=${people.division}&stage=DRAFT&sort=titleEn&order=asc&pageSize=2`);
    await page.getByTestId('page-of').filter({ hasText: '3-аас 1-р хуудас' }).waitFor();
    const pageTitles = async () => (await page.getByTestId('proposal-row').allInnerTexts()).map((r) => r.split('\t')[0].trim());
    expect(await pageTitles()).toEqual([`Браво конвенц ${tag}`, `Чарли конвенц ${tag}`]);
    await page.getByTestId('page-next').click();
    await page.getByTestId('page-of').filter({ hasText: '3-аас 2-р хуудас' }).waitFor();
    expect(await pageTitles()).toEqual([`Дельта конвенц ${tag}`, `Эхо конвенц ${tag}`]);
    await page.getByTestId('page-next').click();
    await page.getByTestId('page-of').filter({ hasText: '3-аас 3-р хуудас' }).waitFor();
    expect(await pageTitles()).toEqual([`Фокстрот конвенц ${tag}`]);
    expect(await page.getByTestId('page-next').isDisabled()).toBe(true);

    // Text search in either language.
    await page.goto(`${base}/app/proposals?division=${people.division}`);
    await page.getByRole('search').locator('input[name=q]').fill('чарли');
    await page.getByRole('search').getByRole('button', { name: 'Хайх' }).click();
    await page.getByTestId('list-range').filter({ hasText: '1-аас 1–1' }).waitFor();
    await page.getByRole('search').locator('input[name=q]').fill(`Foxtrot convention ${tag}`);
    await page.getByRole('search').getByRole('button', { name: 'Хайх' }).click();
    await page.getByTestId('proposal-row').filter({ hasText: `Фокстрот конвенц ${tag}` }).waitFor();
    expect(await page.getByTestId('proposal-row').count()).toBe(1);
    await page.goto(`${base}/app/proposals?division=${people.division}&stage=DRAFT&sort=titleEn&order=asc&pageSize=2`);
    await page.getByTestId('proposal-row').first().waitFor();
    await screenshot(page, 'dashboard-04-proposals');
  });

  it('exports the filtered list as CSV with its rows', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^accord-proposals-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(rows[0][1]).toBe('Title (EN) / Гарчиг (англи)');
    // Every matching row (not just the page shown), in the list's order.
    expect(rows.slice(1).map((r) => r[1])).toEqual(TITLES.slice(1).map((w) => `${w} convention ${tag}`));
    expect(rows.slice(1).map((r) => r[5])).toEqual(Array(5).fill('Төсөл'));
    expect(rows.slice(1).every((r) => r[7] === people.division)).toBe(true);
  });

  it('opens a detail page with the stage timeline, documents and tasks, and its printable report', async () => {
    await page.goto(`${base}/app/proposals?division=${people.division}&stage=TRANSLATION`);
    await page.getByRole('link', { name: `Альфа конвенц ${tag}` }).click();
    await page.waitForURL(new RegExp(`/app/proposals/${ids[0]}$`));
    await page.getByTestId('detail-title').filter({ hasText: `Альфа конвенц ${tag}` }).waitFor();
    expect(await text('detail-stage')).toBe('Монгол хэлнээ орчуулах');
    expect(await page.locator('[data-testid=stage-path] li[aria-current=step]').innerText()).toContain('Монгол хэлнээ орчуулах');
    const timeline = await text('timeline');
    expect(timeline).toContain('Үүсгэсэн');
    expect(timeline).toContain('Төсөл → Монгол хэлнээ орчуулах');
    expect(await text('documents')).toContain('convention.pdf');
    // Ulaanbaatar wall time whatever the browser's zone (this context runs in Europe/Berlin).
    const api = await people.leader.http.get(`/api/v1/dashboard/proposals/${ids[0]}`).expect(200);
    expect(await page.locator('.facts').innerText()).toContain(formatUlaanbaatarDateTime(new Date(api.body.stageEnteredAt)));
    expect(await text('tasks')).toContain('Монгол хэлнээ орчуулах');
    await screenshot(page, 'dashboard-05-proposal-detail');

    const [report] = await Promise.all([context.waitForEvent('page'), page.getByTestId('print-report').click()]);
    await report.waitForLoadState();
    await report.getByText('Саналын явцын тайлан').first().waitFor();
    expect(await report.locator('h1').innerText()).toBe(`Альфа конвенц ${tag}`);
    await screenshot(report, 'dashboard-06-status-report');
    await report.close();
  });

  it('switches to English, remembered on the person', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('link', { name: 'Proposals' }).first().waitFor();
    expect(await text('detail-stage')).toBe('Translation into Mongolian');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const me = await people.leader.http.get('/api/v1/auth/me').expect(200);
    expect(me.body.language).toBe('en');
    // A fresh load signs in again from the refresh cookie and keeps English.
    await page.reload();
    await page.getByTestId('detail-stage').filter({ hasText: 'Translation into Mongolian' }).waitFor();
    await page.goto(`${base}/app/?division=${people.division}`);
    await page.getByRole('heading', { name: 'Where every proposal stands' }).waitFor();
    expect((await chart('pipeline-accession')).labels[0]).toBe('Draft');
    await screenshot(page, 'dashboard-07-overview-en');
  });

  it('lets an officer see their tasks, create a proposal and submit it from the forms', async () => {
    const officerContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    const p = await officerContext.newPage();
    try {
      await signIn(p, people.officer);
      await p.goto(`${base}/app/tasks`);
      await p.getByTestId('my-tasks').waitFor();
      expect(await p.locator('[data-testid=my-tasks] tbody tr').count()).toBe(6);
      await screenshot(p, 'dashboard-08-my-tasks');

      await p.goto(`${base}/app/proposals/new`);
      await p.locator('input[name=titleEn]').fill(`Golf convention ${tag}`);
      await p.locator('input[name=titleMn]').fill(`Гольф конвенц ${tag}`);
      await p.locator('input[name=conventionCode]').fill('ata');
      await screenshot(p, 'dashboard-09-new-proposal');
      await p.locator('form button[type=submit]').click();
      await p.waitForURL(/\/app\/proposals\/[0-9a-f-]{36}$/);
      await p.getByTestId('action-panel').waitFor();
      await p.getByTestId('document-file').setInputFiles({ name: 'convention.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`ATA text ${tag}`) });
      await p.getByTestId('action-panel').locator('form button[type=submit]').click();
      await p.getByTestId('documents').filter({ hasText: 'convention.pdf' }).waitFor();
      await p.getByTestId('submit-proposal').click();
      await p.getByTestId('detail-stage').filter({ hasText: /Translation into Mongolian|Монгол хэлнээ орчуулах/ }).waitFor({ timeout: 20_000 });
      await screenshot(p, 'dashboard-10-submitted');
    } finally {
      await officerContext.close();
    }
  });
  it('lets an approver find their task under My tasks, approve it from the detail page, and see it leave', async () => {
    const id = await createProposal(stack, people.officer, { titleEn: `Hotel convention ${tag}`, titleMn: `Хотел конвенц ${tag}` });
    await submitProposal(stack, people.officer, id);
    const task = await finishTranslation(stack, people.officer, id);
    expect(task.assigneeId).toBe(people.head.id);
    const ctx = await browser.newContext({ locale: 'mn-MN', timezoneId: 'Europe/Berlin', viewport: { width: 1366, height: 900 } });
    const p = await ctx.newPage();
    try {
      await signIn(p, people.head);
      await p.getByRole('link', { name: 'Миний даалгавар' }).first().click();
      await p.waitForURL(/\/app\/tasks$/);
      const rows = p.locator('[data-testid=my-tasks] tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      const cells = await rows.first().locator('td').allInnerTexts();
      expect(cells[0]).toBe(`Хотел конвенц ${tag}`);
      expect(cells[1]).toBe('Монгол хэлнээ орчуулах');
      expect(cells[2]).toBe('Батлах · Хэлтсийн дарга');
      expect(cells[3]).toBe(formatUlaanbaatarDateTime(new Date(task.openedAt)));
      // Due in Ulaanbaatar time (this context runs in Europe/Berlin).
      expect(cells[4].trim()).toBe(formatUlaanbaatarDate(new Date(task.dueAt!)));
      await screenshot(p, 'dashboard-11-approver-my-tasks');

      await rows.first().getByRole('link', { name: `Хотел конвенц ${tag}` }).click();
      await p.waitForURL(new RegExp(`/app/proposals/${id}$`));
      // Whoever was emailed about it so far: the head, asked to decide.
      await p.getByTestId('emails').filter({ hasText: people.head.email }).waitFor();
      await p.getByTestId('action-panel').getByRole('button', { name: 'Зөвшөөрөх' }).click();
      await p.getByTestId('detail-stage').filter({ hasText: 'Судалгаа, үр нөлөөний шинжилгээ' }).waitFor({ timeout: 20_000 });
      const tasksPanel = await p.getByTestId('tasks').innerText();
      // The head's task, in words: role and decision as people read them, not the codes.
      expect(tasksPanel).toMatch(/Хэлтсийн дарга\t[^\t]+\tЗөвшөөрсөн/);
      expect(tasksPanel).not.toMatch(/division_head|\bapprove\b/);

      // The emails panel lists what the proposal was sent: the head's task and the owner's news of the approval,
      // recipient, subject and sent time (Ulaanbaatar), as the API has them.
      const api = await eventually(
        () => people.leader.http.get(`/api/v1/dashboard/proposals/${id}`).expect(200),
        (r) => r.body.emails.length === 2 && r.body.emails.every((e: { status: string }) => e.status === 'sent'),
      );
      const emails: Array<{ recipient: string; subject: string; sentAt: string }> = api.body.emails;
      expect(emails.map((e) => e.recipient)).toEqual([people.officer.email, people.head.email]);
      await p.reload();
      const emailRows = p.locator('[data-testid=emails] tbody tr');
      await emailRows.nth(1).waitFor();
      const shown = await Promise.all((await emailRows.all()).map((r) => r.locator('td').allInnerTexts()));
      expect(shown).toEqual(emails.map((e) => [e.recipient, e.subject, formatUlaanbaatarDateTime(new Date(e.sentAt))]));
      expect(shown.map((r) => r[1])).toEqual([`Зөвшөөрсөн: Хотел конвенц ${tag}`, `Шийдвэр гаргах шаардлагатай: Хотел конвенц ${tag}`]);
      await screenshot(p, 'dashboard-12-approved-detail-emails');

      await p.getByRole('link', { name: 'Миний даалгавар' }).first().click();
      await p.getByTestId('no-tasks').waitFor();
      expect(await p.locator('[data-testid=my-tasks]').count()).toBe(0);
    } finally {
      await ctx.close();
    }
  });

  it('a person whose password someone else set must choose their own before anything else', async () => {
    const newcomer = await createUser(stack, ['officer'], { language: 'en' });
    await stack.api.get(DataSource).query('UPDATE users SET must_change_password = true WHERE id = $1', [newcomer.id]);
    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    try {
      const p = await ctx.newPage();
      await signIn(p, newcomer);
      await p.getByRole('heading', { name: 'Choose your own password' }).waitFor();
      // Nothing of the app is shown while the password is someone else's.
      expect(await p.getByRole('link', { name: 'Proposals' }).count()).toBe(0);
      await p.getByLabel('Password you were given').fill(newcomer.password);
      await p.getByLabel('New password', { exact: true }).fill('Ulaanbaatar-Spring-2027');
      await p.getByLabel('New password again').fill('Ulaanbaatar-Spring-2028');
      await p.getByRole('button', { name: 'Save and continue' }).click();
      await expect(p.getByRole('alert').innerText()).resolves.toContain('The two new passwords differ.');
      await p.getByLabel('New password', { exact: true }).fill('short');
      await p.getByLabel('New password again').fill('short');
      await p.getByRole('button', { name: 'Save and continue' }).click();
      await expect(p.getByRole('alert').innerText()).resolves.toMatch(/at least 12/);
      await p.getByLabel('New password', { exact: true }).fill('Ulaanbaatar-Spring-2027');
      await p.getByLabel('New password again').fill('Ulaanbaatar-Spring-2027');
      await p.getByRole('button', { name: 'Save and continue' }).click();
      await p.getByRole('link', { name: 'Proposals' }).first().waitFor();
      await screenshot(p, 'dashboard-09-own-password-chosen');
      const [row] = await stack.api.get(DataSource).query('SELECT must_change_password FROM users WHERE id = $1', [newcomer.id]);
      expect(row.must_change_password).toBe(false);
    } finally {
      await ctx.close();
    }
  });
});
