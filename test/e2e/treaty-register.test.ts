import { Client } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { importRegisterFile } from '../../apps/api/src/register/import/register-importer';
import type { ProposalWorkflowGateway } from '../../libs/temporal';
import { ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { createPrivateDatabase, PrivateDatabase } from '../support/private-database';
import { SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUser, createUserAndLogin, SignedInUser, TestUser } from '../support/users';

jest.setTimeout(180_000);

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'treaty-register');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Entries of GET /register as the test reads them. */
interface Entry {
  id: string;
  category: string;
  title: { en: string; mn: string };
  stage: string;
  status: string;
  statusLabel: { en: string; mn: string };
  conventionCode: string | null;
  counterpartCountry: string | null;
  counterpartCountryName: { en: string; mn: string } | null;
  depositary: { en: string; mn: string } | null;
  depositDate: string | null;
  signatureDate: string | null;
  entryIntoForce: string | null;
  endDate: string | null;
  annexes: Array<{ code: string }>;
  reservations: string[];
  act: { number: string; date: string | null } | null;
  validity: { en: string; mn: string } | null;
  nextDeadline: { kind: string; date: string; label: { en: string; mn: string } } | null;
  imported: boolean;
}

/**
 * The register import and the treaty register on the real stack (API, worker, Temporal, PostgreSQL, SMTP), in a
 * database of this file's own so "nothing changed anywhere" can be checked table by table.
 */
