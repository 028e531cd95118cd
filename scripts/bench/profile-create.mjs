// Where the time of POST /api/v1/proposals goes. Runs the real API from dist/ with a preloaded probe
// (lib/api-probe.cjs: CPU profile plus wall-clock totals of PostgreSQL queries, Temporal calls and whole requests),
// creates proposals one after another, and interleaves the bare Temporal start with and without the search
// attributes the API sets. Prints the split and writes artifacts/bench/profile-create.{json,cpuprofile}.
//
//   node scripts/bench/profile-create.mjs --requests 200 --no-build
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { accessionInput, insertProposalRow, load1, machine, options, repoRoot, say, sleep, startStack, stats, timed, utcNow, writeBenchmarkSection } from './lib/stack.mjs';

const opt = options();
const N = opt.num('requests', 200);
const WARMUP = opt.num('warmup', 20);

export async function profileCreate({ requests = N, warmup = WARMUP, build = !opt.flag('no-build') } = {}) {
  const dir = join(repoRoot, 'artifacts', 'bench');
  mkdirSync(dir, { recursive: true });
  const probeOut = join(dir, 'profile-create');
  const stack = await startStack({ build, verbose: opt.flag('verbose'), name: 'profile', env: { ACCORD_PROBE_OUT: probeOut }, apiNodeArgs: ['-r', join(repoRoot, 'scripts/bench/lib/api-probe.cjs')] });
  try {
    const owner = stack.officers[0];
    const token = await stack.login(owner.email);
    const { ACCORD_KIND, ACCORD_STAGE, ACCORD_OWNER } = await loadSearchAttributeKeys();
    const t = { api: [], bare: [], bareWithAttributes: [] };
    const bare = async (withAttributes) => {
      const id = randomUUID();
      await insertProposalRow(stack.db, id, owner.id);
      return timed(() =>
        stack.client.workflow.start('accessionProposal', {
          workflowId: `proposal-${id}`,
          taskQueue: stack.taskQueue,
          args: [accessionInput(id, owner.id)],
          ...(withAttributes
            ? { typedSearchAttributes: [{ key: ACCORD_KIND, value: 'accession' }, { key: ACCORD_STAGE, value: 'DRAFT' }, { key: ACCORD_OWNER, value: owner.id }] }
            : {}),
        }),
      );
    };
    for (let i = 0; i < warmup + requests; i++) {
      if (i === warmup) {
        process.kill(stack.api.pid, 'SIGWINCH'); // resets the probe's totals and profile after the warm-up
        await sleep(500);
      }
      if (process.env.PROBE_DEBUG) say(`iteration ${i}`);
      const a = await timed(() => stack.call(token, 'POST', '/api/v1/proposals', { kind: 'accession', titleEn: `Profile ${i}`, titleMn: `Профайл ${i}`, conventionCode: 'RKC', requestId: randomUUID() }));
      const b = await bare(false);
      const c = await bare(true);
      if (i >= warmup) {
        t.api.push(a);
        t.bare.push(b);
        t.bareWithAttributes.push(c);
      }
    }
    process.kill(stack.api.pid, 'SIGWINCH');
    await sleep(1500);
    const waits = JSON.parse(readFileSync(`${probeOut}.waits.json`, 'utf8'));
    const profile = JSON.parse(readFileSync(`${probeOut}.cpuprofile`, 'utf8'));
    const result = {
      requests,
      latencyMs: { apiCreate: stats(t.api), bareStart: stats(t.bare), bareStartWithSearchAttributes: stats(t.bareWithAttributes) },
      waitsPerRequestMs: Object.fromEntries(
        Object.entries(waits)
          .map(([k, v]) => [k, { perRequest: +(v.ms / requests).toFixed(2), calls: +(v.n / requests).toFixed(2), meanMs: +(v.ms / v.n).toFixed(2) }])
          .sort((x, y) => y[1].perRequest - x[1].perRequest),
      ),
      cpu: summariseProfile(profile, requests),
    };
    result.at = utcNow();
    result.machine = machine();
    result.load1 = +load1().toFixed(1);
    writeFileSync(`${probeOut}.json`, JSON.stringify(result, null, 2));
    writeProfile(result);
    return result;
  } finally {
    await stack.close();
  }
}

