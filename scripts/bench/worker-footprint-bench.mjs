// Worker footprint (issue 10): N accession workflows (default 10,000) waiting on an approval. They are started with
// the bare client and the inputs the API builds (read-model rows inserted first, in one statement), then moved to
// the division head's translation acceptance with the same updates the API sends. Measures the worker's resident
// memory (VmRSS) and CPU while they wait, then SIGKILLs the worker, starts a new one and measures the time until
// every workflow answers its state query and until an approval on a sample succeeds.
//
//   node scripts/bench/worker-footprint-bench.mjs --workflows 10000 --concurrency 48 --no-build
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { accessionInput, load1, machine, options, processUsage, repoRoot, say, sleep, startStack, stats, utcNow, writeBenchmarkSection } from './lib/stack.mjs';

const opt = options();

/** Runs fn over items with at most `limit` in flight. */
async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

async function retry(fn, attempts = 5) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw err;
      await sleep(200 * i);
    }
  }
}

export async function workerFootprintBench({
  workflows = opt.num('workflows', 10_000),
  real = opt.num('real', 500),
  concurrency = opt.num('concurrency', 48),
  // The worker's workflow cache (WORKER_MAX_CACHED_WORKFLOWS); 0 leaves the worker's own default.
  cache = opt.num('cache', 0),
  // The worker's V8 old-space limit in MiB (NODE_OPTIONS=--max-old-space-size); 0 leaves Node's default.
  heapMb = opt.num('heap-mb', 0),
  build = !opt.flag('no-build'),
  write = true,
  command = `node ${process.argv.slice(1).join(' ').replace(/^.*?scripts\//, 'scripts/')}`,
} = {}) {
  const stack = await startStack({ build, name: 'footprint', api: false, verbose: opt.flag('verbose'), env: {
      ...(cache ? { WORKER_MAX_CACHED_WORKFLOWS: String(cache) } : {}),
      ...(heapMb ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim() } : {}),
    },
  });
  try {
    const { db, client, taskQueue } = stack;
    const owner = stack.officers[0];
    const head = stack.people.head;
    const ids = Array.from({ length: workflows }, () => randomUUID());
    await db.query(
      `INSERT INTO proposals (id, kind, title_en, title_mn, owner_id, division, stage, workflow_id, definition_version, stage_entered_at, create_request_id, details)
       SELECT id, 'accession', 'Footprint', 'Footprint', $2, 'bench', 'DRAFT', 'proposal-' || id, 'accession-v1', now(), 'proposal-' || id, '{"fields":{"conventionCode":"RKC"}}'
         FROM unnest($1::uuid[]) AS id`,
      [ids, owner.id],
    );
    const { ACCORD_KIND, ACCORD_STAGE, ACCORD_OWNER } = (await import('node:module')).createRequire(import.meta.url)(join(repoRoot, 'dist/libs/contracts/search-attribute-keys.js'));
    const ownerActor = { id: owner.id, roles: ['officer'] };
    const update = (id, action) => client.workflow.getHandle(`proposal-${id}`).executeUpdate('proposalAction', { args: [{ requestId: randomUUID(), action }], updateId: randomUUID() });
    const doc = (kind) => ({ type: 'attach_document', actor: ownerActor, document: { kind, documentId: randomUUID(), version: 1, fileName: `${kind}.pdf` } });

    const attributes = [{ key: ACCORD_KIND, value: 'accession' }, { key: ACCORD_STAGE, value: 'TRANSLATION' }, { key: ACCORD_OWNER, value: owner.id }];
    const start = (id, args) => retry(() => client.workflow.start('accessionProposal', { workflowId: `proposal-${id}`, taskQueue, args, typedSearchAttributes: attributes }));
    const driveReal = async (id) => {
      await retry(() => update(id, doc('convention_text')));
      await retry(() => update(id, { type: 'submit', actor: ownerActor }));
      await retry(() => update(id, doc('translation')));
      await retry(() => update(id, { type: 'complete_work', actor: ownerActor }));
    };
    // `real` of them go the whole way (start + the 4 updates the API sends); the rest start at the same wait through
    // the workflow's continue-as-new input (the state of a real one at the approval, its ids replaced), which is what
    // a long-lived proposal looks like after continue-as-new: same state and timers, short history.
    const realIds = ids.slice(0, real);
    const resumedIds = ids.slice(real);
    say(`footprint: ${real} workflows the whole way (${concurrency} in flight)...`);
    let t = performance.now();
    await pool(realIds, concurrency, (id) => start(id, [accessionInput(id, owner.id)]));
    const realStartSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await pool(realIds, concurrency, driveReal);
    const driveSeconds = (performance.now() - t) / 1000;
    const template = await retry(async () => {
      const st = await client.workflow.getHandle(`proposal-${realIds[0]}`).query('proposalState');
      if (!st.tasks.some((x) => x.status === 'open' && x.kind === 'approval' && x.assigneeId)) throw new Error('not assigned yet');
      return st;
    }, 50);
    const { eventSeq, ...templateState } = template;
    const templateJson = JSON.stringify(templateState);
    say(`footprint: ${resumedIds.length} more started at the approval wait...`);
    t = performance.now();
    await pool(resumedIds, concurrency, (id) =>
      start(id, [{ ...accessionInput(id, owner.id), resume: { state: JSON.parse(templateJson.split(realIds[0]).join(id)), eventSeq, handledRequests: {} } }]),
    );
    const resumedStartSeconds = (performance.now() - t) / 1000;
    const startSeconds = realStartSeconds + resumedStartSeconds;
    // Settled when every workflow has sent its approver's email (the last thing each does before it waits).
    t = performance.now();
    for (;;) {
      const [{ n }] = (await db.query(`SELECT count(DISTINCT proposal_id)::int AS n FROM email_messages WHERE status = 'sent'`)).rows;
      if (n >= workflows) break;
      await sleep(1000);
    }
    const settleSeconds = (performance.now() - t) / 1000;
    say(`footprint: all waiting on an approval (starts ${startSeconds.toFixed(0)} s, updates ${driveSeconds.toFixed(0)} s, settle ${settleSeconds.toFixed(0)} s); measuring the idle worker for 30 s...`);

    const pid = stack.worker.pid;
    await sleep(5000);
    const u0 = processUsage(pid);
    const w0 = Date.now();
    await sleep(30000);
    const u1 = processUsage(pid);
    const idle = { rssMiB: +(u1.rssKb / 1024).toFixed(0), peakRssMiB: +(u1.hwmKb / 1024).toFixed(0), cpuPercentIdle: +(((u1.cpuMs - u0.cpuMs) / (Date.now() - w0)) * 100).toFixed(1), cpuSecondsTotal: +(u1.cpuMs / 1000).toFixed(0) };
    say(`footprint: worker RSS ${idle.rssMiB} MiB (peak ${idle.peakRssMiB}), idle CPU ${idle.cpuPercentIdle}%`);

    // Restart: SIGKILL, a new worker, then every workflow must answer a state query (cache empty: each is replayed).
    await stack.killWorker();
    t = performance.now();
    const w = stack.startWorker();
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(workflows / 20)) === 0).slice(0, 20);
    const firstQueryMs = await (async () => {
      for (;;) {
        try {
          await client.workflow.getHandle(`proposal-${sample[0]}`).query('proposalState');
          return performance.now() - t;
        } catch {
          await sleep(100);
        }
      }
    })();
    const queryLatencies = [];
    let open = 0;
    await pool(ids, concurrency, async (id) => {
      const q0 = performance.now();
      const st = await retry(() => client.workflow.getHandle(`proposal-${id}`).query('proposalState'), 10);
      queryLatencies.push(performance.now() - q0);
      if (st.tasks.some((x) => x.status === 'open' && x.kind === 'approval')) open += 1;
    });
    const allAnsweredSeconds = (performance.now() - t) / 1000;
    const afterQueries = processUsage(w.pid);
    // Approvals on the sample, as the division head.
    const a0 = performance.now();
    await pool(sample, 4, async (id) => {
      const st = await client.workflow.getHandle(`proposal-${id}`).query('proposalState');
      const task = st.tasks.find((x) => x.status === 'open' && x.kind === 'approval');
      await update(id, { type: 'decide', actor: { id: head, roles: ['division_head'] }, taskId: task.id, decision: 'approve' });
    });
    const sampleApproveSeconds = (performance.now() - a0) / 1000;
    const result = {
      at: utcNow(),
      machine: machine(),
      workflows,
      real,
      concurrency,
      cache: cache || null,
      heapMb: heapMb || null,
      realStartSeconds: +realStartSeconds.toFixed(1),
      resumedStartSeconds: +resumedStartSeconds.toFixed(1),
      resumedStartsPerSecond: +(resumedIds.length / resumedStartSeconds).toFixed(0),
      startSeconds: +startSeconds.toFixed(1),
      startsPerSecond: +(workflows / startSeconds).toFixed(0),
      driveToApprovalSeconds: +driveSeconds.toFixed(1),
      settleSeconds: +settleSeconds.toFixed(1),
      idle,
      restart: {
        firstQueryAnsweredSeconds: +(firstQueryMs / 1000).toFixed(1),
        allAnsweredSeconds: +allAnsweredSeconds.toFixed(1),
        openApprovalsSeen: open,
        queryLatencyMs: Object.fromEntries(Object.entries(stats(queryLatencies)).map(([k, v]) => [k, +v.toFixed(1)])),
        rssAfterAllQueriedMiB: +(afterQueries.rssKb / 1024).toFixed(0),
        peakRssMiB: +(afterQueries.hwmKb / 1024).toFixed(0),
        sampleApprovals: sample.length,
        sampleApproveSeconds: +sampleApproveSeconds.toFixed(1),
      },
      load1: +load1().toFixed(1),
    };
    if (write) writeFootprint(result, command);
    return result;
  } finally {
    await stack.close();
  }
}

