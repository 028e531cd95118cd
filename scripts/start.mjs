// `npm start`: the whole stack on a fresh clone. Installs dependencies, provisions and starts the Temporal dev
// server (state kept in .data/), prepares PostgreSQL, builds, starts the worker and the API, prints the URLs,
// and on Ctrl-C stops everything it started, in order: API, worker (drains), then Temporal.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, killAllNow, portInUse, repoRoot, say, startService, stopService, waitFor } from './lib/process-tools.mjs';

const children = [];
let stopping = false;

async function main() {
  ensureDependencies();
  const { ensureTemporalCli } = await import('./lib/temporal-cli.mjs');
  const { startTemporalDevServer } = await import('./lib/temporal-dev-server.mjs');

  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
  const apiPort = Number(env.API_PORT ?? 3000);
  const temporalPort = Number(env.ACCORD_TEMPORAL_PORT ?? 7233);
  const uiPort = Number(env.ACCORD_TEMPORAL_UI_PORT ?? temporalPort + 1000);

  // Likewise an SMTP_HOST elsewhere means a real mail server; on loopback (or unset) a local mail catcher
  // (maildev) takes every email, unless ACCORD_MAILDEV=0 says one is already running.
  const ownMail = env.ACCORD_MAILDEV !== '0' && (!env.SMTP_HOST || ['127.0.0.1', 'localhost', '::1'].includes(env.SMTP_HOST));
  const smtpPort = Number(env.SMTP_PORT ?? 1025);
  const mailWebPort = Number(env.MAILDEV_WEB_PORT ?? 1080);
  if (ownMail) Object.assign(env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SMTP_SECURE: 'false' });

  // A TEMPORAL_ADDRESS in the environment means a cluster someone else runs: use it, start nothing.
  const ownTemporal = !env.TEMPORAL_ADDRESS;
  if (ownTemporal) {
    env.TEMPORAL_ADDRESS = `127.0.0.1:${temporalPort}`;
    env.TEMPORAL_UI_URL ??= `http://localhost:${uiPort}`;
  }

  for (const [port, what] of [
    [apiPort, 'API_PORT'],
    ...(ownTemporal ? [[temporalPort, 'ACCORD_TEMPORAL_PORT'], [uiPort, 'ACCORD_TEMPORAL_UI_PORT']] : []),
    ...(ownMail ? [[smtpPort, 'SMTP_PORT'], [mailWebPort, 'MAILDEV_WEB_PORT']] : []),
  ]) {
    if (await portInUse(port)) throw new Error(`port ${port} is already in use (is Accord already running? otherwise set ${what})`);
  }

  say('building (tsc)...');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  if (ownTemporal) {
    const cli = await ensureTemporalCli();
    mkdirSync(join(repoRoot, '.data'), { recursive: true });
    say(`starting the Temporal dev server on ${env.TEMPORAL_ADDRESS} (state in .data/temporal.sqlite)...`);
    const { child } = await startTemporalDevServer({ cli, port: temporalPort, uiPort, dbFile: join(repoRoot, '.data', 'temporal.sqlite') });
    children.push(child);
    watch(child);
  }

  if (ownMail) {
    // Loopback only: without --ip/--web-ip maildev listens on every interface.
    say(`starting the development mail inbox (maildev) on SMTP 127.0.0.1:${smtpPort}, web 127.0.0.1:${mailWebPort}...`);
    const maildevArgs = ['--smtp', String(smtpPort), '--ip', '127.0.0.1', '--web', String(mailWebPort), '--web-ip', '127.0.0.1'];
    const maildev = startService('maildev', join(repoRoot, 'node_modules', '.bin', 'maildev'), maildevArgs, { env });
    children.push(maildev);
    watch(maildev);
    await waitFor('maildev', async () => (await fetch(`http://127.0.0.1:${mailWebPort}/`, { headers: { accept: 'text/html' } })).ok, { timeoutMs: 30000, child: maildev });
  }

  const prep = spawnSync(process.execPath, ['dist/libs/db/cli/prepare-database.cli.js'], { cwd: repoRoot, env, stdio: 'inherit' });
  if (prep.status !== 0) throw new Error('database preparation failed (see above)');
  // Development only: a small organisation to sign in with at once (idempotent; never in production).
  if (env.NODE_ENV === 'development' && env.ACCORD_SEED !== '0') {
    const seed = spawnSync(process.execPath, ['dist/apps/api/src/cli/accord.cli.js', 'seed:dev'], { cwd: repoRoot, env, stdio: 'inherit' });
    if (seed.status !== 0) throw new Error('seeding the development organisation failed (see above)');
  }

  const worker = startService('worker', process.execPath, ['dist/apps/worker/src/main.js'], { env });
  children.push(worker);
  watch(worker);
  const api = startService('api', process.execPath, ['dist/apps/api/src/main.js'], { env });
  children.push(api);
  watch(api);

  const base = env.PUBLIC_URL ?? `http://localhost:${apiPort}`;
  await waitFor('API health', async () => (await fetch(`http://127.0.0.1:${apiPort}/health`)).ok, { timeoutMs: 120000, child: api });

  const lines = [
    '',
    'Accord is running:',
    `  Web app      ${base}/app/`,
    `  API          ${base}/api/v1`,
    `  Health       ${base}/health`,
    `  OpenAPI docs ${base}/docs`,
    ...(ownTemporal ? [`  Temporal UI  ${env.TEMPORAL_UI_URL}`] : [`  Temporal     ${env.TEMPORAL_ADDRESS} (external)`]),
    ...(ownMail ? [`  Mail inbox   http://localhost:${mailWebPort} (maildev: every email Accord sends lands here)`] : [`  SMTP         ${env.SMTP_HOST}:${env.SMTP_PORT} (external)`]),
    'Press Ctrl-C to stop everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function watch(child) {
  child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${child.serviceName} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the stack`);
    void shutdown(1);
  });
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  // Reverse start order: the API stops taking requests, the worker drains, then the mail inbox and Temporal.
  for (const child of [...children].reverse()) await stopService(child);
  say('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
process.on('exit', () => killAllNow(children));

main().catch(async (err) => {
  process.stderr.write(`[accord] cannot start: ${err.message}\n`);
  await shutdown(1);
});
