// Finds or builds the `temporal` CLI (whose `server start-dev` is Accord's embedded engine).
// Order: $TEMPORAL_CLI, a `temporal` on PATH of the expected version, the cached build in .tools/bin, else
// `go install` into .tools/bin (minutes, once).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { repoRoot, say } from './process-tools.mjs';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const CACHED_TEMPORAL_CLI = join(repoRoot, '.tools', 'bin', 'temporal');
const cached = CACHED_TEMPORAL_CLI;

/** `temporal --version` of a binary, or null when it does not run. */
export function temporalVersion(path, env = process.env) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', env, timeout: 15000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

const works = (path) => temporalVersion(path);

/**
 * Whether a `temporal --version` line is the CLI this project pins: a 1.5.x release ("temporal version 1.5.1 (Server
 * 1.29.1, ...)"), or a `go install` build of it, which reports no release number but the bundled server 1.29.x
 * ("temporal version 0.0.0-DEV (Server 1.29.1, ...)").
 */
export function isExpectedTemporalVersion(version) {
  return /^temporal version 1\.5\.\d+\b/.test(version ?? '') || /^temporal version 0\.0\.0-DEV \(Server 1\.29\.\d+\b/.test(version ?? '');
}

/** The first `temporal` on PATH (env.PATH), or null. */
function onPath(env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'temporal');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The temporal CLI to use without building, and why: $TEMPORAL_CLI (must work), else a `temporal` on PATH of the
 * expected version, else the cached build; null when none (the caller builds). A `temporal` on PATH of another
 * version is skipped with a note in `skipped`.
 */
export function locateTemporalCli({ env = process.env, cachedPath = cached } = {}) {
  if (env.TEMPORAL_CLI) {
    if (!temporalVersion(env.TEMPORAL_CLI, env)) throw new Error(`TEMPORAL_CLI=${env.TEMPORAL_CLI} is not a working temporal binary`);
    return { path: env.TEMPORAL_CLI, source: 'TEMPORAL_CLI' };
  }
  let skipped;
  const found = onPath(env);
  if (found) {
    const version = temporalVersion(found, env);
    if (isExpectedTemporalVersion(version)) return { path: found, source: 'PATH' };
    skipped = `${found} is ${version ? `"${version}"` : 'not working'}, not the expected 1.5.x (${TEMPORAL_CLI_MODULE})`;
  }
  if (existsSync(cachedPath) && temporalVersion(cachedPath, env)) return { path: cachedPath, source: 'cache', skipped };
  return { path: null, source: null, skipped };
}

export async function ensureTemporalCli() {
  const found = locateTemporalCli();
  if (found.skipped) say(`not using ${found.skipped}`);
  if (found.path) return found.path;

  const go = spawnSync('sh', ['-c', 'command -v go || ls /usr/local/go/bin/go 2>/dev/null'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (!go) throw new Error('the temporal CLI is missing and Go is not installed to build it (set TEMPORAL_CLI or install Go >= 1.25)');
  mkdirSync(join(repoRoot, '.tools', 'bin'), { recursive: true });
  say(`building the temporal CLI (${TEMPORAL_CLI_MODULE}); the first build takes a few minutes...`);
  const started = Date.now();
  await new Promise((resolve, reject) => {
    const child = spawn(go, ['install', '-x', TEMPORAL_CLI_MODULE], {
      env: { ...process.env, GOBIN: join(repoRoot, '.tools', 'bin'), GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // `-x` prints every step; show a heartbeat with the package being built instead of thousands of lines.
    let last = '';
    let steps = 0;
    child.stderr.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        const m = line.match(/^# (\S+)$/) || line.match(/compile .* -p (\S+) /);
        if (m) {
          steps += 1;
          last = m[1];
        }
        if (/^go: /.test(line)) say(line);
      }
    });
    const timer = setInterval(() => say(`  still building (${Math.round((Date.now() - started) / 1000)} s, ${steps} packages, now ${last})`), 15000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      code === 0 ? resolve() : reject(new Error(`go install ${TEMPORAL_CLI_MODULE} failed with exit code ${code}`));
    });
  });
  if (!works(cached)) throw new Error(`go install finished but ${cached} does not run`);
  say(`temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${cached}`);
  return cached;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureTemporalCli().then(
    (path) => console.log(path),
    (err) => {
      console.error(`provision-temporal: ${err.message}`);
      process.exit(1);
    },
  );
}
