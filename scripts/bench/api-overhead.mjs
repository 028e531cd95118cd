// `npm run bench:api`: what Accord adds on top of the Temporal call each action wraps. Starts its own stack on
// loopback (Temporal dev server in memory, a throwaway database, an SMTP sink, the real worker and API from dist/),
// then measures pairs, interleaved so machine noise hits both sides alike:
//   1. create a proposal through the API  vs  a bare client.workflow.start of the same workflow
//      submit through the API              vs  a bare executeUpdate of the same action
//   2. approve through the emailed action link (confirmation POST)  vs  a bare executeUpdate decide
// and reports p50/p95/p99 and the ratios, plus Temporal history events and PostgreSQL rows per proposal.
// Writes the figures to BENCHMARKS.md (section "api-overhead").
//
//   npm run bench:api -- --pairs 100 --no-build
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDependencies, freePort, killAllNow, repoRoot, say, startService, stopService, waitFor } from '../lib/process-tools.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const PAIRS = opt('pairs', 100);
const WARMUP = opt('warmup', 10);
const BUILD = !args.includes('--no-build');
// --probe: the API runs with scripts/bench/lib/api-probe.cjs preloaded and the run ends with where each measured
// request's time went (PostgreSQL statements, Temporal calls, the rest), per route.
const PROBE = args.includes('--probe');
const probeOut = join(repoRoot, 'artifacts', 'bench', 'api-overhead-probe');
const children = [];
let databaseUrl;
let smtpServer;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const stats = (xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) });
const timed = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

