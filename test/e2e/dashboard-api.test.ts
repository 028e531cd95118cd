import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ProposalProjectionRepository } from '../../libs/db';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { createProposal, dashboardPeople, DashboardPeople, finishTranslation, parseCsv, percentileCont, seedReadModel, seedTimelines, submitProposal, ulaanbaatarMonth } from '../support/dashboard-fixture';
import { startSmtpTestServer, SmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

const DAY = 86_400_000;

/** The dashboard's JSON API, exports and status report over a real stack (HTTP, Temporal, worker, PostgreSQL). */
describe('dashboard API', () => {
  let stack: AccordStack;
  let smtp: SmtpTestServer;
  let people: DashboardPeople;
  let outsider: SignedInUser;
  const tag = randomUUID().slice(0, 6);
  const ids: string[] = [];
  /** The proposal the division head decides (created by the approver test). */
  let approverProposal = '';
  const scope = () => `division=${people.division}`;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: smtp.env() });
    people = await dashboardPeople(stack);
    outsider = await createUserAndLogin(stack, ['officer'], { division: `elsewhere-${tag}` });
    for (const [i, word] of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'].entries()) {
      ids.push(await createProposal(stack, people.officer, { titleEn: `${word} convention ${tag}`, titleMn: `${['Альфа', 'Браво', 'Чарли', 'Дельта', 'Эхо'][i]} конвенц ${tag}` }));
    }
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  const overview = (who: SignedInUser, q = scope()) => who.http.get(`/api/v1/dashboard/overview?${q}`).expect(200);

  it('counts proposals by kind x stage for leadership, narrowed to a division', async () => {
    const res = await overview(people.leader);
    expect(res.body.countsByKindStage).toEqual([expect.objectContaining({ kind: 'accession', stage: 'DRAFT', count: 5, overdue: 0, stageName: { en: 'Draft', mn: 'Төсөл' } })]);
    expect(res.body.totals).toMatchObject({ openProposals: 5, closedProposals: 0, proposalsPastSla: 0 });
    expect(res.body.trips).toEqual({ available: true, departingThisMonth: 0, reportsDueThisMonth: 0 });
    // Organisation-wide: without the division, at least these five.
    const all = await overview(people.leader, '');
    expect(all.body.totals.openProposals).toBeGreaterThanOrEqual(5);
  });

  it('moves with the proposal: submitting changes the counts, the pipeline and the cycle times', async () => {
    await submitProposal(stack, people.officer, ids[0]);
    const res = await eventually(
      () => overview(people.leader),
      (r) => r.body.countsByKindStage.some((c: { stage: string }) => c.stage === 'TRANSLATION'),
    );
    const count = (stage: string) => res.body.countsByKindStage.find((c: { stage: string }) => c.stage === stage)?.count;
    expect([count('DRAFT'), count('TRANSLATION')]).toEqual([4, 1]);
    // The officer holds the work of each draft (submit) and now the translation of the first.
    expect(res.body.totals).toMatchObject({ openTasks: 5, overdueTasks: 0 });
    expect(res.body.openTasksByPerson).toEqual([{ person: expect.objectContaining({ id: people.officer.id }), open: 5, overdue: 0 }]);

    const pipeline = await people.leader.http.get(`/api/v1/dashboard/pipeline?${scope()}`).expect(200);
    const stages = pipeline.body.kinds[0].stages;
    expect(stages.map((s: { stage: string }) => s.stage)).toEqual(['DRAFT', 'TRANSLATION', 'RESEARCH', 'COORDINATION', 'INTERNAL_REVIEW', 'CABINET_REVIEW', 'PARLIAMENT', 'DEPOSIT', 'IMPLEMENTATION']);
    expect(stages.slice(0, 3).map((s: { onTime: number; overdue: number }) => [s.onTime, s.overdue])).toEqual([[4, 0], [1, 0], [0, 0]]);

    const cycles = await people.leader.http.get(`/api/v1/dashboard/cycle-times?${scope()}`).expect(200);
    expect(cycles.body.stages).toEqual([expect.objectContaining({ kind: 'accession', stage: 'DRAFT', samples: 1, name: { en: 'Draft', mn: 'Төсөл' } })]);
    expect(cycles.body.stages[0].medianDays).toBeGreaterThanOrEqual(0);
    expect(cycles.body.stages[0].medianDays).toBeLessThan(1);
    // A period before anything happened has no stays.
    const empty = await people.leader.http.get(`/api/v1/dashboard/cycle-times?${scope()}&from=2020-01-01&to=2020-12-31`).expect(200);
    expect(empty.body.stages).toEqual([]);
  });

  it('counts overdue tasks, proposals past their stage SLA, trips departing and reports due this month', async () => {
    // A division of its own, written straight into the read model: rows that count and rows that must not.
    const division = `${people.division}-figures`;
    const owner = await createUserAndLogin(stack, ['officer'], { division });
    const head = await createUserAndLogin(stack, ['division_head'], { division });
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    const month = ulaanbaatarMonth(now);
    const date = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const nextMonthFirst = date(month.end);
    const lastMonthLast = date(new Date(month.start.getTime() - DAY));
    const longAgo = date(new Date(month.start.getTime() - 40 * DAY));
    const id = await seedReadModel(stack, {
      division,
      ownerId: owner.id,
      tag,
      now,
      proposals: [
        { name: 'A1', kind: 'accession', stage: 'RESEARCH', dueAt: at(-10) }, // past its SLA
        { name: 'A2', kind: 'accession', stage: 'COORDINATION', dueAt: at(-3) }, // past its SLA
        { name: 'A3', kind: 'accession', stage: 'TRANSLATION', dueAt: at(20) },
        { name: 'A4', kind: 'accession', stage: 'COMPLETED', status: 'completed', dueAt: at(-30) }, // closed: no SLA any more
        { name: 'T1', kind: 'trip', stage: 'APPROVED', dueAt: null, departureDate: month.firstDay }, // departs this month
        { name: 'T2', kind: 'trip', stage: 'SUBMITTED', dueAt: at(3), departureDate: month.lastDay }, // departs this month
        { name: 'T3', kind: 'trip', stage: 'CANCELLED', status: 'cancelled', dueAt: null, departureDate: month.firstDay },
        { name: 'T4', kind: 'trip', stage: 'DRAFT', dueAt: null, departureDate: month.lastDay }, // not requested yet
        { name: 'T5', kind: 'trip', stage: 'APPROVED', dueAt: null, departureDate: nextMonthFirst },
        { name: 'T6', kind: 'trip', stage: 'IN_TRAVEL', dueAt: null, departureDate: lastMonthLast },
        { name: 'T7', kind: 'trip', stage: 'REJECTED', status: 'rejected', dueAt: null, departureDate: month.firstDay },
        { name: 'R1', kind: 'trip', stage: 'REPORT_DUE', dueAt: at(-2), departureDate: longAgo }, // report late: due and past SLA
        { name: 'R2', kind: 'trip', stage: 'REPORT_DUE', dueAt: new Date((now.getTime() + month.end.getTime()) / 2), departureDate: longAgo }, // due later this month
        { name: 'R3', kind: 'trip', stage: 'REPORT_DUE', dueAt: new Date(month.end.getTime() + 5 * DAY), departureDate: longAgo }, // due next month
      ],
      tasks: [
        { on: 'A1', assigneeId: head.id, kind: 'approval', dueAt: at(-5) },
        { on: 'A1', assigneeId: owner.id, kind: 'work', status: 'done', dueAt: at(-40) }, // done: never overdue
        { on: 'A2', assigneeId: owner.id, kind: 'work', dueAt: at(-1) },
        { on: 'A3', assigneeId: owner.id, kind: 'work', dueAt: at(10) },
        { on: 'R1', assigneeId: owner.id, kind: 'work', dueAt: at(-2) },
      ],
    });

    const res = await overview(people.leader, `division=${division}`);
    expect(res.body.totals).toEqual({ openProposals: 11, closedProposals: 3, proposalsPastSla: 3, openTasks: 4, overdueTasks: 3 });
    expect(res.body.trips).toEqual({ available: true, departingThisMonth: 2, reportsDueThisMonth: 2 });
    const counts = Object.fromEntries(res.body.countsByKindStage.map((c: { kind: string; stage: string; count: number; overdue: number }) => [`${c.kind}/${c.stage}`, [c.count, c.overdue]]));
    expect(counts).toEqual({
      'accession/TRANSLATION': [1, 0],
      'accession/RESEARCH': [1, 1],
      'accession/COORDINATION': [1, 1],
      'accession/COMPLETED': [1, 0],
      'trip/DRAFT': [1, 0],
      'trip/SUBMITTED': [1, 0],
      'trip/APPROVED': [2, 0],
      'trip/IN_TRAVEL': [1, 0],
      'trip/REPORT_DUE': [3, 1],
      'trip/CANCELLED': [1, 0],
      'trip/REJECTED': [1, 0],
    });
    // Most overdue first, with whole days overdue.
    expect(res.body.proposalsPastSla.items.map((p: { proposalId: string; daysOverdue: number; owner: { id: string } }) => [p.proposalId, p.daysOverdue, p.owner.id])).toEqual([
      [id.A1, 10, owner.id],
      [id.A2, 3, owner.id],
      [id.R1, 2, owner.id],
    ]);
    expect(res.body.proposalsPastSla.items[0]).toMatchObject({ kind: 'accession', stage: 'RESEARCH', division, title: { en: `A1 ${tag}` }, dueAt: at(-10).toISOString() });
    expect(res.body.overdueTasks.total).toBe(3);
    expect(res.body.overdueTasks.items.map((t: { proposalId: string; daysOverdue: number; assignee: { id: string } }) => [t.proposalId, t.daysOverdue, t.assignee.id])).toEqual([
      [id.A1, 5, head.id],
      [id.R1, 2, owner.id],
      [id.A2, 1, owner.id],
    ]);
    expect(res.body.openTasksByPerson.map((l: { person: { id: string }; open: number; overdue: number }) => [l.person.id, l.open, l.overdue])).toEqual([
      [owner.id, 3, 2],
      [head.id, 1, 1],
    ]);

    // The same rows through the pipeline, the list's overdue filter and a kind.
    const pipeline = await people.leader.http.get(`/api/v1/dashboard/pipeline?division=${division}`).expect(200);
    const onTimeOverdue = (kind: string, stage: string) => {
      const s = pipeline.body.kinds.find((k: { kind: string }) => k.kind === kind).stages.find((x: { stage: string }) => x.stage === stage);
      return [s.onTime, s.overdue];
    };
    expect([onTimeOverdue('accession', 'TRANSLATION'), onTimeOverdue('accession', 'RESEARCH'), onTimeOverdue('trip', 'REPORT_DUE'), onTimeOverdue('trip', 'APPROVED')]).toEqual([[1, 0], [0, 1], [2, 1], [2, 0]]);
    const late = await people.leader.http.get(`/api/v1/dashboard/proposals?division=${division}&overdue=true&sort=dueAt&order=asc`).expect(200);
    expect(late.body.items.map((r: { id: string }) => r.id)).toEqual([id.A1, id.A2, id.R1]);
    const accession = await overview(people.leader, `division=${division}&kind=accession`);
    expect(accession.body.totals).toEqual({ openProposals: 3, closedProposals: 1, proposalsPastSla: 2, openTasks: 3, overdueTasks: 2 });
    expect(accession.body.trips).toEqual({ available: false, departingThisMonth: null, reportsDueThisMonth: null });
    // An officer of another division sees none of these rows.
    expect((await overview(people.officer, `division=${division}`)).body.totals).toEqual({ openProposals: 0, closedProposals: 0, proposalsPastSla: 0, openTasks: 0, overdueTasks: 0 });
  });

  it('computes the median and 90th percentile days of each stage from the stays that ended in the period', async () => {
    const division = `${people.division}-cycles`;
    const owner = await createUserAndLogin(stack, ['officer'], { division });
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const draft = [1.5, 2.25, 3, 4.75, 6, 8.5, 10, 12.25, 15, 21];
    const translation = [5, 7.5, 9.25, 11, 14, 18.75, 22, 26.5, 29.75, 41.25];
    const old = [[5, 10], [7.25, 16.75], [9, 20.25], [12.75, 31]];
    const { stays } = await seedTimelines(stack, {
      division,
      ownerId: owner.id,
      tag,
      timelines: [
        // Ten proposals that went DRAFT -> TRANSLATION -> RESEARCH in the last two months.
        ...draft.map((d, n) => ({
          start: ago(d + translation[n] + 5 + n),
          stays: [{ stage: 'DRAFT', days: d }, { stage: 'TRANSLATION', days: translation[n] }, { stage: 'RESEARCH', days: 0 }],
        })),
        // Sent back from research to translation: two stays in TRANSLATION, one in RESEARCH.
        { start: ago(30), stays: [{ stage: 'DRAFT', days: 2 }, { stage: 'TRANSLATION', days: 3 }, { stage: 'RESEARCH', days: 4 }, { stage: 'TRANSLATION', days: 1.5 }, { stage: 'RESEARCH', days: 0 }] },
        // Moved in 2019, long before the default period (the last 90 days) and before anything else in the database.
        ...old.map(([d, t], n) => ({
          start: new Date(Date.UTC(2019, 2, 1) + n * 20 * DAY),
          stays: [{ stage: 'DRAFT', days: d }, { stage: 'TRANSLATION', days: t }, { stage: 'RESEARCH', days: 0 }],
        })),
      ],
    });
    expect(stays).toHaveLength(10 * 2 + 4 + 4 * 2);

    /** What the chart must say, computed here from the seeded stays: those that ended in [from, to). */
    const expected = (from: Date, to: Date) => {
      const round1 = (n: number) => Math.round(n * 10) / 10;
      const byStage = new Map<string, number[]>();
      for (const s of stays.filter((x) => x.leftAt >= from && x.leftAt < to)) {
        byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), (s.leftAt.getTime() - s.enteredAt.getTime()) / DAY]);
      }
      return ['DRAFT', 'TRANSLATION', 'RESEARCH']
        .filter((stage) => byStage.has(stage))
        .map((stage) => {
          const days = byStage.get(stage)!;
          return { kind: 'accession', stage, samples: days.length, medianDays: round1(percentileCont(days, 0.5)), p90Days: round1(percentileCont(days, 0.9)) };
        });
    };
    const shape = (body: { stages: Array<Record<string, unknown>> }) => body.stages.map(({ kind, stage, samples, medianDays, p90Days }) => ({ kind, stage, samples, medianDays, p90Days }));
    // Ulaanbaatar midnight (UTC+8) of a calendar date.
    const ubMidnight = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) - 8 * 3600_000);
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(ubMidnight(today).getTime() + DAY);

    // The default period: the last 90 Ulaanbaatar days, today included.
    const quarter = await people.leader.http.get(`/api/v1/dashboard/cycle-times?division=${division}`).expect(200);
    const quarterExpected = expected(new Date(ubMidnight(today).getTime() - 89 * DAY), tomorrow);
    expect(shape(quarter.body)).toEqual(quarterExpected);
    expect(quarterExpected.map((s) => [s.stage, s.samples])).toEqual([['DRAFT', 11], ['TRANSLATION', 12], ['RESEARCH', 1]]);
    // The figures themselves (worked by hand from the lists above, as a check on the check).
    expect(quarterExpected.map((s) => [s.medianDays, s.p90Days])).toEqual([[6, 15], [12.5, 29.4], [4, 4]]);
    expect(quarter.body.stages[1].name).toEqual({ en: 'Translation into Mongolian', mn: 'Монгол хэлнээ орчуулах' });

    // A longer period takes in the stays of 2019 too.
    const years = await people.leader.http.get(`/api/v1/dashboard/cycle-times?division=${division}&from=2019-01-01&to=${today}`).expect(200);
    const yearsExpected = expected(ubMidnight('2019-01-01'), tomorrow);
    expect(shape(years.body)).toEqual(yearsExpected);
    expect(yearsExpected.map((s) => [s.stage, s.samples, s.medianDays, s.p90Days])).toEqual([['DRAFT', 15, 7.3, 14.1], ['TRANSLATION', 16, 15.4, 30.4], ['RESEARCH', 1, 4, 4]]);
    // The whole organisation (no division: the chart leadership opens first, read another way) in 2019, when only
    // these proposals moved; by kind too.
    const y2019 = expected(ubMidnight('2019-01-01'), ubMidnight('2020-01-01'));
    expect(y2019.map((s) => [s.stage, s.samples, s.medianDays, s.p90Days])).toEqual([['DRAFT', 4, 8.1, 11.6], ['TRANSLATION', 4, 18.5, 27.8]]);
    expect(shape((await people.leader.http.get('/api/v1/dashboard/cycle-times?from=2019-01-01&to=2019-12-31').expect(200)).body)).toEqual(y2019);
    expect(shape((await people.leader.http.get('/api/v1/dashboard/cycle-times?kind=accession&from=2019-01-01&to=2019-12-31').expect(200)).body)).toEqual(y2019);
    expect((await people.leader.http.get('/api/v1/dashboard/cycle-times?kind=trip&from=2019-01-01&to=2019-12-31').expect(200)).body.stages).toEqual([]);
    // A kind with no stays, and a period between them, have none.
    expect((await people.leader.http.get(`/api/v1/dashboard/cycle-times?division=${division}&kind=trip`).expect(200)).body.stages).toEqual([]);
    expect((await people.leader.http.get(`/api/v1/dashboard/cycle-times?division=${division}&from=2020-01-01&to=2020-12-31`).expect(200)).body.stages).toEqual([]);
  });

  it('lists with filters, text search in both languages, sort and paging', async () => {
    const list = (q: string) => people.leader.http.get(`/api/v1/dashboard/proposals?${scope()}&${q}`).expect(200);
    const page1 = await list('sort=titleEn&order=asc&pageSize=2&page=1');
    expect(page1.body).toMatchObject({ total: 5, totalExact: true, page: 1, pageSize: 2 });
    expect(page1.body.items.map((r: { title: { en: string } }) => r.title.en)).toEqual([`Alpha convention ${tag}`, `Bravo convention ${tag}`]);
    const page3 = await list('sort=titleEn&order=asc&pageSize=2&page=3');
    expect(page3.body.items.map((r: { title: { en: string } }) => r.title.en)).toEqual([`Echo convention ${tag}`]);

    expect((await list('stage=DRAFT')).body.total).toBe(4);
    expect((await list('stage=TRANSLATION')).body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect((await list(`q=${encodeURIComponent('чарли')}`)).body.items.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect((await list('q=delta')).body.items.map((r: { id: string }) => r.id)).toEqual([ids[3]]);
    expect((await list(`ownerId=${people.officer.id}`)).body.total).toBe(5);
    expect((await list('overdue=true')).body.total).toBe(0);
    expect((await list('overdue=false')).body.total).toBe(5);
    expect((await list('from=2020-01-01&to=2020-12-31')).body.total).toBe(0);
    const row = (await list('q=alpha')).body.items[0];
    expect(row).toMatchObject({ stage: 'TRANSLATION', stageName: { en: 'Translation into Mongolian' }, owner: { id: people.officer.id }, division: people.division, overdue: false });

    const bad = await people.leader.http.get('/api/v1/dashboard/proposals?sort=owner&pageSize=1000').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['pageSize', 'sort']);
  });

  it('exports the filtered list as CSV and XLSX with the same rows', async () => {
    const q = `${scope()}&stage=DRAFT&sort=titleEn&order=asc`;
    const csv = await people.leader.http.get(`/api/v1/dashboard/proposals/export.csv?${q}`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="accord-proposals-\d{4}-\d{2}-\d{2}\.csv"/);
    // Every matching row is in it: nothing was cut.
    expect([csv.headers['x-accord-rows'], csv.headers['x-accord-truncated']]).toEqual(['4', 'false']);
    const rows = parseCsv(csv.text);
    expect(rows[0].slice(0, 3)).toEqual(['ID', 'Title (EN) / Гарчиг (англи)', 'Title (MN) / Гарчиг (монгол)']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Bravo', 'Charlie', 'Delta', 'Echo'].map((w) => `${w} convention ${tag}`));
    expect(rows[1][5]).toBe('Төсөл'); // the leader reads Mongolian

    const xlsx = await people.leader.http.get(`/api/v1/dashboard/proposals/export.xlsx?${q}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.worksheets[0];
    const titles: string[] = [];
    sheet.eachRow((r, n) => n > 1 && titles.push(String(r.getCell(2).value)));
    expect(titles).toEqual(rows.slice(1).map((r) => r[1]));
    expect(sheet.getRow(2).getCell(10).value).toBeInstanceOf(Date);
  });

  it('cuts an export at 50,000 rows and says so (X-Accord-Truncated, X-Accord-Rows); at exactly 50,000 nothing is cut', async () => {
    // 50,001 drafts of a division of their own, straight in the read model; removed again at the end.
    const division = `${people.division}-bulk`;
    const ds = stack.api.get(DataSource);
    try {
      await ds.query(
        `INSERT INTO proposals (id, kind, title_en, title_mn, owner_id, division, stage, status, workflow_id, definition_version, stage_entered_at, create_request_id, workflow_status)
         SELECT gen_random_uuid(), 'accession', 'Bulk ' || lpad(g::text, 5, '0'), 'Бөөн ' || g, $1, $2, 'DRAFT', 'open', 'bulk-' || $3 || '-' || g, 'accession-v1', now(), 'bulk:' || $3 || ':' || g, 'RUNNING'
           FROM generate_series(1, 50001) g`,
        [people.officer.id, division, tag],
      );
      const q = `division=${division}&sort=titleEn&order=asc`;
      const csv = await people.leader.http.get(`/api/v1/dashboard/proposals/export.csv?${q}`).expect(200);
      expect([csv.headers['x-accord-rows'], csv.headers['x-accord-truncated']]).toEqual(['50000', 'true']);
      const rows = parseCsv(csv.text);
      expect(rows.length - 1).toBe(50_000);
      // The first 50,000 in the list's order: the last one is left out.
      expect([rows[1][1], rows[50_000][1]]).toEqual(['Bulk 00001', 'Bulk 50000']);
      const xlsx = await people.leader.http.get(`/api/v1/dashboard/proposals/export.xlsx?${q}`).buffer(true).parse((res, cb) => {
        res.on('data', () => undefined);
        res.on('end', () => cb(null, null));
      }).expect(200);
      expect([xlsx.headers['x-accord-rows'], xlsx.headers['x-accord-truncated']]).toEqual(['50000', 'true']);

      // One fewer: exactly the limit, all of it, not cut.
      await ds.query(`DELETE FROM proposals WHERE division = $1 AND title_en = 'Bulk 50001'`, [division]);
      const exact = await people.leader.http.get(`/api/v1/dashboard/proposals/export.csv?${q}`).expect(200);
      expect([exact.headers['x-accord-rows'], exact.headers['x-accord-truncated']]).toEqual(['50000', 'false']);
    } finally {
      await ds.query(`DELETE FROM proposals WHERE division = $1`, [division]);
    }
  }, 120_000);

  it('shows one proposal with timeline, documents, tasks and emails, and prints its status report', async () => {
    const res = await people.leader.http.get(`/api/v1/dashboard/proposals/${ids[0]}`).expect(200);
    expect(res.body).toMatchObject({ id: ids[0], stage: 'TRANSLATION', owner: { id: people.officer.id }, stagePath: expect.arrayContaining([{ code: 'DRAFT', name: { en: 'Draft', mn: 'Төсөл' }, terminal: false }, expect.objectContaining({ code: 'COMPLETED', terminal: true })]) });
    const moves = res.body.timeline.filter((e: { type: string }) => e.type === 'STAGE_CHANGED');
    expect(moves).toEqual([expect.objectContaining({ fromStage: 'DRAFT', toStage: 'TRANSLATION', daysInStage: expect.any(Number), actor: expect.objectContaining({ id: people.officer.id }) })]);
    expect(res.body.documents).toEqual([expect.objectContaining({ kind: 'convention_text', version: 1, kindName: { en: 'Original convention text', mn: 'Конвенцийн эх бичвэр' } })]);
    expect(res.body.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ stage: 'TRANSLATION', status: 'open', assignee: expect.objectContaining({ id: people.officer.id }) })]));
    // The owner did everything so far and no one else has a task: nobody was emailed.
    expect(res.body.emails).toEqual([]);

    const en = await people.leader.http.get(`/api/v1/dashboard/proposals/${ids[0]}/report?lang=en`).expect(200);
    expect(en.headers['content-type']).toMatch(/^text\/html/);
    expect(en.text).toContain(`Alpha convention ${tag}`);
    expect(en.text).toContain('Translation into Mongolian');
    expect(en.text).toMatch(/Draft → Translation into Mongolian/);
    expect(en.text).not.toMatch(/<script/i);
    const mn = await people.leader.http.get(`/api/v1/dashboard/proposals/${ids[0]}/report`).expect(200);
    expect(mn.text).toContain('Саналын явцын тайлан');
    expect(mn.text).toContain('Монгол хэлнээ орчуулах');
  });

  it('applies the visibility rule: another division sees none of it', async () => {
    const o = await overview(outsider);
    expect(o.body.totals.openProposals).toBe(0);
    expect((await outsider.http.get(`/api/v1/dashboard/proposals?${scope()}`).expect(200)).body.total).toBe(0);
    await outsider.http.get(`/api/v1/dashboard/proposals/${ids[0]}`).expect(404);
    await outsider.http.get(`/api/v1/dashboard/proposals/${ids[0]}/report`).expect(404);
    await stack.http().get('/api/v1/dashboard/overview').expect(401);
    await stack.http().get('/api/v1/dashboard/proposals/export.csv').expect(401);
  });

  it('shows an officer their own tasks, soonest due first', async () => {
    const mine = await people.officer.http.get('/api/v1/dashboard/my-tasks').expect(200);
    // Soonest due first: the drafts (30-day SLA) before the translation (60 days).
    expect(mine.body.map((t: { stage: string }) => t.stage)).toEqual(['DRAFT', 'DRAFT', 'DRAFT', 'DRAFT', 'TRANSLATION']);
    expect(mine.body[4]).toMatchObject({ proposalId: ids[0], taskKind: 'work', actions: ['complete_work'], overdue: false, title: { en: `Alpha convention ${tag}` } });
    // The division head has nothing to decide yet.
    expect((await people.head.http.get('/api/v1/dashboard/my-tasks').expect(200)).body).toEqual([]);
  });

  it('shows an approver the approval task they hold, with its proposal, stage and due date, until they decide it', async () => {
    approverProposal = await createProposal(stack, people.officer, { titleEn: `Foxtrot convention ${tag}`, titleMn: `Фокстрот конвенц ${tag}` });
    const id = approverProposal;
    await submitProposal(stack, people.officer, id);
    const task = await finishTranslation(stack, people.officer, id);
    expect(task.assigneeId).toBe(people.head.id);

    const mine = await eventually(
      () => people.head.http.get('/api/v1/dashboard/my-tasks').expect(200),
      (r) => r.body.length > 0,
    );
    const detail = await people.head.http.get(`/api/v1/dashboard/proposals/${id}`).expect(200);
    // Due when the stage is: 60 days (the translation's SLA) after the proposal entered it.
    const due = new Date(new Date(detail.body.stageEnteredAt).getTime() + 60 * DAY).toISOString();
    expect(mine.body).toEqual([
      {
        taskId: task.id,
        proposalId: id,
        kind: 'accession',
        title: { en: `Foxtrot convention ${tag}`, mn: `Фокстрот конвенц ${tag}` },
        stage: 'TRANSLATION',
        stageName: { en: 'Translation into Mongolian', mn: 'Монгол хэлнээ орчуулах' },
        taskKind: 'approval',
        role: 'division_head',
        actions: ['approve', 'request_changes', 'reject'],
        onBehalfOf: null,
        openedAt: task.openedAt,
        dueAt: due,
        overdue: false,
      },
    ]);
    expect(task.dueAt).toBe(due);
    expect(detail.body.dueAt).toBe(due);
    // It is the head's to decide, not the owner's.
    expect((await people.officer.http.get('/api/v1/dashboard/my-tasks').expect(200)).body.map((t: { taskId: string }) => t.taskId)).not.toContain(task.id);

    await people.head.http.post(`/api/v1/proposals/${id}/decisions`).send({ requestId: randomUUID(), taskId: task.id, decision: 'approve' }).expect(200);
    const after = await eventually(
      () => people.head.http.get('/api/v1/dashboard/my-tasks').expect(200),
      (r) => r.body.length === 0,
    );
    expect(after.body).toEqual([]);
    const moved = await eventually(
      () => people.head.http.get(`/api/v1/dashboard/proposals/${id}`).expect(200),
      (r) => r.body.stage === 'RESEARCH',
    );
    expect(moved.body.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ id: task.id, status: 'done', decision: 'approve', assignee: expect.objectContaining({ id: people.head.id }) })]));
  });

  it('lists the emails a proposal got: recipient, subject and sent time, as the mail server received them', async () => {
    const id = approverProposal;
    const title = `Фокстрот конвенц ${tag}`; // both recipients read Mongolian
    type Email = { id: string; template: string; language: string; recipient: string; subject: string; status: string; createdAt: string; sentAt: string | null };
    // The head was asked to decide (task-assigned) and the owner told of the approval (owner-notification).
    const res = await eventually(
      () => people.leader.http.get(`/api/v1/dashboard/proposals/${id}`).expect(200),
      (r) => r.body.emails.length === 2 && r.body.emails.every((e: Email) => e.status === 'sent') && smtp.messages.filter((m) => m.subject.includes(title)).length === 2,
    );
    const emails: Email[] = res.body.emails;
    // Newest first.
    expect(emails.map(({ template, language, recipient, subject, status }) => ({ template, language, recipient, subject, status }))).toEqual([
      { template: 'owner-notification', language: 'mn', recipient: people.officer.email, subject: `Зөвшөөрсөн: ${title}`, status: 'sent' },
      { template: 'task-assigned', language: 'mn', recipient: people.head.email, subject: `Шийдвэр гаргах шаардлагатай: ${title}`, status: 'sent' },
    ]);
    // What the mail server received is what the page lists: the same messages (by Message-ID), recipients and
    // subjects, each sent when the server took it.
    const received = smtp.messages.filter((m) => m.subject.includes(title));
    const ds = stack.api.get(DataSource);
    const bare = (messageId: string) => messageId.replace(/^<|>$/g, '');
    for (const e of emails) {
      const [{ message_id: messageId }] = await ds.query(`SELECT message_id FROM email_messages WHERE id = $1 AND proposal_id = $2`, [e.id, id]);
      const mail = received.find((m) => bare(m.messageId) === bare(messageId));
      expect(mail).toBeDefined();
      expect([mail!.to, mail!.subject]).toEqual([[e.recipient], e.subject]);
      const sentAt = new Date(e.sentAt!).getTime();
      expect(sentAt).toBeGreaterThanOrEqual(new Date(e.createdAt).getTime());
      expect(Math.abs(sentAt - mail!.receivedAt.getTime())).toBeLessThan(2000);
    }
    expect(received).toHaveLength(2);
    // The emails route says the same; a proposal nobody was emailed about has none.
    expect((await people.leader.http.get(`/api/v1/dashboard/proposals/${id}/emails`).expect(200)).body).toEqual(emails);
    expect((await people.leader.http.get(`/api/v1/dashboard/proposals/${ids[1]}`).expect(200)).body.emails).toEqual([]);
  });

  it('keeps each stay of a proposal moving through its stages in proposal_stage_stays, once, for the cycle-time chart', async () => {
    // The approver test's proposal went DRAFT -> TRANSLATION -> RESEARCH through the real workflow and worker.
    const id = approverProposal;
    const ds = stack.api.get(DataSource);
    type Entry = { seq: number; type: string; fromStage: string | null; toStage: string | null; occurredAt: string };
    const timeline: Entry[] = (await people.leader.http.get(`/api/v1/dashboard/proposals/${id}`).expect(200)).body.timeline;
    const created = timeline.find((e) => e.type === 'CREATED')!;
    const moves = timeline.filter((e) => e.fromStage && e.toStage && e.fromStage !== e.toStage).sort((a, b) => a.seq - b.seq);
    expect(moves.map((m) => [m.fromStage, m.toStage])).toEqual([['DRAFT', 'TRANSLATION'], ['TRANSLATION', 'RESEARCH']]);
    const stays = () =>
      ds.query(`SELECT left_seq, kind, stage, entered_at, left_at, days FROM proposal_stage_stays WHERE proposal_id = $1 ORDER BY left_seq`, [id]) as Promise<
        Array<{ left_seq: number; kind: string; stage: string; entered_at: Date; left_at: Date; days: number }>
      >;
    const rows = await stays();
    // One stay per stage left (none yet for RESEARCH, where it is now), entered when the stage was, left with the move.
    expect(rows.map((r) => [r.left_seq, r.kind, r.stage, r.entered_at.toISOString(), r.left_at.toISOString()])).toEqual([
      [moves[0].seq, 'accession', 'DRAFT', created.occurredAt, moves[0].occurredAt],
      [moves[1].seq, 'accession', 'TRANSLATION', moves[0].occurredAt, moves[1].occurredAt],
    ]);
    for (const r of rows) expect(r.days).toBeCloseTo((r.left_at.getTime() - r.entered_at.getTime()) / DAY, 9);

    // A retried write of the move (the activity's retry after a lost answer) adds nothing and changes nothing.
    const [event] = await ds.query(`SELECT workflow_id, seq, type, from_stage, to_stage, occurred_at FROM proposal_events WHERE proposal_id = $1 AND seq = $2`, [id, moves[1].seq]);
    const again = await new ProposalProjectionRepository(ds).record({
      proposalId: id,
      workflowId: event.workflow_id,
      seq: event.seq,
      type: event.type,
      fromStage: event.from_stage,
      toStage: event.to_stage,
      occurredAt: new Date(event.occurred_at).toISOString(),
      snapshot: { stage: 'RESEARCH', status: 'open', workflowStatus: 'RUNNING', stageEnteredAt: new Date(event.occurred_at).toISOString(), dueAt: null, currentAssignees: [] },
    });
    expect(again.inserted).toBe(false);
    expect(await stays()).toEqual(rows);

    // The chart counts them: the division's TRANSLATION stage has this one stay.
    const cycles = await people.leader.http.get(`/api/v1/dashboard/cycle-times?${scope()}`).expect(200);
    const translation = cycles.body.stages.find((s: { stage: string }) => s.stage === 'TRANSLATION');
    expect(translation).toMatchObject({ kind: 'accession', samples: 1, medianDays: Math.round(rows[1].days * 10) / 10, p90Days: Math.round(rows[1].days * 10) / 10 });
    expect(cycles.body.stages.find((s: { stage: string }) => s.stage === 'DRAFT').samples).toBe(2); // Alpha's and this one's
  });

  it('remembers the language on the person, leadership included', async () => {
    await people.leader.http.put('/api/v1/dashboard/preferences').send({ language: 'en' }).expect(200, { language: 'en' });
    expect((await people.leader.http.get('/api/v1/auth/me').expect(200)).body.language).toBe('en');
    await people.leader.http.put('/api/v1/dashboard/preferences').send({ language: 'fr' }).expect(400);
    await people.leader.http.put('/api/v1/dashboard/preferences').send({ language: 'mn' }).expect(200);
  });

  it('keeps the weekly digest schedule (Monday 08:00 Ulaanbaatar) and lets only admins pause and resume it', async () => {
    const s = await people.admin.http.get('/api/v1/dashboard/digest-schedule').expect(200);
    expect(s.body).toMatchObject({ exists: true, paused: false });
    expect(s.body.nextRuns.length).toBeGreaterThan(0);
    for (const run of s.body.nextRuns) {
      const d = new Date(run);
      // Monday 08:00 in Ulaanbaatar (UTC+8) is Monday 00:00 UTC.
      expect([d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes()]).toEqual([1, 0, 0]);
    }
    await people.leader.http.get('/api/v1/dashboard/digest-schedule').expect(403);
    await people.officer.http.post('/api/v1/dashboard/digest-schedule/pause').send({}).expect(403);
    expect((await people.admin.http.post('/api/v1/dashboard/digest-schedule/pause').send({ note: 'Holiday week' }).expect(200)).body).toMatchObject({ paused: true, note: 'Holiday week' });
    expect((await people.admin.http.post('/api/v1/dashboard/digest-schedule/unpause').send({}).expect(200)).body.paused).toBe(false);
  });

  it('serves the web app under /app: a public shell and cached assets, data only through the API', async () => {
    await stack.http().get('/').expect(302).expect('Location', '/app/');
    const shell = await stack.http().get('/app/proposals/anything?stage=DRAFT').expect(200);
    expect(shell.headers['content-type']).toMatch(/^text\/html/);
    expect(shell.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/app\/assets\/app-[^"]+\.js)"/.exec(shell.text)![1];
    const asset = await stack.http().get(script).expect(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    await stack.http().get('/app/assets/../../package.json').expect(404);
    await stack.http().get('/app/assets/nothing.js').expect(404);
  });

  it('documents the dashboard endpoints in the OpenAPI document', async () => {
    const doc = await stack.http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/dashboard/overview',
        '/api/v1/dashboard/pipeline',
        '/api/v1/dashboard/cycle-times',
        '/api/v1/dashboard/proposals',
        '/api/v1/dashboard/proposals/export.csv',
        '/api/v1/dashboard/proposals/export.xlsx',
        '/api/v1/dashboard/proposals/{id}/report',
        '/api/v1/dashboard/digest-schedule/trigger',
      ]),
    );
  });
});
