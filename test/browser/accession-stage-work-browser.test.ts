import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { addDays, entryIntoForceDate, formatUlaanbaatarDateTime, REVISED_KYOTO_CONVENTION, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { launchBrowser, listen, rename, screenshot, signIn } from '../support/browser';
import { createUserAndLogin, SignedInUser } from '../support/users';

jest.setTimeout(240_000);

const today = () => ulaanbaatarDate(new Date());
type Task = { id: string; role: string; kind: string; status: string; assigneeId: string | null };
type Remark = { id: string; body: string; remarks: string; replyDeadline: string | null; recordedAt: string; response: string | null; respondedBy: string | null };
type Item = { id: string; title: string; ownerId: string; dueDate: string; status: string; completedBy: string | null };


/**
 * An officer does an accession proposal's stage work in the web app against the real API, worker, Temporal and
 * PostgreSQL: coordination remarks, the Cabinet and Parliament outcomes, the deposit, implementation action items
 * (completed by a colleague), and a withdrawal. The approvals in between go through the HTTP API.
 */
describe('accession stage work in the browser', () => {
  let stack: AccordStack;
  let browser: Browser;
  let page: Page;
  let base: string;
  let owner: SignedInUser, colleague: SignedInUser, head: SignedInUser, lawyer: SignedInUser, deputy: SignedInUser, chief: SignedInUser;
  let id: string;
  const tag = Math.random().toString(36).slice(2, 8);
  const title = `Accession to the Revised Kyoto Convention ${tag}`;
  const depositDate = addDays(today(), -7);
  const expectedEif = entryIntoForceDate(REVISED_KYOTO_CONVENTION.entryIntoForce, depositDate);

  const proposal = async (pid = id) => (await owner.http.get(`/api/v1/proposals/${pid}`).expect(200)).body;
  const post = (who: SignedInUser, pid: string, path: string, body: Record<string, unknown> = {}) => who.http.post(`/api/v1/proposals/${pid}/${path}`).send({ requestId: randomUUID(), ...body });
  const upload = (pid: string, kind: string) =>
    owner.http.post(`/api/v1/proposals/${pid}/documents`).field('kind', kind).field('requestId', randomUUID()).attach('file', Buffer.from(`${kind} ${tag}`), { filename: `${kind}.pdf`, contentType: 'application/pdf' }).expect(201);
  /** The read model has caught up with the workflow (the timeline holds every event it reported). */
  const settled = (x: { live: { eventSeq: number } | null; timeline: unknown[] }) => !!x.live && x.timeline.length === x.live.eventSeq;

  async function approveAs(pid: string, who: SignedInUser, role: string) {
    const p = await eventually(() => proposal(pid), (x) => settled(x) && x.tasks.some((t: Task) => t.status === 'open' && t.role === role && t.assigneeId));
    const task = p.tasks.find((t: Task) => t.status === 'open' && t.role === role);
    expect(task.assigneeId).toBe(who.id);
    await post(who, pid, 'decisions', { taskId: task.id, decision: 'approve' }).expect(200);
  }

  async function create(titleEn: string): Promise<string> {
    const res = await owner.http.post('/api/v1/proposals').send({ kind: 'accession', titleEn, titleMn: `Киотогийн шинэчилсэн конвенцид нэгдэх ${tag}`, conventionCode: 'RKC', requestId: randomUUID() }).expect(201);
    return res.body.id;
  }

  beforeAll(async () => {
    stack = await startAccordStack();
    base = await listen(stack);
    chief = await createUserAndLogin(stack, ['commissioner_general']);
    deputy = await createUserAndLogin(stack, ['deputy_commissioner'], { supervisorId: chief.id });
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id });
    lawyer = await createUserAndLogin(stack, ['legal'], { supervisorId: deputy.id });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
    colleague = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
    await rename(stack, owner, `Temuulen Batbold ${tag}`, `Тэмүүлэн Батболд ${tag}`);
    await rename(stack, colleague, `Nomin Ganbold ${tag}`, `Ганболдын Номин ${tag}`);

    // Created and taken to COORDINATION through the API: draft, translation, research.
    id = await create(title);
    await upload(id, 'convention_text');
    await post(owner, id, 'submit').expect(200);
    await upload(id, 'translation');
    await post(owner, id, 'complete-stage').expect(200);
    await approveAs(id, head, 'division_head');
    await upload(id, 'research_report');
    await post(owner, id, 'complete-stage').expect(200);
    await approveAs(id, head, 'division_head');
    await eventually(proposal, (x) => x.stage === 'COORDINATION' && settled(x));

    browser = await launchBrowser();
    // Far from Ulaanbaatar on purpose: the page shows Ulaanbaatar times whatever the browser's zone.
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'America/Los_Angeles', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const text = (testId: string) => page.getByTestId(testId).innerText();
  const stage = (name: string) => page.getByTestId('detail-stage').filter({ hasText: name }).waitFor({ timeout: 20_000 });

  it('COORDINATION: records a remark with a reply deadline, answers it, downloads the comments table and completes the stage', async () => {
    await signIn(page, base, owner);
    await page.goto(`${base}/app/proposals/${id}`);
    await page.getByTestId('detail-title').filter({ hasText: title }).waitFor();
    await stage('Coordination with ministries');
    // Work of later stages is not offered yet.
    expect(await page.getByTestId('cabinet-outcome').count()).toBe(0);
    expect(await page.getByTestId('deposit-form').count()).toBe(0);
    expect(await text('remarks')).toContain('No remarks recorded yet.');
    // The forecast of entry into force is shown long before deposit.
    expect(await page.getByTestId('entry-into-force').getAttribute('data-status')).toBe('forecast');

    // A remark needs the body and the remarks: said next to each field before anything is sent.
    await page.getByTestId('save-remark').click();
    await page.getByTestId('error-remark-body').filter({ hasText: 'Required.' }).waitFor();
    expect(await page.locator('input[name=remark-body]').getAttribute('aria-invalid')).toBe('true');

    const deadline = addDays(today(), 14);
    await page.locator('input[name=remark-body]').fill('Ministry of Finance');
    await page.locator('textarea[name=remark-remarks]').fill('Estimate the budget impact of Specific Annex B');
    await page.locator('input[name=remark-replyDeadline]').fill(deadline);
    await page.getByTestId('save-remark').click();
    const row = page.getByTestId('remark-row').filter({ hasText: 'Ministry of Finance' });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain(deadline);
    expect(await row.innerText()).toContain('Estimate the budget impact of Specific Annex B');
    const recorded = await eventually(proposal, (x) => (x.details.remarks ?? []).length === 1);
    expect(recorded.details.remarks[0]).toMatchObject({ id: 'r1', body: 'Ministry of Finance', remarks: 'Estimate the budget impact of Specific Annex B', replyDeadline: deadline, response: null });
    // Recorded at: shown in Ulaanbaatar time, not the browser's.
    expect(await row.innerText()).toContain(formatUlaanbaatarDateTime(new Date((recorded.details.remarks[0] as Remark).recordedAt)));
    await screenshot(page, 'accession-01-remark-recorded');

    // Completing coordination with an unanswered remark is refused with the API's reason.
    await page.getByTestId('complete-stage').click();
    await page.getByTestId('action-panel').locator('.notice.error').filter({ hasText: 'response to Ministry of Finance' }).waitFor();

    await page.locator('textarea[name=response-r1]').fill('Estimate added to section 4 of the research report');
    await page.getByTestId('answer-r1').getByRole('button', { name: 'Save the answer' }).click();
    await row.filter({ hasText: 'Estimate added to section 4 of the research report' }).waitFor({ timeout: 20_000 });
    await row.filter({ hasText: `Answered by Temuulen Batbold ${tag}` }).waitFor();
    const answered = await eventually(proposal, (x) => !!x.details.remarks?.[0]?.response);
    expect(answered.details.remarks[0]).toMatchObject({ response: 'Estimate added to section 4 of the research report', respondedBy: owner.id });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('remarks-csv').click()]);
    expect(download.suggestedFilename()).toBe(`comments-${id}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('"Body / Байгууллага"');
    expect(csv).toContain(`"1","Ministry of Finance","Estimate the budget impact of Specific Annex B","${deadline}","Estimate added to section 4 of the research report"`);
    await screenshot(page, 'accession-02-remark-answered');

    await page.getByTestId('complete-stage').click();
    await stage('Internal approvals');
    const after = await eventually(proposal, (x) => x.stage === 'INTERNAL_REVIEW');
    expect(after.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['REMARK_RECORDED', 'REMARK_ANSWERED', 'WORK_COMPLETED']));
    // The comments table stays on the page, without the forms.
    expect(await page.getByTestId('record-remark').count()).toBe(0);
    expect(await text('remarks')).toContain('Ministry of Finance');
  });

  it('CABINET_REVIEW: a resolution dated in the future is refused next to the field (both languages), then the outcome is recorded', async () => {
    await approveAs(id, head, 'division_head');
    await approveAs(id, lawyer, 'legal');
    await approveAs(id, deputy, 'deputy_commissioner');
    await approveAs(id, chief, 'commissioner_general');
    await eventually(proposal, (x) => x.stage === 'CABINET_REVIEW' && settled(x));

    await page.reload();
    await stage('Cabinet review');
    const form = page.getByTestId('cabinet-outcome');
    await form.waitFor();
    await form.locator('input[name=resolutionNumber]').fill('217');
    await form.locator('input[name=resolutionDate]').fill(addDays(today(), 3));
    await page.getByTestId('save-cabinet-outcome').click();
    await page.getByTestId('error-resolutionDate').waitFor({ timeout: 20_000 });
    expect(await text('error-resolutionDate')).toBe('cannot be in the future');
    expect(await form.locator('input[name=resolutionDate]').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('input[name=resolutionDate]').getAttribute('aria-describedby')).toBe('error-resolutionDate');
    expect(await text('cabinet-outcome-result')).toBe('Please correct the fields marked in red.');
    await screenshot(page, 'accession-03-cabinet-date-refused-en');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('error-resolutionDate').filter({ hasText: 'ирээдүйн огноо байж болохгүй' }).waitFor();
    await page.getByRole('heading', { name: 'Засгийн газрын шийдвэр' }).waitFor();
    expect(await text('cabinet-outcome-result')).toBe('Улаанаар тэмдэглэсэн талбаруудыг засна уу.');
    await screenshot(page, 'accession-04-cabinet-date-refused-mn');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Cabinet outcome' }).waitFor();
    // The refusal changed nothing.
    const refused = await proposal();
    expect(refused).toMatchObject({ stage: 'CABINET_REVIEW' });
    expect(refused.details.cabinet).toBeNull();

    const resolutionDate = addDays(today(), -20);
    await form.locator('input[name=resolutionDate]').fill(resolutionDate);
    await page.getByTestId('save-cabinet-outcome').click();
    await stage('Parliament ratification');
    await page.getByTestId('cabinet-record').filter({ hasText: `Resolution No. 217 of ${resolutionDate}` }).waitFor();
    const approved = await eventually(proposal, (x) => x.stage === 'PARLIAMENT');
    expect(approved.details.cabinet).toMatchObject({ outcome: 'approved', resolutionNumber: '217', resolutionDate });
    expect(approved.timeline.map((e: { type: string }) => e.type)).toContain('CABINET_APPROVED');
  });

  it('PARLIAMENT: the law dated in the future is refused, then the ratification is recorded with annexes and a reservation', async () => {
    const form = page.getByTestId('parliament-outcome');
    await form.waitFor();
    // The General Annex binds every party: accepted with the convention, not a choice.
    const general = form.locator('input[name=annexesAccepted][value=GENERAL]');
    expect(await general.isChecked()).toBe(true);
    expect(await general.isDisabled()).toBe(true);
    await form.locator('input[name=annexesAccepted][value=A]').check();
    await form.locator('input[name=annexesAccepted][value=B]').check();
    await form.locator('textarea[name=reservations]').fill('Reservation to Recommended Practice 3 of Chapter 1 of Specific Annex B');
    await form.locator('input[name=lawNumber]').fill('XI-45');
    await form.locator('input[name=lawDate]').fill(addDays(today(), 1));
    await page.getByTestId('save-parliament-outcome').click();
    await page.getByTestId('error-lawDate').filter({ hasText: 'cannot be in the future' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'accession-05-parliament-date-refused');
    expect((await proposal()).stage).toBe('PARLIAMENT');

    const lawDate = addDays(today(), -10);
    await form.locator('input[name=lawDate]').fill(lawDate);
    await page.getByTestId('save-parliament-outcome').click();
    await stage('Deposit of the instrument');
    await page.getByTestId('parliament-record').filter({ hasText: `Law XI-45 of ${lawDate}` }).waitFor();
    expect(await page.getByTestId('annexes-accepted').locator('li').allInnerTexts()).toEqual([
      'General Annex',
      'Specific Annex A: Arrival of goods in a Customs territory',
      'Specific Annex B: Importation',
    ]);
    expect(await text('reservations')).toBe('Reservation to Recommended Practice 3 of Chapter 1 of Specific Annex B');
    await screenshot(page, 'accession-06-ratified');
    const ratified = await eventually(proposal, (x) => x.stage === 'DEPOSIT');
    expect(ratified.details).toMatchObject({
      parliament: { outcome: 'ratified', lawNumber: 'XI-45', lawDate },
      annexesAccepted: ['GENERAL', 'A', 'B'],
      reservations: ['Reservation to Recommended Practice 3 of Chapter 1 of Specific Annex B'],
      fields: { lawNumber: 'XI-45', cabinetResolutionNumber: '217' },
    });
  });

  it('DEPOSIT: the forecast before, the deposit date gives the fixed entry into force after', async () => {
    const form = page.getByTestId('deposit-form');
    await form.waitFor();
    const before = await proposal();
    expect(before.entryIntoForce).toMatchObject({ status: 'forecast', basis: 'if_deposited_today', depositDate: today() });
    expect(await text('deposit-forecast')).toBe(before.entryIntoForce.label.en);
    expect(await text('entry-into-force-date')).toBe(before.entryIntoForce.date);

    await form.locator('input[name=depositDate]').fill(depositDate);
    expect(await text('deposit-preview')).toBe(`Deposited on this date, the convention enters into force for Mongolia on ${expectedEif}.`);
    await screenshot(page, 'accession-07-deposit-form');
    await page.getByTestId('save-deposit').click();
    await stage('Implementation');
    await page.locator('[data-testid=entry-into-force][data-status=fixed]').waitFor({ timeout: 20_000 });
    expect(await text('entry-into-force-date')).toBe(expectedEif);
    expect(await text('entry-into-force-label')).toBe(`In force for Mongolia from ${expectedEif} (instrument deposited on ${depositDate}).`);
    expect(await text('deposit-record')).toBe(depositDate);
    await screenshot(page, 'accession-08-deposited');
    const deposited = await eventually(proposal, (x) => x.stage === 'IMPLEMENTATION');
    expect(deposited.details.deposit).toMatchObject({ depositDate, entryIntoForce: expectedEif });
    expect(deposited.entryIntoForce).toMatchObject({ status: 'fixed', basis: 'deposit', date: expectedEif, depositDate });
  });

  it('IMPLEMENTATION: the officer adds an action item for a colleague, who signs in and completes it', async () => {
    const form = page.getByTestId('add-action-item');
    await form.waitFor();
    const due = addDays(today(), 30);
    await form.locator('input[name=item-title]').fill('Amend the customs procedures regulation');
    await form.locator('input[name=item-owner]').fill(`nomin ganbold ${tag}`);
    await page.getByRole('button', { name: `Add Nomin Ganbold ${tag}` }).click();
    await page.getByTestId('item-owner-chosen').filter({ hasText: `Nomin Ganbold ${tag}` }).waitFor();
    await form.locator('input[name=item-dueDate]').fill(due);
    await page.getByTestId('save-action-item').click();
    const first = page.getByTestId('action-item-row').filter({ hasText: 'Amend the customs procedures regulation' });
    await first.waitFor({ timeout: 20_000 });
    // The holder's name comes from the people directory, a moment after the row.
    await first.getByTestId('item-holder').filter({ hasText: `Nomin Ganbold ${tag}` }).waitFor();
    expect(await first.innerText()).toContain(due);
    expect(await first.getByTestId('item-overdue').count()).toBe(0);

    // A second item, already past its due date, is flagged overdue.
    const late = addDays(today(), -2);
    await form.locator('input[name=item-title]').fill('Publish the notice of accession');
    await form.locator('input[name=item-owner]').fill(`temuulen batbold ${tag}`);
    await page.getByRole('button', { name: `Add Temuulen Batbold ${tag}` }).click();
    await form.locator('input[name=item-dueDate]').fill(late);
    await page.getByTestId('save-action-item').click();
    const second = page.getByTestId('action-item-row').filter({ hasText: 'Publish the notice of accession' });
    await second.waitFor({ timeout: 20_000 });
    expect(await second.getByTestId('item-overdue').innerText()).toBe('Overdue');
    await screenshot(page, 'accession-09-action-items');

    const planned = await eventually(proposal, (x) => (x.details.actionItems ?? []).length === 2);
    expect(planned.details.actionItems.map((i: Item) => [i.id, i.title, i.ownerId, i.dueDate, i.status])).toEqual([
      ['i1', 'Amend the customs procedures regulation', colleague.id, due, 'open'],
      ['i2', 'Publish the notice of accession', owner.id, late, 'open'],
    ]);

    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    try {
      const p = await ctx.newPage();
      await signIn(p, base, colleague);
      await p.goto(`${base}/app/proposals/${id}`);
      await p.getByTestId('detail-stage').filter({ hasText: 'Implementation' }).waitFor();
      // The colleague holds the first item only; the owner's forms are not theirs.
      await p.getByTestId('complete-item-i1').waitFor();
      expect(await p.getByTestId('complete-item-i2').count()).toBe(0);
      expect(await p.getByTestId('add-action-item').count()).toBe(0);
      expect(await p.getByTestId('withdraw').count()).toBe(0);
      await p.getByTestId('complete-item-i1').click();
      const row = p.getByTestId('action-item-row').filter({ hasText: 'Amend the customs procedures regulation' });
      await row.getByTestId('item-status').filter({ hasText: `Done` }).waitFor({ timeout: 20_000 });
      await row.getByTestId('item-status').filter({ hasText: `by Nomin Ganbold ${tag}` }).waitFor();
      await screenshot(p, 'accession-10-item-done-by-colleague');
    } finally {
      await ctx.close();
    }
    const done = await eventually(proposal, (x) => x.details.actionItems?.[0]?.status === 'done');
    expect(done.details.actionItems[0]).toMatchObject({ id: 'i1', status: 'done', completedBy: colleague.id });
    // Entry into force is still ahead and an item is open: implementation goes on.
    expect(done).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open' });
    expect(done.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['ACTION_ITEM_ADDED', 'ACTION_ITEM_COMPLETED']));
  });

  it('a second proposal: the draft is edited, then withdrawn with a reason from the page', async () => {
    const second = await create(`Accession to the Istanbul Convention ${tag}`);
    await page.goto(`${base}/app/proposals/${second}`);
    await stage('Draft');
    await page.getByTestId('edit-draft').locator('summary').click();
    await page.locator('input[name=draft-titleEn]').fill(`Accession to the ATA Convention ${tag}`);
    await page.locator('select[name=draft-conventionCode]').selectOption('ATA');
    await page.getByTestId('save-draft').click();
    await page.getByTestId('detail-title').filter({ hasText: `Accession to the ATA Convention ${tag}` }).waitFor({ timeout: 20_000 });
    const edited = await eventually(() => proposal(second), (x) => x.titleEn === `Accession to the ATA Convention ${tag}`);
    expect(edited.details.fields).toMatchObject({ conventionCode: 'ATA' });
    expect(edited.timeline.map((e: { type: string }) => e.type)).toContain('DRAFT_EDITED');

    await page.getByTestId('withdraw').locator('summary').click();
    await page.getByTestId('confirm-withdraw').click();
    await page.getByTestId('error-withdraw-reason').filter({ hasText: 'Give a reason' }).waitFor();
    expect((await proposal(second)).stage).toBe('DRAFT');
    await page.locator('textarea[name=withdraw-reason]').fill('Superseded by the regional agreement');
    await screenshot(page, 'accession-11-withdraw');
    await page.getByTestId('confirm-withdraw').click();
    await stage('Withdrawn');
    // Closed: no stage work is offered any more.
    expect(await page.getByTestId('withdraw').count()).toBe(0);
    expect(await page.getByTestId('edit-draft').count()).toBe(0);
    await screenshot(page, 'accession-12-withdrawn');
    const withdrawn = await eventually(() => proposal(second), (x) => x.stage === 'WITHDRAWN' && settled(x));
    expect(withdrawn).toMatchObject({ stage: 'WITHDRAWN', status: 'withdrawn' });
    expect(withdrawn.timeline.find((e: { type: string }) => e.type === 'WITHDRAWN')).toMatchObject({ comment: 'Superseded by the regional agreement', actorId: owner.id });
  });
});