async function main() {
  ensureDependencies();
  const { default: pg } = await import('pg');
  const argon2 = (await import('argon2')).default;
  const { Client, Connection } = await import('@temporalio/client');
  const { SMTPServer } = await import('smtp-server');

  if (BUILD && spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  if (!existsSync(join(repoRoot, 'dist/apps/api/src/main.js'))) throw new Error('dist/ is missing: run without --no-build');

  // Mail sink: keeps every message's text so the approve scenario can follow the emailed links.
  const mails = [];
  smtpServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c) => (raw += c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.replace(/=\r?\n/g, '') });
        cb();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise((r) => smtpServer.listen(smtpPort, '127.0.0.1', r));

  const { ensureTemporalCli } = await import('../lib/temporal-cli.mjs');
  const { startTemporalDevServer } = await import('../lib/temporal-dev-server.mjs');
  const temporal = await startTemporalDevServer({ cli: await ensureTemporalCli(), port: await freePort(), quiet: true, name: 'temporal-bench' });
  children.push(temporal.child);

  const name = `accord_bench_api_${process.pid}`;
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/accord');
  const admin = new pg.Client({ connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  databaseUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const apiPort = await freePort();
  const taskQueue = `bench-${process.pid}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    JWT_SECRET: `bench-only-secret-${process.pid}-0123456789abcdef`,
    SMTP_PORT: String(smtpPort),
    API_PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    // The benchmark is one client on loopback: the per-address limits would measure the limiter, not Accord.
    RATE_LIMIT_WRITES: '100000/60s',
    RATE_LIMIT_ACTIONS: '100000/60s',
    RATE_LIMIT_LOGIN: '1000/60s',
  };
  if (spawnSync(process.execPath, ['dist/libs/db/cli/prepare-database.cli.js'], { cwd: repoRoot, env, stdio: 'inherit' }).status !== 0) throw new Error('migration failed');

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const password = `bench-${process.pid}-password`;
  const hash = await argon2.hash(password);
  const person = async (email, roles, supervisor = null) =>
    (
      await db.query(
        `INSERT INTO users (email, name_mn, name_latin, language, division, roles, supervisor_id, password_hash) VALUES ($1, $1, $1, 'en', 'bench', $2, $3, $4) RETURNING id`,
        [email, roles, supervisor, hash],
      )
    ).rows[0].id;
  const headId = await person('head@bench.test', ['division_head']);
  const ownerId = await person('officer@bench.test', ['officer'], headId);

  children.push(startService('worker', process.execPath, ['dist/apps/worker/src/main.js'], { env, quiet: true }));
  if (PROBE) mkdirSync(dirname(probeOut), { recursive: true });
  const api = startService('api', process.execPath, [...(PROBE ? ['-r', join(repoRoot, 'scripts/bench/lib/api-probe.cjs')] : []), 'dist/apps/api/src/main.js'], {
    env: PROBE ? { ...env, ACCORD_PROBE_OUT: probeOut } : env,
    quiet: true,
  });
  children.push(api);
  const url = `http://127.0.0.1:${apiPort}`;
  await waitFor('API', async () => (await fetch(`${url}/health`)).ok, { timeoutMs: 120000, child: api });
  const login = async (email) => (await (await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).json()).accessToken;
  const ownerToken = await login('officer@bench.test');
  const call = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const upload = async (id) => {
    const form = new FormData();
    form.set('kind', 'convention_text');
    form.set('requestId', randomUUID());
    form.set('file', new Blob(['text'], { type: 'application/pdf' }), 'text.pdf');
    const res = await fetch(`${url}/api/v1/proposals/${id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${ownerToken}` }, body: form });
    if (!res.ok) throw new Error(`upload: ${res.status}`);
  };

  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  const input = (proposalId) => ({ proposalId, kind: 'accession', ownerId, division: 'bench', definitionVersion: 'accession-v1', fields: { conventionCode: 'RKC' } });
  const bareProposal = async (proposalId) => {
    // The bare side still needs the row its activities write to, as the API would have made it.
    await db.query(
      `INSERT INTO proposals (id, kind, title_en, title_mn, owner_id, division, stage, workflow_id, definition_version, stage_entered_at, create_request_id)
       VALUES ($1, 'accession', 'bench', 'bench', $2, 'bench', 'DRAFT', $3, 'accession-v1', now(), $3)`,
      [proposalId, ownerId, `proposal-${proposalId}`],
    );
  };
  const update = (id, action) => client.workflow.getHandle(`proposal-${id}`).executeUpdate('proposalAction', { args: [{ requestId: randomUUID(), action }], updateId: randomUUID() });

  const results = { createApi: [], createBare: [], submitApi: [], submitBare: [], approveApi: [], approveBare: [] };
  const created = { api: [], bare: [] };
  say(`measuring ${PAIRS} interleaved pairs (after ${WARMUP} warm-up pairs)...`);
  for (let i = 0; i < PAIRS + WARMUP; i++) {
    const keep = i >= WARMUP;
    if (PROBE && i === WARMUP) {
      process.kill(api.pid, 'SIGWINCH'); // the probe forgets the warm-up
      await new Promise((r) => setTimeout(r, 500));
    }
    let apiId;
    const a = await timed(async () => {
      apiId = (await call('POST', '/api/v1/proposals', { kind: 'accession', titleEn: `Bench ${i}`, titleMn: `Бенч ${i}`, conventionCode: 'RKC', requestId: randomUUID() })).id;
    });
    const bareId = randomUUID();
    await bareProposal(bareId);
    const b = await timed(() => client.workflow.start('accessionProposal', { workflowId: `proposal-${bareId}`, taskQueue, args: [input(bareId)] }));
    await upload(apiId);
    await update(bareId, { type: 'attach_document', actor: { id: ownerId, roles: ['officer'] }, document: { kind: 'convention_text', documentId: randomUUID(), version: 1, fileName: 'text.pdf' } });
    const s1 = await timed(() => call('POST', `/api/v1/proposals/${apiId}/submit`, { requestId: randomUUID() }));
    const s2 = await timed(() => update(bareId, { type: 'submit', actor: { id: ownerId, roles: ['officer'] } }));
    if (keep) {
      results.createApi.push(a);
      results.createBare.push(b);
      results.submitApi.push(s1);
      results.submitBare.push(s2);
      created.api.push(apiId);
      created.bare.push(bareId);
    }
  }

  // Approve: both proposals reach the division head's translation acceptance; one is approved through the emailed
  // link (GET the confirmation page, then the POST a person's button sends), the other by a bare update.
  const translate = async (id, viaApi) => {
    if (viaApi) {
      const form = new FormData();
      form.set('kind', 'translation');
      form.set('requestId', randomUUID());
      form.set('file', new Blob(['t'], { type: 'application/pdf' }), 't.pdf');
      await fetch(`${url}/api/v1/proposals/${id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${ownerToken}` }, body: form });
      await call('POST', `/api/v1/proposals/${id}/complete-stage`, { requestId: randomUUID() });
    } else {
      await update(id, { type: 'attach_document', actor: { id: ownerId, roles: ['officer'] }, document: { kind: 'translation', documentId: randomUUID(), version: 1, fileName: 't.pdf' } });
      await update(id, { type: 'complete_work', actor: { id: ownerId, roles: ['officer'] } });
    }
  };
  for (let i = 0; i < created.api.length; i++) {
    const apiId = created.api[i];
    const bareId = created.bare[i];
    await translate(apiId, true);
    await translate(bareId, false);
    const mail = await waitForValue(() => mails.find((m) => m.raw.includes(apiId) && /actions\/[A-Za-z0-9_-]{20,}/.test(m.raw)));
    const token = mail.raw.match(/actions\/([A-Za-z0-9_-]{20,})/)[1];
    const bareTask = await waitForValue(async () => {
      const st = await client.workflow.getHandle(`proposal-${bareId}`).query('proposalState');
      return st.tasks.find((t) => t.status === 'open' && t.kind === 'approval' && t.assigneeId);
    });
    const page = await fetch(`${url}/api/v1/actions/${token}`);
    const html = await page.text();
    const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
    const cookie = page.headers.get('set-cookie').split(';')[0];
    results.approveApi.push(
      await timed(async () => {
        const res = await fetch(`${url}/api/v1/actions/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams({ csrf, comment: '' }) });
        if (res.status !== 200) throw new Error(`action POST: ${res.status}`);
      }),
    );
    results.approveBare.push(await timed(() => update(bareId, { type: 'decide', actor: { id: headId, roles: ['division_head'] }, taskId: bareTask.id, decision: 'approve' })));
  }

  // Cost per proposal: Temporal history events and PostgreSQL rows written so far for one API-driven proposal.
  const sample = created.api[0];
  const history = await client.workflow.getHandle(`proposal-${sample}`).fetchHistory();
  const rows = (await db.query(
    `SELECT (SELECT count(*) FROM proposal_events WHERE proposal_id = $1) + (SELECT count(*) FROM tasks WHERE proposal_id = $1)
          + (SELECT count(*) FROM documents WHERE proposal_id = $1) + (SELECT count(*) FROM email_messages WHERE proposal_id = $1) + 1 AS n`,
    [sample],
  )).rows[0].n;
  await db.end();
  if (PROBE) {
    process.kill(api.pid, 'SIGWINCH');
    await new Promise((r) => setTimeout(r, 1500));
    printProbe(JSON.parse(readFileSync(`${probeOut}.waits.json`, 'utf8')));
  }

  const line = (label, api, bare) => {
    const A = stats(api);
    const B = stats(bare);
    return `| ${label} | ${A.p50.toFixed(1)} / ${A.p95.toFixed(1)} / ${A.p99.toFixed(1)} | ${B.p50.toFixed(1)} / ${B.p95.toFixed(1)} / ${B.p99.toFixed(1)} | ${(A.p50 / B.p50).toFixed(2)}x | ${(A.p99 / B.p99).toFixed(2)}x |`;
  };
  const verdicts = () =>
    [
      ['create + submit', results.createApi.map((x, i) => x + results.submitApi[i]), results.createBare.map((x, i) => x + results.submitBare[i])],
      ['create alone', results.createApi, results.createBare],
      ['submit', results.submitApi, results.submitBare],
      ['approve', results.approveApi, results.approveBare],
    ]
      .map(([label, api, bare]) => {
        const A = stats(api);
        const B = stats(bare);
        return `${label} ${A.p50 / B.p50 <= 1.5 && A.p99 / B.p99 <= 2 ? '**met**' : '**not met**'}`;
      })
      .join(', ');
  const table = [
    '| Action | Accord p50 / p95 / p99 ms | bare Temporal p50 / p95 / p99 ms | ratio p50 | ratio p99 |',
    '| --- | --- | --- | ---: | ---: |',
    line('create + submit, one proposal (the two API calls vs start + executeUpdate)', results.createApi.map((x, i) => x + results.submitApi[i]), results.createBare.map((x, i) => x + results.submitBare[i])),
    line('create (API POST vs client.workflow.start)', results.createApi, results.createBare),
    line('submit (API POST vs executeUpdate)', results.submitApi, results.submitBare),
    line('approve (email action POST vs executeUpdate)', results.approveApi, results.approveBare),
  ].join('\n');
  // Every run adds a row (the latest ten are kept): one run on a shared 2-core machine is not the whole story.
  const file = join(repoRoot, 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const previousSection = /<!-- api-overhead:start -->[\s\S]*<!-- api-overhead:end -->/.exec(current)?.[0] ?? '';
  const ratio = (api, bare) => `${(stats(api).p50 / stats(bare).p50).toFixed(2)}x / ${(stats(api).p99 / stats(bare).p99).toFixed(2)}x`;
  const runRow = `| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | ${PAIRS} | ${ratio(results.createApi.map((x, i) => x + results.submitApi[i]), results.createBare.map((x, i) => x + results.submitBare[i]))} | ${ratio(results.createApi, results.createBare)} | ${ratio(results.submitApi, results.submitBare)} | ${ratio(results.approveApi, results.approveBare)} | ${stats(results.createBare).p50.toFixed(1)} ms |`;
  const runRows = [...previousSection.split('\n').filter((l) => /^\| 20\d\d-/.test(l)), runRow].slice(-10);
  const section = [
    '<!-- api-overhead:start -->',
    '## What Accord adds to each Temporal call (issue 10)',
    '',
    `Command: \`npm run bench:api -- --pairs ${PAIRS}\`; run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores (${cpus()[0].model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    `${PAIRS} interleaved pairs after ${WARMUP} warm-up pairs, one client, sequential; API calls are full HTTP round trips with sign-in token checks, validation, the read-model insert (create) and the Temporal call; the bare side is the same Temporal call from a client in the benchmark process.`,
    '',
    table,
    '',
    `Per proposal after translation acceptance (one API-driven sample): ${history.events.length} Temporal history events, ${rows} PostgreSQL rows (read model, timeline, tasks, documents, email log).`,
    'Targets: at most 1.5x the bare call at p50 and 2x at p99. Create + submit adds, pair by pair, the two API calls that make and send a proposal and the two bare calls they wrap.',
    '',
    `Measured targets (this run): ${verdicts()}.`,
    '',
    'Ratios (p50 / p99) of every run since these changes, latest last:',
    '',
    '| Run (UTC) | Pairs | create + submit | create | submit | approve | bare start p50 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runRows,
    '<!-- api-overhead:end -->',
  ].join('\n');
  writeFileSync(file, /<!-- api-overhead:start -->[\s\S]*<!-- api-overhead:end -->/.test(current) ? current.replace(/<!-- api-overhead:start -->[\s\S]*<!-- api-overhead:end -->/, section) : `${current.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`\n${table}\n\nhistory events per proposal: ${history.events.length}; PostgreSQL rows: ${rows}\n`);
  await client.connection.close();
}

/** Per measured route: mean whole-request time as the server saw it, and the waits inside it. */
function printProbe(waits) {
  const routes = Object.keys(waits).filter((k) => k.startsWith('http: ')).map((k) => k.slice(6));
  const measured = routes.filter((r) => /^POST \/api\/v1\/(proposals( |$)|proposals\/:id\/submit|actions\/:token)/.test(r));
  for (const r of measured) {
    const whole = waits[`http: ${r}`];
    const inside = Object.entries(waits).filter(([k]) => k.startsWith(`${r} > `));
    const waited = inside.reduce((a, [, v]) => a + v.ms, 0);
    process.stdout.write(`\n${r}: ${whole.n} requests, ${(whole.ms / whole.n).toFixed(1)} ms each on the server\n`);
    for (const [k, v] of inside.sort((a, b) => b[1].ms - a[1].ms)) {
      process.stdout.write(`  ${(v.ms / whole.n).toFixed(2).padStart(7)} ms  ${(v.n / whole.n).toFixed(2)}x  ${k.slice(r.length + 3)}\n`);
    }
    process.stdout.write(`  ${((whole.ms - waited) / whole.n).toFixed(2).padStart(7)} ms        everything else (HTTP, Nest, guards, validation, JSON, event loop)\n`);
  }
}

async function waitForValue(fn, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function cleanup() {
  for (const c of [...children].reverse()) await stopService(c, 10000);
  smtpServer?.close();
  if (databaseUrl) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
}

process.on('exit', () => killAllNow(children));
main()
  .then(cleanup)
  .catch(async (err) => {
    process.stderr.write(`bench:api: ${err.stack ?? err.message}\n`);
    await cleanup();
    process.exit(1);
  });
