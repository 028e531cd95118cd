// Finds or builds the `temporal` CLI (whose `server start-dev` is Accord's embedded engine).
// Order: $TEMPORAL_CLI, a cached build in .tools/bin, `temporal` on PATH, else `go install` (minutes, once).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, say } from './process-tools.mjs';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
const cached = join(repoRoot, '.tools', 'bin', 'temporal');

function works(path) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export async function ensureTemporalCli() {
  if (process.env.TEMPORAL_CLI) {
    if (!works(process.env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} is not a working temporal binary`);
    return process.env.TEMPORAL_CLI;
  }
  if (existsSync(cached) && works(cached)) return cached;
  const onPath = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && works(onPath)) return onPath;

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
