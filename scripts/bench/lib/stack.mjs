// Shared by the issue-10 benchmarks: a whole Accord stack of its own on loopback (Temporal dev server in memory, a
// throwaway PostgreSQL database, an SMTP sink that keeps every message, the real worker and API from dist/), a small
// organisation with every approver role, and the helpers the benchmarks drive it with.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDependencies, freePort, killAllNow, repoRoot, say, startService, stopService, waitFor } from '../../lib/process-tools.mjs';

export { repoRoot, say };

export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
export const stats = (xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), n: xs.length });
export const timed = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitForValue(fn, timeoutMs = 60000, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let v;
    try {
      v = await fn();
    } catch {
      v = undefined;
    }
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(intervalMs);
  }
}

export function machine() {
  return `${cpus().length} cores (${cpus()[0].model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
export const load1 = () => loadavg()[0];
export const utcNow = () => new Date().toISOString().slice(0, 16).replace('T', ' ');

/** Replaces (or appends) the `<!-- name:start -->...<!-- name:end -->` section of BENCHMARKS.md. */
export function writeBenchmarkSection(name, body) {
  const file = join(repoRoot, 'BENCHMARKS.md');
  const section = `<!-- ${name}:start -->\n${body.trim()}\n<!-- ${name}:end -->`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`);
  writeFileSync(file, re.test(current) ? current.replace(re, () => section) : `${current.trimEnd()}\n\n${section}\n`);
}

/** Reads `--name value` options and `--flag` switches. */
export function options(argv = process.argv.slice(2)) {
  return {
    num: (name, fallback) => {
      const i = argv.indexOf(`--${name}`);
      return i >= 0 ? Number(argv[i + 1]) : fallback;
    },
    str: (name, fallback) => {
      const i = argv.indexOf(`--${name}`);
      return i >= 0 ? argv[i + 1] : fallback;
    },
    flag: (name) => argv.includes(`--${name}`),
  };
}

export function build() {
  say('building (npm run build)...');
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
}

/** Resident memory (kB) and CPU time (ms, user + system) of one process, from /proc. */
export function processUsage(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 per second)
  return { rssKb, hwmKb, cpuMs: ticks * 10 };
}

/**
 * Starts the stack. Options: `dayMs` (shortened definition day for new workflows), `worker` / `api` (start them,
 * default true), `apiNodeArgs` / `workerNodeArgs` (e.g. --cpu-prof), `env` (extra environment for both).
 */
