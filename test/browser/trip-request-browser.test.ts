import { randomUUID } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { addDays, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { launchBrowser, listen, rename, screenshot, signIn } from '../support/browser';
import { createUserAndLogin, SignedInUser } from '../support/users';

jest.setTimeout(180_000);

const today = () => ulaanbaatarDate(new Date());
type Task = { id: string; role: string; kind: string; status: string; assigneeId: string | null };


/** An officer requests an overseas trip in the web app against the real API, worker, Temporal and PostgreSQL. */
describe('trip request in the browser', () => {
  let stack: AccordStack;
  let browser: Browser;
  let page: Page;
  let base: string;
  let officer: SignedInUser, colleague: SignedInUser, head: SignedInUser;
  let tripId: string;
  const tag = Math.random().toString(36).slice(2, 8);
  const eventName = `WCO Council ${tag}`;

  beforeAll(async () => {
    stack = await startAccordStack();
    base = await listen(stack);
    const deputy = await createUserAndLogin(stack, ['deputy_commissioner']);
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'en' });
    await createUserAndLogin(stack, ['finance'], { supervisorId: deputy.id });
    officer = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
    colleague = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    await rename(stack, officer, `Temuulen Batbold ${tag}`, `Тэмүүлэн Батболд ${tag}`);
    await rename(stack, colleague, `Saran Boldyn ${tag}`, `Болдын Саран ${tag}`);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const text = (testId: string) => page.getByTestId(testId).innerText();

  it('creates a trip from the form: fields refused by the API are shown next to them, in both languages', async () => {
    await signIn(page, base, officer);
    await page.getByRole('link', { name: 'New trip request' }).click();
    await page.waitForURL(/\/app\/trips\/new$/);
    await page.getByRole('heading', { name: 'New overseas trip request' }).waitFor();

    await page.locator('input[name=eventName]').fill(eventName);
    await page.locator('input[name=organiser]').fill('World Customs Organization');
    await page.locator('select[name=eventType]').selectOption('wco_council');
    await page.locator('input[name=country]').fill('be');
    expect(await page.locator('input[name=country]').inputValue()).toBe('BE');
    await page.getByTestId('country-name').filter({ hasText: 'Belgium' }).waitFor();
    await page.locator('input[name=city]').fill('Brussels');
    // Leaves in three days (later than the lead time, with no justification) and "returns" before leaving.
    await page.locator('input[name=departureDate]').fill(addDays(today(), 3));
    await page.locator('input[name=returnDate]').fill(addDays(today(), 1));

    // The person filling the form in is the first delegate; a colleague is found by name in the directory.
    expect(await text('delegates-chosen')).toContain(`Temuulen Batbold ${tag}`);
    await page.locator('input[name=delegates]').fill(`saran boldyn ${tag}`);
    await page.getByRole('button', { name: `Add Saran Boldyn ${tag}` }).click();
    await page.getByTestId('delegates-chosen').filter({ hasText: `Saran Boldyn ${tag}` }).waitFor();

    // Two cost lines: the airfare from the administration's budget, the hotel paid by the host.
    await page.locator('select[name="costs[0].category"]').selectOption('airfare');
    await page.locator('input[name="costs[0].amount"]').fill('1500');
    await page.locator('input[name="costs[0].currency"]').fill('usd');
    await page.locator('select[name="costs[0].fundingSource"]').selectOption('administration_budget');
    await page.getByTestId('add-cost').click();
    await page.getByTestId('add-cost').click();
    expect(await page.getByTestId('cost-row').count()).toBe(3);
    await page.getByTestId('remove-cost').nth(2).click();
    expect(await page.getByTestId('cost-row').count()).toBe(2);
    await page.locator('select[name="costs[1].category"]').selectOption('accommodation');
    await page.locator('input[name="costs[1].amount"]').fill('800');
    await page.locator('select[name="costs[1].fundingSource"]').selectOption('host');

    await page.getByTestId('create-trip').click();
    await page.getByTestId('error-returnDate').waitFor();
    expect(await text('error-returnDate')).toBe('must not be before the departure date');
    expect(await text('error-lateJustification')).toMatch(/^is required: the request is later than 10 working days before departure/);
    expect(await page.locator('input[name=returnDate]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('input[name=returnDate]').getAttribute('aria-describedby')).toBe('error-returnDate');
    expect(await text('form-error')).toContain('Please correct the fields marked in red.');
    expect(page.url()).toMatch(/\/app\/trips\/new$/);
    await screenshot(page, 'trip-01-field-errors-en');

    // The same refusal in Mongolian: the trip rules give their reasons in both languages.
    await page.getByTestId('language-switch').click();
    await page.getByTestId('error-returnDate').filter({ hasText: 'явах өдрөөс өмнө байж болохгүй' }).waitFor();
    expect(await text('error-lateJustification')).toMatch(/^шаардлагатай: хүсэлтийг явахаас 10 ажлын өдрийн өмнө/);
    await page.getByRole('heading', { name: 'Гадаад томилолтын шинэ хүсэлт' }).waitFor();
    await screenshot(page, 'trip-02-field-errors-mn');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'New overseas trip request' }).waitFor();

    await page.locator('input[name=returnDate]').fill(addDays(today(), 6));
    await page.locator('textarea[name=lateJustification]').fill('The invitation arrived late');
    await screenshot(page, 'trip-03-form-filled');
    await page.getByTestId('create-trip').click();
    await page.waitForURL(/\/app\/proposals\/[0-9a-f-]{36}$/);
    tripId = page.url().split('/').pop()!;

    await page.getByTestId('detail-title').filter({ hasText: eventName }).waitFor();
    expect(await text('detail-stage')).toBe('Draft request');
    expect(await text('trip-event')).toContain('World Customs Organization');
    expect(await text('trip-destination')).toBe('Brussels, Belgium (BE)');
    expect(await text('trip-dates')).toContain(`${addDays(today(), 3)} – ${addDays(today(), 6)}`);
    expect(await text('trip-dates')).toContain('4 days');
    await page.getByTestId('trip-delegates').filter({ hasText: `Saran Boldyn ${tag}` }).waitFor();
    expect(await text('trip-delegates')).toBe(`Temuulen Batbold ${tag}, Saran Boldyn ${tag}`);
    expect(await text('trip-late')).toBe('The invitation arrived late');
    expect(await text('trip-cost-total')).toBe('2,300 USD');
    // 2,300 USD at the default 3,450 MNT: 7,935,000 MNT, of which 1,500 USD = 5,175,000 MNT from the budget.
    await page.getByTestId('trip-cost-mnt').filter({ hasText: '7,935,000' }).waitFor();
    expect(await text('trip-cost-mnt')).toContain('5,175,000');
    const route = await text('trip-route');
    expect(route).toMatch(/Division head[\s\S]*Finance[\s\S]*Deputy commissioner/);
    // With the reason for each step.
    expect(route).toContain("The administration's budget pays 1 cost line(s), 5,175,000 MNT in total.");
    await screenshot(page, 'trip-04-draft-detail');
  });

  it('uploads the invitation letter and submits; the API has the trip SUBMITTED with its route', async () => {
    const upload = page.getByTestId('upload-document');
    expect(await upload.locator('select[name=documentKind]').inputValue()).toBe('invitation_letter');
    // The report is handed in with its own form when it is due, not as a document here.
    expect(await upload.locator('select[name=documentKind] option').allInnerTexts()).toEqual(['Invitation letter', 'Other']);
    await page.getByTestId('document-file').setInputFiles({ name: 'invitation.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`Invitation ${tag}`) });
    await upload.locator('button[type=submit]').click();
    await page.getByTestId('documents').filter({ hasText: 'invitation.pdf' }).waitFor();
    expect(await text('documents')).toContain('Invitation letter v1: invitation.pdf');

    await page.getByTestId('submit-proposal').click();
    await page.getByTestId('detail-stage').filter({ hasText: 'Awaiting approval' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'trip-05-submitted');

    const trip = await eventually(
      async () => (await officer.http.get(`/api/v1/trips/${tripId}`).expect(200)).body,
      (x) => x.stage === 'SUBMITTED' && x.tasks.some((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId),
    );
    expect(trip).toMatchObject({ kind: 'trip', stage: 'SUBMITTED', status: 'open', ownerId: officer.id, titleEn: eventName });
    expect(trip.route.steps.map((s: { role: string }) => s.role)).toEqual(['division_head', 'finance', 'deputy_commissioner']);
    expect(trip.route.steps[1].reason.en).toMatch(/budget/i);
    expect(trip.route).toMatchObject({ totalCostMnt: 7_935_000, administrationBudgetMnt: 5_175_000 });
    expect(trip.details.trip).toEqual({
      event: { name: eventName, organiser: 'World Customs Organization', type: 'wco_council' },
      destination: { country: 'BE', city: 'Brussels' },
      departureDate: addDays(today(), 3),
      returnDate: addDays(today(), 6),
      delegateIds: [officer.id, colleague.id],
      costs: [
        { category: 'airfare', amount: 1500, currency: 'USD', fundingSource: 'administration_budget' },
        { category: 'accommodation', amount: 800, currency: 'USD', fundingSource: 'host' },
      ],
      lateJustification: 'The invitation arrived late',
    });
    expect(trip.documents.map((d: { kind: string; fileName: string }) => [d.kind, d.fileName])).toEqual([['invitation_letter', 'invitation.pdf']]);
    const task = trip.tasks.find((k: Task) => k.kind === 'approval' && k.status === 'open');
    expect(task).toMatchObject({ role: 'division_head', assigneeId: head.id });
  });

  it('the division head approves from the same page; the next approver on the route gets the task', async () => {
    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    try {
      const p = await ctx.newPage();
      await signIn(p, base, head);
      await p.goto(`${base}/app/proposals/${tripId}`);
      await p.getByTestId('trip-route').filter({ hasText: 'Finance' }).waitFor();
      // Approvers decide; the owner's trip actions are not theirs.
      expect(await p.getByTestId('trip-change').count()).toBe(0);
      expect(await p.getByTestId('trip-cancel').count()).toBe(0);
      await p.getByTestId('action-panel').getByRole('button', { name: 'Approve', exact: true }).click();
      // Decided: the task is done and the head has nothing left to do here.
      await p.getByTestId('action-panel').waitFor({ state: 'detached', timeout: 20_000 });
      await p.getByTestId('tasks').filter({ hasText: 'approve' }).waitFor();
      await screenshot(p, 'trip-06-approved-by-head');
    } finally {
      await ctx.close();
    }
    const next = await eventually(
      async () => (await officer.http.get(`/api/v1/trips/${tripId}`).expect(200)).body,
      (x) => x.tasks.some((k: Task) => k.kind === 'approval' && k.status === 'open' && k.role === 'finance'),
    );
    expect(next.tasks.find((k: Task) => k.role === 'division_head')).toMatchObject({ status: 'done', decision: 'approve' });
  });

  it('the owner changes the return date and then cancels the trip with a reason', async () => {
    await page.reload();
    await page.getByTestId('trip-change').locator('summary').click();
    const change = page.getByTestId('trip-change');
    expect(await change.locator('input[name=change-returnDate]').inputValue()).toBe(addDays(today(), 6));
    // A return before departure is refused next to the field, as on the request form.
    await change.locator('input[name=change-returnDate]').fill(addDays(today(), 2));
    await page.getByTestId('save-change').click();
    await page.getByTestId('error-change-returnDate').filter({ hasText: 'must not be before the departure date' }).waitFor();
    await change.locator('input[name=change-returnDate]').fill(addDays(today(), 7));
    await page.getByTestId('save-change').click();
    await page.getByTestId('change-outcome').filter({ hasText: 'Done.' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('trip-dates').filter({ hasText: addDays(today(), 7) }).waitFor();
    await screenshot(page, 'trip-07-changed');
    const changed = (await officer.http.get(`/api/v1/trips/${tripId}`).expect(200)).body;
    expect(changed.details.trip.returnDate).toBe(addDays(today(), 7));
    expect(changed.timeline.map((e: { type: string }) => e.type)).toContain('CHANGE_REQUESTED');

    await page.getByTestId('trip-cancel').locator('summary').click();
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('cancel-outcome').filter({ hasText: 'Give a reason' }).waitFor();
    await page.locator('textarea[name=cancel-reason]').fill('The meeting was postponed');
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('detail-stage').filter({ hasText: 'Cancelled' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'trip-08-cancelled');
    const cancelled = await eventually(
      async () => (await officer.http.get(`/api/v1/trips/${tripId}`).expect(200)).body,
      (x) => x.stage === 'CANCELLED' && !x.tasks.some((k: Task) => k.status === 'open'),
    );
    expect(cancelled).toMatchObject({ stage: 'CANCELLED', status: 'cancelled' });
    expect(cancelled.timeline.find((e: { type: string }) => e.type === 'CANCELLED')?.comment).toBe('The meeting was postponed');
  });
});

/**
 * The post-trip report, uploaded in the browser. One definition day lasts 1.5 s and trip dates run on that clock
 * from the request, so the trip departs, returns and is due its report within seconds.
 */
describe('trip report in the browser', () => {
  let stack: AccordStack;
  let browser: Browser;
  let base: string;
  let officer: SignedInUser, head: SignedInUser, deputy: SignedInUser;

  beforeAll(async () => {
    stack = await startAccordStack({ env: { ACCORD_WORKFLOW_DAY_MS: '1500', TRIP_LEAD_TIME_WORKING_DAYS: '0', TRIP_REPORT_DUE_WORKING_DAYS: '5' } });
    base = await listen(stack);
    deputy = await createUserAndLogin(stack, ['deputy_commissioner']);
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id });
    officer = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const trip = async (id: string) => (await officer.http.get(`/api/v1/trips/${id}`).expect(200)).body;

  it('offers the report form when the report is due; uploading it closes the trip', async () => {
    const title = `CAREC seminar ${randomUUID().slice(0, 6)}`;
    const created = await officer.http
      .post('/api/v1/trips')
      .send({
        event: { name: title, organiser: 'ADB CAREC', type: 'seminar' },
        destination: { country: 'KZ', city: 'Almaty' },
        departureDate: addDays(today(), 3),
        returnDate: addDays(today(), 4),
        delegateIds: [officer.id],
        costs: [{ category: 'per_diem', amount: 300, currency: 'USD', fundingSource: 'donor_project' }],
        requestId: randomUUID(),
      })
      .expect(201);
    const id: string = created.body.id;
    await officer.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'invitation_letter').field('requestId', randomUUID()).attach('file', Buffer.from('inv'), { filename: 'inv.pdf', contentType: 'application/pdf' }).expect(201);
    await officer.http.post(`/api/v1/trips/${id}/submit`).send({ requestId: randomUUID() }).expect(200);
    for (const approver of [head, deputy]) {
      const t = await eventually(() => trip(id), (x) => x.tasks.some((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId === approver.id));
      const task = t.tasks.find((k: Task) => k.kind === 'approval' && k.status === 'open' && k.assigneeId === approver.id);
      await approver.http.post(`/api/v1/trips/${id}/decisions`).send({ requestId: randomUUID(), taskId: task.id, decision: 'approve' }).expect(200);
    }
    await eventually(() => trip(id), (x) => x.stage === 'REPORT_DUE', 30_000);

    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    try {
      const p = await ctx.newPage();
      await signIn(p, base, officer);
      await p.goto(`${base}/app/proposals/${id}`);
      await p.getByTestId('detail-stage').filter({ hasText: 'Trip report due' }).waitFor();
      // Travelled: no change or cancellation any more, only the report (handed in with its own form).
      await p.getByTestId('trip-report').waitFor();
      expect(await p.getByTestId('trip-change').count()).toBe(0);
      expect(await p.getByTestId('trip-cancel').count()).toBe(0);
      expect(await p.getByTestId('upload-document').count()).toBe(0);
      await p.getByTestId('report-file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('What we learnt in Almaty') });
      await screenshot(p, 'trip-09-report-due');
      await p.getByTestId('upload-report').click();
      await p.getByTestId('detail-stage').filter({ hasText: 'Closed' }).waitFor({ timeout: 20_000 });
      await screenshot(p, 'trip-10-closed');
    } finally {
      await ctx.close();
    }
    const closed = await eventually(() => trip(id), (x) => x.stage === 'CLOSED' && x.documents.some((d: { kind: string }) => d.kind === 'trip_report'));
    expect(closed).toMatchObject({ stage: 'CLOSED', status: 'completed' });
    expect(closed.documents.find((d: { kind: string }) => d.kind === 'trip_report')).toMatchObject({ fileName: 'report.pdf' });
  });
});
