// `npm run bench`: everything issue 10 lists, in one command. Builds once, then runs each benchmark on its own
// loopback stack, one after another (never two at once: the machine is small and shared):
//   api-overhead (create / submit / approve vs the bare Temporal call), profile-create (where create's time goes),
//   throughput (1, 8, 32 clients), history-size, worker-footprint (10,000 waiting workflows), dashboard (100k/1M).
// Each writes its section of BENCHMARKS.md; the whole result goes to artifacts/bench/bench-results.json.
//
//   npm run bench                                     # everything (about 20-30 minutes on 2 cores)
//   npm run bench -- --only throughput,history --no-build
//   npm run bench -- --quick                          # smaller counts, for checking the scripts
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historySizeBench } from './history-size-bench.mjs';
import { build, machine, options, repoRoot, say, utcNow } from './lib/stack.mjs';
import { throughputBench } from './throughput-bench.mjs';
import { workerFootprintBench } from './worker-footprint-bench.mjs';

const opt = options();
const quick = opt.flag('quick');
const only = opt.str('only', 'api,profile,throughput,history,footprint,dashboard').split(',');
const results = { at: utcNow(), machine: machine(), command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}` };

const runScript = (name, file, args) => {
  say(`bench: ${name}...`);
  const started = Date.now();
  // The command a person typed, for the figures' notes (the script itself only sees --no-build and its own options).
  const env = { ...process.env, ACCORD_BENCH_COMMAND: results.command };
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/bench', file), '--no-build', ...args], { cwd: repoRoot, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status})`);
  return { seconds: Math.round((Date.now() - started) / 1000) };
};

async function main() {
  if (!opt.flag('no-build')) build();
  const t0 = Date.now();
  if (only.includes('api')) results.apiOverhead = runScript('api-overhead', 'api-overhead.mjs', ['--pairs', quick ? '10' : '100', '--warmup', '10']);
  if (only.includes('profile')) {
    const { profileCreate } = await import('./profile-create.mjs');
    say('bench: profile of the create path...');
    results.profileCreate = await profileCreate({ requests: quick ? 20 : 100, warmup: 10, build: false });
  }
  if (only.includes('throughput')) {
    say('bench: throughput...');
    results.throughput = await throughputBench({ clients: [1, 8, 32], seconds: quick ? 15 : 60, build: false, command: results.command });
  }
  if (only.includes('history')) {
    say('bench: history size...');
    const happy = results.throughput?.levels.flatMap((l) => l.historyEventsPerProposal).slice(0, 5) ?? null;
    results.historySize = await historySizeBench({ dayMs: 20, updates: quick ? 300 : 1000, happyPath: happy, build: false, command: results.command });
  }
  if (only.includes('footprint')) {
    say('bench: worker footprint...');
    // The sizing README recommends for a worker holding many waiting workflows: a cache of 500 and a 768 MiB heap.
    // Other sizes: node scripts/bench/worker-footprint-bench.mjs --cache N [--heap-mb M] (a table row each).
    results.workerFootprint = await workerFootprintBench({ workflows: quick ? 500 : 10_000, real: quick ? 50 : 300, concurrency: 64, cache: 500, heapMb: 768, build: false, command: results.command });
  }
  if (only.includes('dashboard')) results.dashboard = runScript('dashboard', 'dashboard-bench.mjs', quick ? ['--proposals', '10000', '--events', '100000', '--requests', '50'] : []);
  results.totalSeconds = Math.round((Date.now() - t0) / 1000);
  mkdirSync(join(repoRoot, 'artifacts', 'bench'), { recursive: true });
  writeFileSync(join(repoRoot, 'artifacts', 'bench', 'bench-results.json'), JSON.stringify(results, null, 2));
  say(`bench: done in ${Math.round(results.totalSeconds / 60)} min; figures in BENCHMARKS.md, artifacts/bench/bench-results.json`);
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
