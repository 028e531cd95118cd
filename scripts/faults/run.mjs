// `npm run test:faults`: the fault-tolerance suite (test/faults). Unlike `npm test` it needs no shared server: the
// suite builds its own world (PostgreSQL via initdb, a Temporal dev server on a state file, SMTP, API and worker
// processes) on loopback and removes it afterwards. This script provisions the temporal CLI, runs jest's `faults`
// project and prints the plain `N passed, N failed` line. `npm run test:faults -- -t 'PostgreSQL'` runs one scenario;
// ACCORD_FAULTS_KEEP=1 keeps the world's folder (PostgreSQL log, Temporal state file) for a look afterwards.
// The table of results is also written to artifacts/fault-suite-report.txt.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, repoRoot, say } from '../lib/process-tools.mjs';
import { ensureTemporalCli } from '../lib/temporal-cli.mjs';

const resultsFile = join(repoRoot, 'artifacts', `jest-faults-results-${process.pid}.json`);
const latestResults = join(repoRoot, 'artifacts', 'jest-faults-results.json');

async function main() {
  ensureDependencies();
  mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
  const cli = await ensureTemporalCli();
  const env = { ...process.env, ACCORD_FAULTS: '1', TEMPORAL_CLI: cli, NODE_ENV: 'test', FORCE_COLOR: '0' };
  say('fault suite: building its own PostgreSQL, Temporal, SMTP, API and worker processes...');
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/jest/bin/jest.js', '--runInBand', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (!existsSync(resultsFile)) {
    process.stdout.write('\n0 passed, 1 failed\n');
    return code || 1;
  }
  renameSync(resultsFile, latestResults);
  const r = JSON.parse(readFileSync(latestResults, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  process.stdout.write(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  if (r.numTotalTests === 0) {
    process.stdout.write('no test ran\n');
    return 1;
  }
  return code;
}

main().then(
  (code) => process.exit(code ?? 0),
  (err) => {
    process.stderr.write(`[accord] fault suite could not run: ${err.message}\n`);
    process.exit(1);
  },
);
