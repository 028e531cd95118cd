import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { launchBrowser, listen, screenshot, signIn } from '../support/browser';
import { dashboardPeople, DashboardPeople, parseCsv } from '../support/dashboard-fixture';

jest.setTimeout(120_000);

/**
 * An export the server cuts at its limit (50,000 rows, X-Accord-Truncated) is not passed off as complete: the list
 * page says so, in the reader's language, and says nothing when the export holds every matching row.
 */
describe('export cut at the limit, in the browser', () => {
  let stack: AccordStack;
  let people: DashboardPeople;
  let browser: Browser;
  let page: Page;
  let base: string;
  let ds: DataSource;
  const tag = Math.random().toString(36).slice(2, 8);
  let division: string;

  beforeAll(async () => {
    stack = await startAccordStack({ worker: false });
    base = await listen(stack);
    people = await dashboardPeople(stack, { leaderLanguage: 'mn' });
    ds = stack.api.get(DataSource);
    division = `${people.division}-bulk`;
    // 50,001 drafts of a division of their own, straight in the read model: one more than an export holds.
    await ds.query(
      `INSERT INTO proposals (id, kind, title_en, title_mn, owner_id, division, stage, status, workflow_id, definition_version, stage_entered_at, create_request_id, workflow_status)
       SELECT gen_random_uuid(), 'accession', 'Bulk ' || lpad(g::text, 5, '0'), 'Бөөн ' || g, $1, $2, 'DRAFT', 'open', 'bulk-' || $3 || '-' || g, 'accession-v1', now(), 'bulk:' || $3 || ':' || g, 'RUNNING'
         FROM generate_series(1, 50001) g`,
      [people.officer.id, division, tag],
    );
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'mn-MN', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await ds?.query(`DELETE FROM proposals WHERE division = $1`, [division]).catch(() => undefined);
    await stack?.close();
  });

  async function exportCsv(): Promise<string[][]> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    return parseCsv(readFileSync((await download.path())!, 'utf8'));
  }

  it('tells the reader the export holds only the first 50,000 rows, in their language, and not when it holds them all', async () => {
    await signIn(page, base, people.leader);

    await page.goto(`${base}/app/proposals?division=${division}&sort=titleEn&order=asc`);
    await page.getByTestId('proposal-row').first().waitFor();
    expect(await page.getByTestId('export-truncated').count()).toBe(0);
    const rows = await exportCsv();
    expect(rows.length - 1).toBe(50_000);
    const notice = page.getByTestId('export-truncated');
    await notice.waitFor();
    expect(await notice.innerText()).toBe('Татсан файлд зөвхөн эхний 50,000 мөр орсон; үлдсэнийг татахын тулд шүүлтүүрээ нарийсгана уу.');
    expect(await notice.getAttribute('role')).toBe('alert');
    await screenshot(page, 'dashboard-13-export-truncated-mn');

    // In English, for the Excel export too.
    await page.getByTestId('language-switch').click();
    await page.getByRole('link', { name: 'Proposals' }).first().waitFor();
    await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    await page.getByTestId('export-truncated').filter({ hasText: 'The export holds the first 50,000 rows only; narrow the filters to export the rest.' }).waitFor();
    await screenshot(page, 'dashboard-14-export-truncated-en');

    // Narrowed to fewer rows than the limit, the export is whole and the notice goes.
    const search = page.getByRole('search');
    await search.locator('input[name=q]').fill('Bulk 0000');
    await search.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/q=Bulk/);
    await page.getByTestId('proposal-row').first().waitFor();
    const narrowed = await exportCsv();
    expect(narrowed.slice(1).map((r) => r[1])).toEqual(['Bulk 00001', 'Bulk 00002', 'Bulk 00003', 'Bulk 00004', 'Bulk 00005', 'Bulk 00006', 'Bulk 00007', 'Bulk 00008', 'Bulk 00009']);
    expect(await page.getByTestId('export-truncated').count()).toBe(0);
  });
});