export function writeFootprint(r, command = 'npm run bench') {
  mkdirSync(join(repoRoot, 'artifacts', 'bench'), { recursive: true });
  writeFileSync(join(repoRoot, 'artifacts', 'bench', 'worker-footprint.json'), JSON.stringify(r, null, 2));
  writeFileSync(join(repoRoot, 'artifacts', 'bench', `worker-footprint-cache-${r.cache ?? 'default'}${r.heapMb ? `-heap-${r.heapMb}` : ''}.json`), JSON.stringify(r, null, 2));
  writeCacheComparison();
  const R = r.restart;
  writeBenchmarkSection(
    'worker-footprint',
    [
      '## Worker footprint: waiting workflows (issue 10)',
      '',
      `Command: \`${command}\` (section written by \`scripts/bench/worker-footprint-bench.mjs\`); run ${r.at} UTC on ${r.machine}. One worker from \`dist/\` with ${r.cache ? `a workflow cache of ${r.cache.toLocaleString('en')} (\`WORKER_MAX_CACHED_WORKFLOWS\`)` : "the SDK's default cache (`maxCachedWorkflows` from the heap limit: 2,310 on this machine)"}${r.heapMb ? ` and a V8 heap limit of ${r.heapMb} MiB (\`NODE_OPTIONS=--max-old-space-size=${r.heapMb}\`)` : ''}, Temporal dev server in memory.`,
      `${r.workflows.toLocaleString('en')} accession workflows waiting on the division head's translation acceptance (assigned approval task, reminder timers set, email sent), started with the bare client and the API's inputs, ${r.concurrency} in flight. ${r.real.toLocaleString('en')} went the whole way (start, then the API's 4 updates: convention text, submit, translation, translation done); the other ${(r.workflows - r.real).toLocaleString('en')} were started at that wait through the workflow's continue-as-new input (a real one's state, ids replaced): what a long-lived proposal looks like after continue-as-new, and the only way to reach 10,000 within the run (the full path managed about ${(r.real * 4 / r.driveToApprovalSeconds).toFixed(0)} updates/s here).`,
      '',
      '| Measure | Value |',
      '| --- | ---: |',
      `| ${r.workflows.toLocaleString('en')} starts in all | ${r.startSeconds} s (${r.startsPerSecond}/s) |`,
      `| ... of which ${(r.workflows - r.real).toLocaleString('en')} started at the wait | ${r.resumedStartSeconds} s (${r.resumedStartsPerSecond}/s) |`,
      `| ${r.real.toLocaleString('en')} moved to the approval (4 updates each) | ${r.driveToApprovalSeconds} s |`,
      `| until every workflow had sent its approver's email | ${r.settleSeconds} s more |`,
      `| worker resident memory while they wait (VmRSS) | ${r.idle.rssMiB} MiB (peak ${r.idle.peakRssMiB} MiB) |`,
      `| worker CPU while they wait (30 s) | ${r.idle.cpuPercentIdle}% of one core |`,
      `| after SIGKILL + new worker: first state query answered | ${R.firstQueryAnsweredSeconds} s |`,
      `| ... every workflow answered its state query | ${R.allAnsweredSeconds} s (query p50 / p95 / p99 ${R.queryLatencyMs.p50} / ${R.queryLatencyMs.p95} / ${R.queryLatencyMs.p99} ms, ${R.openApprovalsSeen} open approvals seen) |`,
      `| new worker's memory after replaying all (VmRSS / peak) | ${R.rssAfterAllQueriedMiB} / ${R.peakRssMiB} MiB |`,
      `| approvals on ${R.sampleApprovals} of them after the restart | all succeeded in ${R.sampleApproveSeconds} s |`,
      '',
      `Target: under 1 GiB resident with 10,000 waiting workflows: **${r.idle.rssMiB < 1024 && R.peakRssMiB < 1024 ? 'met' : 'not met'}**. A waiting workflow holds no worker memory once it leaves the cache; the cache bound, not the number of open workflows, sets the worker's size. Load (1 min) at the end: ${r.load1}.`,
    ].join('\n'),
  );
}

/** One row per cache size measured (artifacts/bench/worker-footprint-cache-*.json): memory against restart time. */
function writeCacheComparison() {
  const dir = join(repoRoot, 'artifacts', 'bench');
  const runs = readdirSync(dir)
    .filter((f) => /^worker-footprint-cache-.*\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .sort((a, b) => (a.cache ?? Infinity) - (b.cache ?? Infinity) || (a.heapMb ?? Infinity) - (b.heapMb ?? Infinity));
  writeBenchmarkSection(
    'worker-footprint-cache',
    [
      '## Worker memory against the workflow cache (issue 10)',
      '',
      'Same run as above (`node scripts/bench/worker-footprint-bench.mjs --cache N`), one row per cache size. A cached workflow answers at once; one outside the cache is replayed from its history on its next task (a timer, an update, a query), which costs CPU and some milliseconds, not correctness.',
      '',
      '| Cache (`WORKER_MAX_CACHED_WORKFLOWS`) | V8 heap limit | Waiting workflows | RSS while waiting MiB (peak) | Idle CPU | After restart: all answered | Query p50 / p99 ms | RSS after replaying all MiB (peak) | Run |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...runs.map(
        (r) =>
          `| ${r.cache ? r.cache.toLocaleString('en') : "SDK default (2,310 here)"} | ${r.heapMb ? `${r.heapMb} MiB` : "Node's default"} | ${r.workflows.toLocaleString('en')} | ${r.idle.rssMiB} (${r.idle.peakRssMiB}) | ${r.idle.cpuPercentIdle}% | ${r.restart.allAnsweredSeconds} s | ${r.restart.queryLatencyMs.p50} / ${r.restart.queryLatencyMs.p99} | ${r.restart.rssAfterAllQueriedMiB} (${r.restart.peakRssMiB}) | ${r.at} |`,
      ),
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  workerFootprintBench()
    .then((r) => {
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      process.exit(0);
    })
    .catch((err) => {
      process.stderr.write(`worker-footprint-bench: ${err.stack ?? err.message}\n`);
      process.exit(1);
    });
}
