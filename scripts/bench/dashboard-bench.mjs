// `npm run bench`: the dashboard at the scale of years. Builds Accord, starts a Temporal dev server (in memory) and
// a throwaway PostgreSQL database, seeds 100,000 proposals and 1,000,000 timeline events with set-based SQL, starts
// the real API (dist/apps/api/src/main.js) and measures the overview and filtered lists over HTTP as a signed-in
// leader: p50/p95/p99 of sequential requests. Writes the figures to BENCHMARKS.md and removes everything it made.
//
//   npm run bench                                  # 100k proposals, 1M events, 300 requests per scenario
//   npm run bench -- --proposals 20000 --events 200000 --requests 100 --no-build --keep
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDependencies, freePort, killAllNow, repoRoot, say, startService, stopService, waitFor } from '../lib/process-tools.mjs';
import { seedDashboardData } from './dashboard-seed.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const PROPOSALS = opt('proposals', 100_000);
const EVENTS = opt('events', 1_000_000);
const REQUESTS = opt('requests', 300);
const WARMUP = opt('warmup', 30);
const BUILD = !args.includes('--no-build');
const KEEP = args.includes('--keep');
/** The issue's target: p95 under 100 ms for the overview and a filtered list. */
const TARGET_P95_MS = 100;

const children = [];
let databaseUrl;