describe('treaty register: import of existing instruments, and the register', () => {
  let db: PrivateDatabase;
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let owner: TestUser;
  let leader: SignedInUser;

  /** `npm run accord -- register:import ...` as an operator runs it, against this file's database and task queue. */
  function accord(args: string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'apps/api/src/cli/accord.cli.ts'), ...args], {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'silent', TS_NODE_PROJECT: join(root, 'tsconfig.json'), DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.on('exit', (code) => {
        clearTimeout(kill);
        resolve({ code, stdout, stderr });
      });
    });
  }

  const ds = () => db.dataSource;
  const count = async (sql: string, params: unknown[] = []) => Number((await ds().query(sql, params))[0].n);

  /** Every table's row count and a digest of its whole content. */
  async function snapshot(): Promise<Record<string, string>> {
    const tables: Array<{ table_name: string }> = await ds().query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      const [r] = await ds().query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table_name}" t`);
      out[table_name] = `${r.n}:${r.digest}`;
    }
    return out;
  }

  /** Waits until every agreement row has its workflow's IMPORTED event projected. */
  async function agreementsSettled(n: number) {
    return eventually(
      () => ds().query(`SELECT title_en, stage, status, workflow_status, last_event_seq FROM proposals WHERE kind = 'agreement' ORDER BY title_en`),
      (rows: Array<{ last_event_seq: number; workflow_status: string }>) => rows.length === n && rows.every((r) => r.last_event_seq >= 1 && r.workflow_status !== 'STARTING'),
      30_000,
    );
  }

  const register = async (query = '') => {
    const res = await leader.http.get(`/api/v1/register${query}`).expect(200);
    return res.body as { today: string; total: number; items: Entry[] };
  };

  beforeAll(async () => {
    db = await createPrivateDatabase();
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: { ...smtp.env(), DATABASE_URL: db.url } });
    owner = await createUser(stack, ['officer']);
    leader = await createUserAndLogin(stack, ['leadership'], { language: 'en' });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
    await db?.drop();
  });

  it('imports the file: conventions and bilateral instruments, each directly in its final state, with no email', async () => {
    const first = await accord(['register:import', '--file', join(fixtures, 'register.json'), '--owner', owner.email]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/register\.json\): 6 created, 0 resumed, 0 unchanged, 0 failed/);

    // Conventions: one accession row each, COMPLETED, no workflow, one IMPORTED event.
    const conventions = await ds().query(`SELECT id, stage, status, workflow_status, workflow_id, last_event_seq, owner_id FROM proposals WHERE kind = 'accession' ORDER BY workflow_id`);
    expect(conventions).toEqual([
      expect.objectContaining({ stage: 'COMPLETED', status: 'completed', workflow_status: 'IMPORTED', workflow_id: 'imported-accession-HS', last_event_seq: 1, owner_id: owner.id }),
      expect.objectContaining({ stage: 'COMPLETED', status: 'completed', workflow_status: 'IMPORTED', workflow_id: 'imported-accession-RKC', last_event_seq: 1, owner_id: owner.id }),
    ]);

    // Bilateral: each workflow starts in its final stage and records its IMPORTED event; open ones keep running.
    const agreements = await agreementsSettled(4);
    expect(agreements.map((r: Record<string, unknown>) => [r.title_en, r.stage, r.status, r.workflow_status])).toEqual([
      ['Capacity-building MoU with Korea (fixture)', 'EXPIRED', 'expired', 'COMPLETED'],
      ['Customs cooperation MoU with the United Kingdom (fixture)', 'TERMINATED', 'terminated', 'COMPLETED'],
      ['Customs cooperation agreement with China (fixture)', 'IN_FORCE', 'open', 'RUNNING'],
      ['Customs mutual assistance agreement with the United States (fixture)', 'IN_FORCE', 'open', 'RUNNING'],
    ]);
    const events = await ds().query(`SELECT p.kind, e.type, e.seq, e.to_stage FROM proposal_events e JOIN proposals p ON p.id = e.proposal_id ORDER BY p.kind, e.to_stage`);
    expect(events).toHaveLength(6);
    expect(events.every((e: { type: string; seq: number }) => e.type === 'IMPORTED' && e.seq === 1)).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM tasks`)).toBe(0);
    // The signed text came along as the agreement's document.
    const docs = await ds().query(`SELECT d.kind, d.version, d.file_name, d.content_type, d.uploaded_by FROM documents d`);
    expect(docs).toEqual([{ kind: 'signed_text', version: 1, file_name: 'signed-text-cn.txt', content_type: 'text/plain', uploaded_by: owner.id }]);

    // Nothing was sent, even after the workflows had a few seconds to do anything they would.
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.messages).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM email_messages`)).toBe(0);
  });

  it('lists conventions and bilateral instruments together, with the right dates, statuses and next deadline', async () => {
    const { today, total, items } = await register();
    expect(today).toBe(ulaanbaatarDate(new Date()));
    expect(total).toBe(6);
    // By entry into force, oldest first.
    expect(items.map((e) => [e.category, e.conventionCode ?? e.counterpartCountry, e.entryIntoForce])).toEqual([
      ['convention', 'HS', '1993-01-01'], // deposit 1991-12-20: the 1 January 12-24 months later
      ['bilateral', 'US', '2007-04-01'], // first day of the second month after the last note (2007-02-12)
      ['convention', 'RKC', '2008-10-01'], // three months after deposit
      ['bilateral', 'GB', '2010-02-01'], // on signature
      ['bilateral', 'KR', '2012-04-18'],
      ['bilateral', 'CN', '2019-06-19'], // 30 days after the last note (2019-05-20)
    ]);
    const by = (code: string) => items.find((e) => (e.conventionCode ?? e.counterpartCountry) === code)!;

    expect(by('RKC')).toMatchObject({
      title: { en: 'Accession to the Revised Kyoto Convention', mn: 'Шинэчилсэн Киотогийн конвенцид нэгдэн орсон' },
      depositary: { en: expect.stringMatching(/World Customs Organization/), mn: expect.stringMatching(/Дэлхийн гаалийн байгууллагын/) },
      status: 'in_force',
      depositDate: '2008-07-01',
      signatureDate: null,
      annexes: [{ code: 'GENERAL' }, { code: 'B' }, { code: 'E' }],
      reservations: ['Specific Annex E, Chapter 1: Recommended Practice 7'],
      act: { number: 'RKC-law-fixture', date: '2008-05-22' },
      nextDeadline: null,
      imported: true,
    });
    expect(by('HS')).toMatchObject({ depositDate: '1991-12-20', annexes: [{ code: 'NOMENCLATURE' }], title: { en: 'Accession to the HS Convention (fixture)' } });

    // In force, renewing every five years unless notice six months before: the next notice deadline still ahead.
    let k = 1;
    const notice = (n: number) => `${2018 + 5 * n}-12-19`; // in force 2019-06-19: expiry every five years, notice six months before
    while (notice(k) < today) k++;
    expect(by('CN')).toMatchObject({
      status: 'in_force',
      signatureDate: '2019-03-04',
      endDate: null,
      counterpartCountryName: { en: 'China', mn: 'БНХАУ' },
      nextDeadline: { kind: 'notice_deadline', date: notice(k) },
    });
    expect(by('CN').validity!.en).toMatch(/renewed automatically for 5-year periods unless notice is given 6 months before expiry/);
    expect(by('GB')).toMatchObject({ status: 'terminated', signatureDate: '2010-02-01', endDate: '2015-07-10', nextDeadline: null, statusLabel: { en: 'Terminated', mn: 'Цуцлагдсан' } });
    expect(by('US')).toMatchObject({ status: 'in_force', signatureDate: '2006-10-05', endDate: null, nextDeadline: null, validity: { en: 'Until terminated', mn: 'Цуцлах хүртэл' } });
    expect(by('KR')).toMatchObject({ status: 'expired', endDate: '2015-04-18', nextDeadline: null });

    // The imported convention's detail page works without a workflow behind it.
    const detail = await leader.http.get(`/api/v1/proposals/${by('RKC').id}`).expect(200);
    expect(detail.body).toMatchObject({ stage: 'COMPLETED', live: null });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(['IMPORTED']);
  });

  it('filters by category, status, country, title text (either language) and in force on a date; sorts by entry into force', async () => {
    const codes = (r: { items: Entry[] }) => r.items.map((e) => e.conventionCode ?? e.counterpartCountry);
    expect(codes(await register('?category=convention'))).toEqual(['HS', 'RKC']);
    expect(codes(await register('?category=bilateral&status=in_force'))).toEqual(['US', 'CN']);
    expect(codes(await register('?status=terminated'))).toEqual(['GB']);
    expect(codes(await register('?counterpartCountry=cn'))).toEqual(['CN']);
    expect(codes(await register(`?q=${encodeURIComponent('санамж бичиг')}`))).toEqual(['GB', 'KR']);
    expect(codes(await register('?q=China'))).toEqual(['CN']);
    // On 1 January 2014 the HS, the US agreement, RKC, the UK MoU (until 2015-07-10) and the Korean MoU bound Mongolia.
    expect(codes(await register('?inForceOn=2014-01-01'))).toEqual(['HS', 'US', 'RKC', 'GB', 'KR']);
    expect(codes(await register('?inForceOn=2015-07-10'))).toEqual(['HS', 'US', 'RKC']);
    expect(codes(await register('?order=desc'))).toEqual(['CN', 'KR', 'GB', 'RKC', 'US', 'HS']);
    const bad = await leader.http.get('/api/v1/register?inForceOn=yesterday&status=valid').expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/inForceOn/);
    const filters = await leader.http.get('/api/v1/register/filters').expect(200);
    expect(filters.body.countries.map((c: { code: string }) => c.code)).toEqual(['CN', 'KR', 'GB', 'US']);
  });

  it('exports the filtered register as CSV and XLSX', async () => {
    const csv = await leader.http.get('/api/v1/register/export.csv?category=bilateral').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^"Category \/ Ангилал","Title \(EN\)/);
    expect(lines.find((l) => l.includes('China (fixture)'))).toMatch(/"In force".*"2019-03-04","2019-06-19"/);

    const xlsx = await leader.http.get('/api/v1/register/export.xlsx?status=terminated').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2);
    const header = (ws.getRow(1).values as string[]).slice(1);
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row[header.indexOf('Title (EN) / Гарчиг (англи)')]).toBe('Customs cooperation MoU with the United Kingdom (fixture)');
    expect(row[header.indexOf('Ends / Дуусах')]).toEqual(new Date('2015-07-10T00:00:00Z'));
  });

  it('a second import reports everything unchanged and changes nothing: no row, no workflow, no email', async () => {
    const client = stack.api.get(Client);
    const workflowIds: string[] = (await ds().query(`SELECT workflow_id FROM proposals WHERE kind = 'agreement'`)).map((r: { workflow_id: string }) => r.workflow_id);
    const runs = async () => Promise.all(workflowIds.map(async (id) => (await client.workflow.getHandle(id).describe()).runId));
    const runsBefore = await runs();
    const before = await snapshot();

    const again = await accord(['register:import', '--file', join(fixtures, 'register.json'), '--owner', owner.email]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 resumed, 6 unchanged, 0 failed/);
    expect(again.stdout.match(/ unchanged /g)).toHaveLength(6);

    expect(await snapshot()).toEqual(before);
    expect(await runs()).toEqual(runsBefore);
    expect(smtp.messages).toEqual([]);
  });

  it('refuses a file with bad records as a whole, naming each record, field and reason in both languages', async () => {
    const before = await snapshot();
    const bad = await accord(['register:import', '--file', join(fixtures, 'register-bad.json'), '--owner', owner.email]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/nothing was imported/);
    expect(bad.stderr).toMatch(/record 2 \(XYZ\) conventionCode: is not in the convention catalogue \(RKC, ISTANBUL, ATA, HS\) \/ конвенцийн жагсаалтад байхгүй/);
    expect(bad.stderr).toMatch(/record 2 \(XYZ\) depositDate: cannot be in the future/);
    expect(bad.stderr).toMatch(/record 3 \(KZ-interagency_mou-2010-01-01\) requiresRatification: an inter-agency MoU is not ratified \/ байгууллага хоорондын санамж бичгийг соёрхон баталдаггүй/);
    expect(bad.stderr).toMatch(/record 3 \(KZ-interagency_mou-2010-01-01\) entryIntoForce: 2010-02-01 disagrees with the entry-into-force clause \(on_signature\), which gives 2010-01-01/);
    expect(bad.stderr).toMatch(/record 4 \(UA-intergovernmental-2011-11-21\) renewalRule: renewalRule.validityYears must be a whole number from 1 to 100/);
    expect(bad.stderr).toMatch(/record 5 category: must be convention or bilateral/);
    expect(bad.stderr).not.toMatch(/record 1 /);
    expect(bad.stdout).toMatch(/0 created, 0 resumed, 0 unchanged, 4 failed/);
    // Not even the good record (the ATA Convention) was written; only the refusal is in the audit trail.
    const after = await snapshot();
    const { audit_events: auditAfter, ...restAfter } = after;
    const { audit_events: auditBefore, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(Number(auditAfter.split(':')[0])).toBe(Number(auditBefore.split(':')[0]) + 1);
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'cli.register_import' AND outcome = 'failure'`)).toBe(1);
  });

  it('reads CSV, and an import interrupted after storing a row finishes on the next run', async () => {
    // First run: Temporal refuses the start, as if the import had died between storing the row and starting it.
    const failing = { startBilateralAgreement: async () => { throw new Error('simulated: Temporal went away'); } } as unknown as ProposalWorkflowGateway;
    const interrupted = await importRegisterFile({ dataSource: stack.api.get(DataSource), workflows: async () => failing }, join(fixtures, 'register.csv'), { owner: owner.email });
    expect(interrupted.problems).toEqual([]);
    expect(interrupted.outcomes.map((o) => [o.key, o.outcome])).toEqual([
      ['ISTANBUL', 'created'],
      ['KZ-intergovernmental-2009-06-03', 'failed'],
    ]);
    expect(interrupted.outcomes[1].note).toMatch(/run the import again to finish/);
    const [stored] = await ds().query(`SELECT id, stage, last_event_seq, details FROM proposals WHERE create_request_id = 'import:KZ-intergovernmental-2009-06-03'`);
    expect(stored).toMatchObject({ stage: 'IN_FORCE', last_event_seq: 0 });
    expect(stored.details.fields).toMatchObject({ counterpartCountry: 'KZ', counterpartAuthority: 'State Revenue Committee, Ministry of Finance', entryIntoForce: '2009-11-25' });
    expect(stored.details.agreement.signature.signatories).toEqual([
      { party: 'mongolia', name: 'D. Dorj', title: 'Commissioner General' },
      { party: 'counterpart', name: 'A. Nur', title: 'Chairman' },
    ]);

    const resumed = await accord(['register:import', '--file', join(fixtures, 'register.csv'), '--owner', owner.email]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/0 created, 1 resumed, 1 unchanged, 0 failed/);
    await agreementsSettled(5);

    const { items } = await register('?counterpartCountry=KZ');
    let k = 1;
    const notice = (n: number) => `${2009 + 5 * n}-05-25`; // in force 2009-11-25; five-year periods, notice six months before
    while (notice(k) < ulaanbaatarDate(new Date())) k++;
    expect(items).toEqual([expect.objectContaining({ status: 'in_force', signatureDate: '2009-06-03', entryIntoForce: '2009-11-25', nextDeadline: expect.objectContaining({ kind: 'notice_deadline', date: notice(k) }) })]);
    const istanbul = (await register('?category=convention')).items.find((e) => e.conventionCode === 'ISTANBUL')!;
    expect(istanbul).toMatchObject({ depositDate: '2013-12-19', entryIntoForce: '2014-03-19', annexes: [{ code: 'A' }, { code: 'B.1' }, { code: 'B.2' }], act: { number: 'Law 45, on accession', date: '2013-11-08' } });
    await new Promise((r) => setTimeout(r, 2000));
    expect(smtp.messages).toEqual([]);
  });
});

/** `npm run seed:dev` (development only) fills the register with what Mongolia has acceded to and signed. */
describe('treaty register: the development seed', () => {
  let db: PrivateDatabase;
  let smtp: SmtpTestServer;
  let stack: AccordStack;

  beforeAll(async () => {
    db = await createPrivateDatabase();
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: { ...smtp.env(), DATABASE_URL: db.url } });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
    await db?.drop();
  });

  function seed(): Promise<CliResult> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'apps/api/src/cli/accord.cli.ts'), 'seed:dev'], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', TS_NODE_PROJECT: join(root, 'tsconfig.json'), DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('imports the three conventions and the bilateral instruments with the fifteen counterparts, once, with no email', async () => {
    const first = await seed();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/treaty-register\.seed\.json\): 20 created, 0 resumed, 0 unchanged, 0 failed/);
    await eventually(
      () => db.dataSource.query(`SELECT count(*)::int AS n FROM proposals WHERE kind = 'agreement' AND last_event_seq >= 1`),
      (r: Array<{ n: number }>) => r[0].n === 17,
      30_000,
    );
    const leader = await createUserAndLogin(stack, ['leadership']);
    const { items } = (await leader.http.get('/api/v1/register').expect(200)).body as { items: Entry[] };
    const conventions = items.filter((e) => e.category === 'convention');
    expect(conventions.map((e) => [e.conventionCode, e.status])).toEqual([
      ['HS', 'in_force'],
      ['RKC', 'in_force'],
      ['ISTANBUL', 'in_force'],
    ]);
    const inForce = items.filter((e) => e.category === 'bilateral' && e.status === 'in_force').map((e) => e.counterpartCountry);
    expect(new Set(inForce)).toEqual(new Set(['RU', 'CN', 'HU', 'KR', 'US', 'GB', 'KZ', 'BG', 'CZ', 'TR', 'UA', 'KG', 'IN', 'VN', 'NP']));
    expect(items.filter((e) => e.status === 'expired' || e.status === 'terminated')).toHaveLength(2);

    const again = await seed();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 resumed, 20 unchanged, 0 failed/);
    await new Promise((r) => setTimeout(r, 2000));
    expect(smtp.messages).toEqual([]);
  });
});