export async function startStack(o = {}) {
  ensureDependencies();
  if (o.build) build();
  if (!existsSync(join(repoRoot, 'dist/apps/api/src/main.js'))) throw new Error('dist/ is missing: run without --no-build');
  const { default: pg } = await import('pg');
  const argon2 = (await import('argon2')).default;
  const { Client, Connection } = await import('@temporalio/client');
  const { SMTPServer } = await import('smtp-server');
  const children = [];
  const stack = { children, mails: [] };
  process.on('exit', () => killAllNow(children));

  stack.smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c) => (raw += c));
      stream.on('end', () => {
        stack.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.replace(/=\r?\n/g, '') });
        cb();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise((r) => stack.smtp.listen(smtpPort, '127.0.0.1', r));

  const { ensureTemporalCli } = await import('../../lib/temporal-cli.mjs');
  const { startTemporalDevServer } = await import('../../lib/temporal-dev-server.mjs');
  const temporal = await startTemporalDevServer({ cli: await ensureTemporalCli(), port: await freePort(), quiet: true, name: 'temporal-bench' });
  children.push(temporal.child);
  stack.temporal = temporal;

  const name = `accord_bench_${o.name ?? 'x'}_${process.pid}`;
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/accord');
  const admin = new pg.Client({ connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  stack.databaseUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const apiPort = await freePort();
  stack.taskQueue = `bench-${process.pid}`;
  stack.env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: stack.taskQueue,
    JWT_SECRET: `bench-only-secret-${process.pid}-0123456789abcdef`,
    SMTP_PORT: String(smtpPort),
    API_PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    // The benchmark clients share one address: the per-address limits would measure the limiter, not Accord.
    RATE_LIMIT_WRITES: '1000000/60s',
    RATE_LIMIT_ACTIONS: '1000000/60s',
    RATE_LIMIT_LOGIN: '100000/60s',
    ...(o.dayMs ? { ACCORD_WORKFLOW_DAY_MS: String(o.dayMs) } : {}),
    ...(o.env ?? {}),
  };
  if (spawnSync(process.execPath, ['dist/libs/db/cli/prepare-database.cli.js'], { cwd: repoRoot, env: stack.env, stdio: 'inherit' }).status !== 0) throw new Error('migration failed');

  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  stack.db = db;
  stack.password = `bench-${process.pid}-password`;
  const hash = await argon2.hash(stack.password);
  const person = async (email, roles, supervisor = null) =>
    (
      await db.query(
        `INSERT INTO users (email, name_mn, name_latin, language, division, roles, supervisor_id, password_hash) VALUES ($1, $1, $1, 'en', 'bench', $2, $3, $4) RETURNING id`,
        [email, roles, supervisor, hash],
      )
    ).rows[0].id;
  const chief = await person('chief@bench.test', ['commissioner_general']);
  const deputy = await person('deputy@bench.test', ['deputy_commissioner'], chief);
  const head = await person('head@bench.test', ['division_head'], deputy);
  const legal = await person('legal@bench.test', ['legal'], deputy);
  stack.people = { chief, deputy, head, legal };
  stack.officers = [];
  stack.addOfficer = async (i) => {
    const id = await person(`officer${i}@bench.test`, ['officer'], head);
    stack.officers.push({ id, email: `officer${i}@bench.test` });
    return { id, email: `officer${i}@bench.test` };
  };
  await stack.addOfficer(0);

  stack.url = `http://127.0.0.1:${apiPort}`;
  stack.startWorker = (nodeArgs = o.workerNodeArgs ?? []) => {
    const w = startService('worker', process.execPath, [...nodeArgs, 'dist/apps/worker/src/main.js'], { env: stack.env, quiet: !o.verbose });
    children.push(w);
    stack.worker = w;
    return w;
  };
  stack.killWorker = async () => {
    const w = stack.worker;
    if (!w || w.exitCode !== null) return;
    const exited = new Promise((r) => w.once('exit', r));
    process.kill(-w.pid, 'SIGKILL');
    await exited;
  };
  stack.stopApi = () => stopService(stack.api, 15000);
  stack.startApi = async (nodeArgs = o.apiNodeArgs ?? []) => {
    const api = startService('api', process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], { env: stack.env, quiet: !o.verbose });
    children.push(api);
    stack.api = api;
    await waitFor('API', async () => (await fetch(`${stack.url}/health`)).ok, { timeoutMs: 120000, child: api });
  };
  if (o.worker !== false) stack.startWorker();
  if (o.api !== false) await stack.startApi();

  stack.client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  stack.login = async (email) => {
    const res = await fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: stack.password }) });
    if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
    return (await res.json()).accessToken;
  };
  /** One JSON call as the holder of `token`; throws on a non-2xx answer. */
  stack.call = async (token, method, path, body) => {
    const res = await fetch(`${stack.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  stack.upload = async (token, id, kind) => {
    const form = new FormData();
    form.set('kind', kind);
    form.set('requestId', randomUUID());
    form.set('file', new Blob([`${kind} ${randomUUID()}`], { type: 'application/pdf' }), `${kind}.pdf`);
    const res = await fetch(`${stack.url}/api/v1/proposals/${id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    if (!res.ok) throw new Error(`upload ${kind}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  /** Rows of every table that grows with proposals (for rows-per-proposal figures). */
  stack.rowCounts = async () => {
    const tables = (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'typeorm_metadata') ORDER BY 1`)).rows.map((r) => r.tablename);
    const out = {};
    for (const t of tables) out[t] = Number((await db.query(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0].n);
    return out;
  };
  stack.close = async () => {
    await stack.client?.connection.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    for (const c of [...children].reverse()) await stopService(c, 10000);
    stack.smtp.close();
    const a = new pg.Client({ connectionString: Object.assign(new URL(stack.databaseUrl), { pathname: '/postgres' }).toString() });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  };
  return stack;
}

/** The workflow input the API builds for an accession proposal (proposals.service.ts create). */
export function accessionInput(proposalId, ownerId, dayMs) {
  return { proposalId, kind: 'accession', ownerId, division: 'bench', definitionVersion: 'accession-v1', fields: { conventionCode: 'RKC' }, ...(dayMs ? { dayMs } : {}) };
}

/** The read-model row the API writes before starting the workflow (its activities update it). */
export async function insertProposalRow(db, proposalId, ownerId) {
  await db.query(
    `INSERT INTO proposals (id, kind, title_en, title_mn, owner_id, division, stage, workflow_id, definition_version, stage_entered_at, create_request_id)
     VALUES ($1, 'accession', 'bench', 'bench', $2, 'bench', 'DRAFT', $3, 'accession-v1', now(), $3)`,
    [proposalId, ownerId, `proposal-${proposalId}`],
  );
}