async function main() {
  ensureDependencies();
  const { default: pg } = await import('pg');
  const argon2 = (await import('argon2')).default;

  if (BUILD) {
    say('building (npm run build)...');
    if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  }
  if (!existsSync(join(repoRoot, 'dist/apps/api/src/main.js'))) throw new Error('dist/apps/api/src/main.js is missing: run without --no-build');

  const { ensureTemporalCli } = await import('../lib/temporal-cli.mjs');
  const { startTemporalDevServer } = await import('../lib/temporal-dev-server.mjs');
  const temporalPort = await freePort();
  say(`starting a Temporal dev server on 127.0.0.1:${temporalPort} (in memory; the API needs it to start)...`);
  const temporal = await startTemporalDevServer({ cli: await ensureTemporalCli(), port: temporalPort, quiet: true, name: 'temporal-bench' });
  children.push(temporal.child);

  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/accord');
  const name = `accord_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  databaseUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `bench-${process.pid}`,
    JWT_SECRET: `bench-only-secret-${process.pid}-0123456789abcdef`,
  };
  say(`database ${name}: migrating...`);
  const prep = spawnSync(process.execPath, ['dist/libs/db/cli/prepare-database.cli.js'], { cwd: repoRoot, env, stdio: 'inherit' });
  if (prep.status !== 0) throw new Error('database preparation failed');

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const leader = { email: 'leader@bench.test', password: `bench-${process.pid}-leadership` };
  say(`seeding ${PROPOSALS.toLocaleString('en')} proposals and ${EVENTS.toLocaleString('en')} events (generate_series)...`);
  const seedStarted = Date.now();
  const counts = await seedDashboardData(db, { proposals: PROPOSALS, events: EVENTS, leaderEmail: leader.email, leaderPasswordHash: await argon2.hash(leader.password), log: say });
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const [{ version }] = (await db.query(`SELECT current_setting('server_version') AS version`)).rows;
  const [{ owner }] = (await db.query(`SELECT owner_id AS owner FROM proposals WHERE division = 'div-07' LIMIT 1`)).rows;
  await db.end();
  say(`seeded ${counts.proposals.toLocaleString('en')} proposals (${counts.open.toLocaleString('en')} open), ${counts.events.toLocaleString('en')} events, ${counts.tasks.toLocaleString('en')} tasks in ${seedSeconds.toFixed(0)} s`);

  const apiPort = await freePort();
  const api = startService('api', process.execPath, ['dist/apps/api/src/main.js'], { env: { ...env, API_PORT: String(apiPort) }, quiet: true });
  children.push(api);
  const url = `http://127.0.0.1:${apiPort}`;
  await waitFor('API health', async () => (await fetch(`${url}/health`)).ok, { timeoutMs: 120000, child: api });

  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(leader) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = await login.json();
  const headers = { Authorization: `Bearer ${accessToken}` };

  const year = new Date().getUTCFullYear() - 1;
  const scenarios = [
    { group: 'overview', name: 'overview, whole organisation', path: '/api/v1/dashboard/overview' },
    { group: 'overview', name: 'overview, one division', path: '/api/v1/dashboard/overview?division=div-07' },
    { group: 'list', name: 'list: one division, last change first', path: '/api/v1/dashboard/proposals?division=div-07&pageSize=25' },
    { group: 'list', name: 'list: stage + overdue, deadline order', path: '/api/v1/dashboard/proposals?stage=RESEARCH&overdue=true&sort=dueAt&order=asc&pageSize=25' },
    { group: 'list', name: 'list: title text (Mongolian) + open', path: `/api/v1/dashboard/proposals?q=${encodeURIComponent('Истанбулын')}&status=open&pageSize=25` },
    { group: 'list', name: 'list: title text (English), page 3', path: '/api/v1/dashboard/proposals?q=Kyoto&pageSize=25&page=3' },
    { group: 'list', name: `list: created in ${year}, creation order`, path: `/api/v1/dashboard/proposals?kind=accession&from=${year}-01-01&to=${year}-12-31&sort=createdAt&pageSize=25` },
    { group: 'list', name: 'list: one owner', path: `/api/v1/dashboard/proposals?ownerId=${owner}&pageSize=25` },
    { group: 'list', name: 'list: everything, page 1', path: '/api/v1/dashboard/proposals?pageSize=25' },
    { group: 'other', name: 'pipeline chart data', path: '/api/v1/dashboard/pipeline' },
    { group: 'cycles', name: 'cycle times, last 90 days (the default)', path: '/api/v1/dashboard/cycle-times' },
    { group: 'cycles', name: 'cycle times, last 90 days, one division', path: '/api/v1/dashboard/cycle-times?division=div-07' },
    { group: 'cycles', name: 'cycle times, last 365 days', path: `/api/v1/dashboard/cycle-times?from=${daysAgo(364)}&to=${daysAgo(0)}` },
    { group: 'other', name: 'filter choices (divisions, owners)', path: '/api/v1/dashboard/filters' },
    { group: 'other', name: 'CSV export, one division (all rows)', path: '/api/v1/dashboard/proposals/export.csv?division=div-07', requests: 20 },
  ];

  const loadBefore = loadavg()[0];
  const results = [];
  for (const s of scenarios) {
    const n = s.requests ?? REQUESTS;
    let bytes = 0;
    for (let i = 0; i < Math.min(WARMUP, n); i++) await timed(`${url}${s.path}`, headers);
    const times = [];
    for (let i = 0; i < n; i++) {
      const r = await timed(`${url}${s.path}`, headers);
      times.push(r.ms);
      bytes = r.bytes;
    }
    times.sort((a, b) => a - b);
    const row = { ...s, n, bytes, p50: pct(times, 0.5), p95: pct(times, 0.95), p99: pct(times, 0.99), max: times[times.length - 1] };
    results.push(row);
    say(`${s.name.padEnd(44)} p50 ${row.p50.toFixed(1).padStart(6)} ms  p95 ${row.p95.toFixed(1).padStart(6)} ms  p99 ${row.p99.toFixed(1).padStart(6)} ms`);
  }

  const gated = results.filter((r) => r.group !== 'other');
  const pass = gated.every((r) => r.p95 < TARGET_P95_MS);
  const cyclesPass = results.filter((r) => r.group === 'cycles').every((r) => r.p95 < TARGET_P95_MS);
  writeReport({ results, counts, seedSeconds, version, pass, cyclesPass, load: [loadBefore, loadavg()[0]] });
  say(`${pass ? 'PASS' : 'FAIL'}: p95 of the overview and filtered lists ${pass ? 'under' : 'NOT all under'} ${TARGET_P95_MS} ms; written to BENCHMARKS.md`);
  say(`${cyclesPass ? 'PASS' : 'FAIL'}: p95 of the cycle-time chart ${cyclesPass ? 'under' : 'NOT all under'} ${TARGET_P95_MS} ms`);
  return pass && cyclesPass ? 0 : 1;
}

async function timed(url, headers) {
  const start = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  const ms = performance.now() - start;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
  return { ms, bytes: body.byteLength };
}

