// Throughput (issue 10): accession proposals driven through their whole lifecycle per minute with 1, 8 and 32
// concurrent clients, against the real API and one real worker (owners through the HTTP API, approvers through the
// emailed action links), plus the Temporal history events and PostgreSQL rows each proposal leaves behind.
//
//   node scripts/bench/throughput-bench.mjs --clients 1,8,32 --seconds 60 --no-build
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { driveLifecycle, signIn } from './lib/lifecycle.mjs';
import { load1, machine, options, repoRoot, say, startStack, utcNow, writeBenchmarkSection } from './lib/stack.mjs';

const opt = options();

export async function throughputBench({ clients = (opt.str('clients', '1,8,32')).split(',').map(Number), seconds = opt.num('seconds', 60), build = !opt.flag('no-build'), write = true, command = `node ${process.argv.slice(1).join(' ').replace(/^.*?scripts\//, 'scripts/')}` } = {}) {
  const stack = await startStack({ build, name: 'throughput', verbose: opt.flag('verbose') });
  try {
    const tokens = await signIn(stack, Math.max(...clients));
    // Warm-up: one lifecycle, not counted.
    await driveLifecycle(stack, tokens.owners[0], tokens.colleague);

    const levels = [];
    for (const c of clients) {
      const before = await stack.rowCounts();
      const usageStart = Date.now();
      const loadBefore = load1();
      const deadline = Date.now() + seconds * 1000;
      const done = [];
      const errors = [];
      const started = Date.now();
      await Promise.all(
        Array.from({ length: c }, async (_, i) => {
          while (Date.now() < deadline) {
            try {
              done.push(await driveLifecycle(stack, tokens.owners[i], tokens.colleague));
            } catch (err) {
              errors.push(err.message);
              if (errors.length > 5) throw err;
            }
          }
        }),
      );
      const elapsedS = (Date.now() - started) / 1000;
      const after = await stack.rowCounts();
      const rows = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]).filter(([, v]) => v !== 0));
      const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
      const histories = [];
      for (const id of done.slice(0, 5)) histories.push((await stack.client.workflow.getHandle(`proposal-${id}`).fetchHistory()).events.length);
      const level = {
        clients: c,
        completed: done.length,
        errors: errors.length,
        elapsedSeconds: +elapsedS.toFixed(1),
        perMinute: +((done.length / elapsedS) * 60).toFixed(1),
        secondsPerLifecycle: done.length ? +((elapsedS * c) / done.length).toFixed(1) : null,
        historyEventsPerProposal: histories,
        postgresRowsPerProposal: done.length ? +(totalRows / done.length).toFixed(1) : null,
        rowsByTable: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, +(v / Math.max(1, done.length)).toFixed(1)])),
        load1: [+loadBefore.toFixed(1), +load1().toFixed(1)],
      };
      levels.push(level);
      say(`throughput: ${c} client(s): ${level.completed} lifecycles in ${level.elapsedSeconds} s = ${level.perMinute}/min (${errors.length} errors)`);
      void usageStart;
    }
    const result = { at: utcNow(), machine: machine(), seconds, levels };
    if (write) writeThroughput(result, command);
    return result;
  } finally {
    await stack.close();
  }
}

export function writeThroughput(r, command = 'npm run bench') {
  mkdirSync(join(repoRoot, 'artifacts', 'bench'), { recursive: true });
  writeFileSync(join(repoRoot, 'artifacts', 'bench', 'throughput.json'), JSON.stringify(r, null, 2));
  const rowsLine = r.levels[0]?.rowsByTable ? Object.entries(r.levels[0].rowsByTable).map(([k, v]) => `${k} ${v}`).join(', ') : '';
  writeBenchmarkSection(
    'throughput',
    [
      '## Throughput: whole lifecycles per minute (issue 10)',
      '',
      `Command: \`${command}\` (section written by \`scripts/bench/throughput-bench.mjs\`); run ${r.at} UTC on ${r.machine}. One API process and one worker from \`dist/\`, Temporal dev server (in memory) and PostgreSQL on the same machine.`,
      `A lifecycle is the accession path of \`test/e2e/accession-lifecycle.test.ts\`: create, 3 uploads, submit, 3 complete-stage, a coordination remark and its answer, 6 approvals through the emailed action links (confirmation page + POST), Cabinet, Parliament, deposit, an implementation item and its completion; it ends when the read model shows COMPLETED with the whole timeline. Each client runs lifecycles back to back for ${r.seconds} s and then finishes the one in flight.`,
      '',
      '| Clients | Lifecycles | Elapsed s | Lifecycles per minute | s per lifecycle (per client) | Errors | Load (1 min) before / after |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...r.levels.map((l) => `| ${l.clients} | ${l.completed} | ${l.elapsedSeconds} | ${l.perMinute} | ${l.secondsPerLifecycle ?? '-'} | ${l.errors} | ${l.load1.join(' / ')} |`),
      '',
      `Per completed proposal: ${[...new Set(r.levels.flatMap((l) => l.historyEventsPerProposal))].join(' / ')} Temporal history events (one run each, no continue-as-new); ${r.levels.map((l) => l.postgresRowsPerProposal).join(' / ')} PostgreSQL rows (by client level), by table at 1 client: ${rowsLine}.`,
      'The two cores are shared by the clients, the API, the worker, Temporal and PostgreSQL, so these figures say what one small machine sustains, not where Accord tops out.',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  throughputBench()
    .then((r) => {
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      process.exit(0);
    })
    .catch((err) => {
      process.stderr.write(`throughput-bench: ${err.stack ?? err.message}\n`);
      process.exit(1);
    });
}
