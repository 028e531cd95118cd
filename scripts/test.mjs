// `npm test`: provisioning (dependencies, the temporal CLI), one Temporal dev server and one PostgreSQL database
// for the whole run, then jest. Everything it starts or creates is removed at the end, pass or fail.
// `npm test -- <jest args>` passes arguments through, e.g. `npm test -- test/e2e`. `--unit` runs only the
// pure unit specs, with no server and no database.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, freePort, killAllNow, repoRoot, say, stopService } from './lib/process-tools.mjs';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const jestArgs = args.filter((a) => a !== '--unit');
// Each run writes its own file (parallel local runs must not clobber each other), then publishes the latest one.
const resultsFile = join(repoRoot, 'artifacts', `jest-results-${process.pid}.json`);
const latestResults = join(repoRoot, 'artifacts', 'jest-results.json');
const started = [];
let database;

async function main() {
  ensureDependencies();
  mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
  const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', FORCE_COLOR: '0' };

  // ACCORD_SKIP_TYPECHECK=1 for quick local runs of one layer; CI always type-checks.
  if (!process.env.ACCORD_SKIP_TYPECHECK || process.env.CI) {
    say('type-checking (tsc --noEmit)...');
    await run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], env);
    await run('npx', ['tsc', '-p', 'web/tsconfig.json'], env);
  }

  if (unitOnly) {
    env.ACCORD_TEST_LAYER = 'unit';
    return runJest(['--selectProjects', 'unit', ...jestArgs], env);
  }

  const { ensureTemporalCli } = await import('./lib/temporal-cli.mjs');
  const { startTemporalDevServer } = await import('./lib/temporal-dev-server.mjs');
  const cli = await ensureTemporalCli();
  const port = await freePort();
  say(`starting a Temporal dev server for the tests on 127.0.0.1:${port} (in memory)...`);
  const server = await startTemporalDevServer({ cli, port, quiet: !process.env.ACCORD_TEST_TEMPORAL_LOGS, name: 'temporal-test' });
  started.push(server.child);

  database = await createTestDatabase(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/accord');
  say(`test database: ${new URL(database).pathname.slice(1)}`);
  Object.assign(env, { TEMPORAL_ADDRESS: server.address, TEMPORAL_CLI: cli, DATABASE_URL: database, ACCORD_TEST_LAYER: 'all' });
  // The web app the API serves (browser tests use it); esbuild, under a second.
  await run(process.execPath, ['web/build.mjs'], env);
  if (browserTestsSelected(jestArgs)) {
    const { ensureChromium } = await import('./lib/chromium.mjs');
    // Without Chromium only the browser tests fail (with this reason); the rest still run.
    await ensureChromium().catch((err) => {
      say(`browser tests cannot run: ${err.message}`);
      env.ACCORD_CHROMIUM_MISSING = err.message;
    });
  }
  return runJest(jestArgs, env);
}

// Whether these jest arguments select a browser test (a file under test/ named *browser*.test.ts), so Chromium is needed.
function browserTestsSelected(argv) {
  const files = readdirSync(join(repoRoot, 'test'), { recursive: true })
    .map((f) => `test/${f}`)
    .filter((f) => /browser[^/]*\.test\.ts$/.test(f));
  if (!files.length) return false;
  const multi = new Set(['--selectProjects', '--testPathPatterns']);
  const single = new Set(['-t', '--testNamePattern', '--outputFile', '-w', '--maxWorkers', '-c', '--config', '--testTimeout', '--shard', '--seed', '--reporters']);
  const projects = [];
  const patterns = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (multi.has(a)) {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) (a === '--selectProjects' ? projects : patterns).push(argv[++i]);
    } else if (single.has(a)) i++;
    else if (!a.startsWith('-')) patterns.push(a);
  }
  if (projects.length && !projects.includes('e2e')) return false;
  if (!patterns.length) return true;
  return files.some((f) =>
    patterns.some((p) => {
      try {
        return new RegExp(p).test(f);
      } catch {
        return f.includes(p);
      }
    }),
  );
}

function run(cmd, argv, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(' ')} failed (exit ${code})`))));
  });
}

async function runJest(extra, env) {
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${resultsFile}`, ...extra], {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (existsSync(resultsFile)) {
    renameSync(resultsFile, latestResults);
    const r = JSON.parse(readFileSync(latestResults, 'utf8'));
    const skipped = r.numPendingTests + r.numTodoTests;
    process.stdout.write(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
    if (r.numTotalTests === 0) {
      process.stdout.write('no test ran\n');
      return 1;
    }
  }
  return code;
}

/** A database of its own per run, so tests never touch development data; leftovers of dead runs are dropped. */
async function createTestDatabase(baseUrl) {
  const { default: pg } = await import('pg');
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'accord_test_%'`);
    for (const { datname } of rows) {
      // accord_test_<time>_<pid>[_suffix]: the run's pid decides whether it is still in use.
      const pid = Number(/^accord_test_\d+_(\d+)/.exec(datname)?.[1] ?? datname.split('_').pop());
      if (!isAlive(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    const name = `accord_test_${Date.now()}_${process.pid}`;
    await client.query(`CREATE DATABASE "${name}"`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return url.toString();
  } finally {
    await client.end();
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function cleanup() {
  for (const child of started.reverse()) await stopService(child, 5000);
  if (database) {
    const { default: pg } = await import('pg');
    const admin = new URL(database);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await client.end();
  }
}

process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));
process.on('SIGTERM', () => cleanup().finally(() => process.exit(143)));
process.on('exit', () => killAllNow(started));

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code ?? 0);
  })
  .catch(async (err) => {
    process.stderr.write(`[accord] tests could not run: ${err.message}\n`);
    await cleanup();
    process.exit(1);
  });