/** A calendar date `n` days ago in Ulaanbaatar (UTC+8). */
function daysAgo(n) {
  return new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function writeReport({ results, counts, seedSeconds, version, pass, cyclesPass, load }) {
  const file = join(repoRoot, 'BENCHMARKS.md');
  const start = '<!-- dashboard-bench:start -->';
  const end = '<!-- dashboard-bench:end -->';
  const command = process.env.ACCORD_BENCH_COMMAND ?? `npm run bench:dashboard${args.length ? ` -- ${args.join(' ')}` : ''}`;
  const fmt = (n) => n.toFixed(1);
  const lines = [
    start,
    '## Dashboard at the scale of years (issue 7)',
    '',
    `Command: \`${command}\` (seeds a throwaway database, runs the real API from \`dist/\`, measures over HTTP on loopback as a signed-in leader).`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'cpu'}), ${Math.round(totalmem() / 2 ** 30)} GiB, PostgreSQL ${version}, Node ${process.version}, default PostgreSQL settings.`,
    `Data: ${counts.proposals.toLocaleString('en')} proposals (${counts.open.toLocaleString('en')} open), ${counts.events.toLocaleString('en')} timeline events (${counts.stays.toLocaleString('en')} of them stage moves, each a stay in proposal_stage_stays), ${counts.tasks.toLocaleString('en')} tasks, 425 people in 20 divisions; seeded in ${seedSeconds.toFixed(0)} s.`,
    `Each scenario: ${WARMUP} warm-up requests, then sequential requests (count in the table); times are full HTTP round trips (auth, query, JSON). Load average (1 min) ${load[0].toFixed(1)} before and ${load[1].toFixed(1)} after: the machine is shared, so the figures include that contention.`,
    '',
    '| Scenario | Requests | p50 ms | p95 ms | p99 ms | max ms | Response |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.name} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${(r.bytes / 1024).toFixed(1)} KiB |`),
    '',
    `Target (issue 7): p95 under ${TARGET_P95_MS} ms for the overview and a filtered list: **${pass ? 'met' : 'NOT met'}**. The cycle-time chart the overview page also loads, p95 under ${TARGET_P95_MS} ms: **${cyclesPass ? 'met' : 'NOT met'}**. Pipeline, filter choices and export are shown for information.`,
    '',
    'Notes:',
    '- Lists count matches exactly up to 2,000 and then say "2,000+"; pages are 25 rows; text search uses a lower-case title column with a trigram index.',
    '- Cycle times are exact percentiles (percentile_cont) over every stay that ended in the period, read from `proposal_stage_stays`: one row per stay (proposal, kind, stage, entered, left, days), written by the worker\'s projection with the stage move that ends it and backfilled from the timeline by migration `1795702500000-ProposalStageStays.ts`. For the whole organisation the query finds the stages present with a loose index scan and reads each stage\'s stays in the period as one range of the (kind, stage, left_at) index, so no year of stays is sorted by stage first; a division joins its proposals to the stays of the period. Before this table, pairing each move with the event that entered its stage at query time gave, on the same data and this machine, p95 190.1 ms (90 days), 49.5 ms (90 days, one division) and 547.2 ms (a year, 30 requests) (the previous code, commit 46bcafb, `npm run bench:dashboard -- --no-build`, 2026-11-26 14:44 UTC, load 1.4 to 2.0); the run recorded before it (2026-11-26 12:07 UTC, an Intel Xeon, load 2.7) had 398.8 ms and 1,108.2 ms.',
    '- The seed puts each open proposal\'s moves in its recent past, which gives about 105,000 stays in the last 90 days and 257,000 in the last year (of 690,000 moves in all): several times what 100,000 proposals spread over years would produce, so these rows are an upper bound.',
    '- Indexes and the stored stage-entry time behind these figures: migrations `libs/db/migrations/1795665613394-DashboardIndexes.ts` and `1795702500000-ProposalStageStays.ts`; queries: `libs/db/repositories/dashboard*.ts`; data: `scripts/bench/dashboard-seed.mjs`.',
    end,
  ];
  const section = lines.join('\n');
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nFigures measured on this project\'s machine, with the command that produced each.\n';
  doc = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
}

async function cleanup() {
  for (const child of children.reverse()) await stopService(child, 10000);
  children.length = 0;
  if (databaseUrl && !KEEP) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  } else if (databaseUrl) say(`kept ${databaseUrl}`);
}

process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));
process.on('exit', () => killAllNow(children));

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err) => {
    process.stderr.write(`[accord] bench failed: ${err.stack ?? err.message}\n`);
    await cleanup();
    process.exit(1);
  });