function writeProfile(r) {
  const L = r.latencyMs;
  const f = (x) => x.toFixed(1);
  const waits = Object.entries(r.waitsPerRequestMs);
  const http = waits.find(([k]) => k.startsWith('http:'))?.[1].perRequest ?? 0;
  const temporal = waits.filter(([k]) => k.startsWith('temporal:')).reduce((a, [, v]) => a + v.perRequest, 0);
  const pgTotal = waits.filter(([k]) => k.startsWith('pg:')).reduce((a, [, v]) => a + v.perRequest, 0);
  writeBenchmarkSection(
    'create-profile',
    [
      '## Where the time of a create goes (issue 10)',
      '',
      `Command: \`npm run bench\` (section written by \`scripts/bench/profile-create.mjs\`, ${r.requests} sequential creates after a warm-up); run ${r.at} UTC on ${r.machine}; load (1 min) at the end ${r.load1}. The API runs from \`dist/\` with \`scripts/bench/lib/api-probe.cjs\` preloaded: a V8 CPU profile (\`artifacts/bench/profile-create.cpuprofile\`, open it in Chrome DevTools) and wall-clock totals of every PostgreSQL query and Temporal call made while serving.`,
      '',
      `Latency p50 / p95 / p99: API create ${f(L.apiCreate.p50)} / ${f(L.apiCreate.p95)} / ${f(L.apiCreate.p99)} ms; bare start ${f(L.bareStart.p50)} / ${f(L.bareStart.p95)} / ${f(L.bareStart.p99)} ms; bare start with the API's three search attributes ${f(L.bareStartWithSearchAttributes.p50)} / ${f(L.bareStartWithSearchAttributes.p95)} / ${f(L.bareStartWithSearchAttributes.p99)} ms.`,
      '',
      '| Inside one create (mean per request) | ms |',
      '| --- | ---: |',
      `| whole request, as the server saw it | ${f(http)} |`,
      ...waits.filter(([k]) => !k.startsWith('http:')).map(([k, v]) => `| ${k.replace(/\|/g, '/').slice(0, 80)}${v.calls !== 1 ? ` (${v.calls} calls)` : ''} | ${f(v.perRequest)} |`),
      `| everything else (Nest pipeline, guards, validation, JSON, logging, event-loop waits) | ${f(Math.max(0, http - temporal - pgTotal))} |`,
      `| CPU busy in the API process | ${f(r.cpu.busyMsPerRequest)} |`,
      '',
      `CPU by where the code lives (ms per request): ${Object.entries(r.cpu.byPlaceMsPerRequest).filter(([k]) => k !== '(idle)' && k !== '(program)').slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    ].join('\n'),
  );
}

async function loadSearchAttributeKeys() {
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url)(join(repoRoot, 'dist/libs/contracts/search-attribute-keys.js'));
}

/** CPU time per request, total and by where the code lives (Accord, a package, Node itself). */
function summariseProfile(profile, requests) {
  const dt = profile.timeDeltas;
  const byNode = new Map();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (dt[i] ?? 0)));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const where = (url) => {
    if (!url) return '(native / gc / idle)';
    const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    if (url.startsWith('node:')) return 'node core';
    if (url.includes('/dist/')) return 'accord (dist)';
    return url;
  };
  const byPlace = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const [id, us] of byNode) {
    const n = nodes.get(id);
    const fn = n.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)' || fn === '(program)') {
      byPlace.set(fn, (byPlace.get(fn) ?? 0) + us);
      continue;
    }
    busy += us;
    const place = fn === '(garbage collector)' ? 'gc' : where(n.callFrame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    const key = `${fn} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const perReq = (us) => +(us / 1000 / requests).toFixed(2);
  return {
    busyMsPerRequest: perReq(busy),
    byPlaceMsPerRequest: Object.fromEntries([...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => [k, perReq(v)])),
    topFunctionsMsPerRequest: Object.fromEntries([...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => [k, perReq(v)])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  profileCreate()
    .then((r) => {
      say(`profile of ${r.requests} creates:`);
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      process.exit(0);
    })
    .catch((err) => {
      process.stderr.write(`profile-create: ${err.stack ?? err.message} ${err.cause?.stack ?? ""}\n`);
      process.exit(1);
    });
}
