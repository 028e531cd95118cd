// Finds Debian's Chromium for the browser tests, installing it with apt-get when we are root and it is missing.
// Playwright's own browser download cannot work here (no internet beyond package registries), so the tests
// drive the distribution's build at /usr/bin/chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { say } from './process-tools.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function version(path) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

function runStep(cmd, args) {
  return new Promise((resolve, reject) => {
    say(`  $ ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // apt prints hundreds of lines; keep the ones that show progress (Get:, Unpacking, Setting up) short.
    const show = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (/^(Get:\d+|Fetched|Setting up chromium|E:|W:)/.test(line)) say(`    ${line.slice(0, 140)}`);
      }
    };
    child.stdout.on('data', show);
    child.stderr.on('data', show);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed with exit code ${code}`))));
  });
}

/** Returns the path of a working Chromium, installing Debian's package first when possible. */
export async function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) {
    const v = version(CHROMIUM_PATH);
    if (v) return CHROMIUM_PATH;
    throw new Error(`${CHROMIUM_PATH} exists but does not run (\`${CHROMIUM_PATH} --version\` failed)`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || CHROMIUM_PATH !== '/usr/bin/chromium') {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}; the browser tests need it. Install it with \`sudo apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
  const started = Date.now();
  say('installing Debian chromium for the browser tests (apt-get; a minute or two)...');
  await runStep('apt-get', ['update']);
  await runStep('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  const v = version(CHROMIUM_PATH);
  if (!v) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} does not run`);
  say(`${v} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return CHROMIUM_PATH;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureChromium()
    .then((path) => say(`chromium: ${path}`))
    .catch((err) => {
      process.stderr.write(`[accord] ${err.message}\n`);
      process.exit(1);
    });
}
