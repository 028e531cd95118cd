import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { importRegisterFile } from '../../apps/api/src/register/import/register-importer';
import { ProposalWorkflowGateway } from '../../libs/temporal';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { launchBrowser, screenshot } from '../support/browser';
import { createPrivateDatabase, PrivateDatabase } from '../support/private-database';
import { createUser, TestUser } from '../support/users';

jest.setTimeout(120_000);

/** The treaty register page in real Chromium: rows from an import, both languages, a filter. */
describe('treaty register page in the browser', () => {
  let db: PrivateDatabase;
  let stack: AccordStack;
  let browser: Browser;
  let page: Page;
  let base: string;
  let leader: TestUser;

  beforeAll(async () => {
    // A database of its own: the register lists every instrument, and other files complete accessions too.
    db = await createPrivateDatabase();
    stack = await startAccordStack({ env: { DATABASE_URL: db.url } });
    await stack.api.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(stack.api.getHttpServer().address() as AddressInfo).port}`;
    const owner = await createUser(stack, ['officer']);
    leader = await createUser(stack, ['leadership'], { language: 'mn' });
    const report = await importRegisterFile(
      { dataSource: stack.api.get(DataSource), workflows: async () => stack.api.get(ProposalWorkflowGateway) },
      join(__dirname, '..', 'fixtures', 'treaty-register', 'register.json'),
      { owner: owner.email },
    );
    expect(report.counts).toMatchObject({ created: 6, failed: 0 });
    await eventually(
      () => db.dataSource.query(`SELECT count(*)::int AS n FROM proposals WHERE kind = 'agreement' AND last_event_seq >= 1`),
      (r: Array<{ n: number }>) => r[0].n === 4,
      30_000,
    );
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'mn-MN', viewport: { width: 1366, height: 900 }, acceptDownloads: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await db?.drop();
  });

  it('shows conventions and bilateral instruments in Mongolian, then in English, and filters them', async () => {
    await page.goto(`${base}/app/`);
    await page.waitForURL(/\/app\/login/);
    await page.getByLabel(/Имэйл|Email/).fill(leader.email);
    await page.getByLabel(/Нууц үг|Password/).fill(leader.password);
    await page.getByRole('button', { name: /Нэвтрэх|Sign in/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/app/login'));

    await page.getByRole('link', { name: 'Гэрээний бүртгэл' }).click();
    await page.waitForURL(/\/app\/register/);
    await page.getByRole('heading', { name: 'Олон улсын гэрээний бүртгэл' }).waitFor();
    const rows = page.getByTestId('register-row');
    await rows.nth(5).waitFor();
    expect(await rows.count()).toBe(6);
    expect(await page.getByTestId('register-eif').allInnerTexts()).toEqual(['1993-01-01', '2007-04-01', '2008-10-01', '2010-02-01', '2012-04-18', '2019-06-19']);
    expect(await page.getByTestId('register-status').allInnerTexts()).toEqual(['Хүчин төгөлдөр', 'Хүчин төгөлдөр', 'Хүчин төгөлдөр', 'Цуцлагдсан', 'Хугацаа дууссан', 'Хүчин төгөлдөр']);
    expect(await rows.last().innerText()).toMatch(/БНХАУ-тай байгуулсан гаалийн хамтын ажиллагааны хэлэлцээр \(туршилт\)/);
    await screenshot(page, 'treaty-register-01-mn');

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Treaty register' }).waitFor();
    expect(await page.getByTestId('register-status').allInnerTexts()).toEqual(['In force', 'In force', 'In force', 'Terminated', 'Expired', 'In force']);
    expect(await rows.last().innerText()).toMatch(/Customs cooperation agreement with China \(fixture\)[\s\S]*Last day for notice of termination/);

    const form = page.getByRole('search');
    await form.locator('select[name=category]').selectOption('bilateral');
    await form.locator('input[name=inForceOn]').fill('2014-01-01');
    await form.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/category=bilateral&inForceOn=2014-01-01/);
    await page.getByTestId('register-count').filter({ hasText: '3 instruments' }).waitFor();
    expect(await page.getByTestId('register-eif').allInnerTexts()).toEqual(['2007-04-01', '2010-02-01', '2012-04-18']);
    await screenshot(page, 'treaty-register-02-en-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^accord-treaty-register-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
