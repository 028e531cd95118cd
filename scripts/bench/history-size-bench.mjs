// History size (issue 10): Temporal history events per proposal (a) on the happy path, (b) for one that waits a
// year on an approval (its reminder and escalation ladder runs out), (c) for one in coordination for a year with a
// remark recorded and answered every week, and (d) for one hammered with updates until it continues as new at
// 2,000 events. Uses a shortened definition day (ACCORD_WORKFLOW_DAY_MS) so a year passes in seconds. Checks that
// no run passes 10,000 events.
//
//   node scripts/bench/history-size-bench.mjs --day-ms 20 --updates 1000 --no-build
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { driveLifecycle, signIn } from './lib/lifecycle.mjs';
import { machine, options, repoRoot, say, sleep, startStack, utcNow, writeBenchmarkSection } from './lib/stack.mjs';

const opt = options();
const LIMIT = 10_000;

/** Every run of the workflow (continue-as-new makes new ones) with its history length, oldest first. */
async function runs(client, workflowId) {
  const out = [];
  for await (const w of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) out.push({ runId: w.runId, status: w.status.name, historyLength: w.historyLength, startTime: w.startTime });
  for (const r of out) if (!r.historyLength) r.historyLength = (await client.workflow.getHandle(workflowId, r.runId).fetchHistory()).events.length;
  return out.sort((a, b) => a.startTime - b.startTime);
}

const summary = (rs) => ({ runs: rs.length, events: rs.reduce((a, r) => a + r.historyLength, 0), largestRun: Math.max(...rs.map((r) => r.historyLength)), perRun: rs.map((r) => r.historyLength) });

/** `happyPath`: events per run of completed proposals at the normal day length (the throughput bench's figure). */
export async function historySizeBench({ dayMs = opt.num('day-ms', 20), updates = opt.num('updates', 1000), happyPath = null, build = !opt.flag('no-build'), write = true, command = `node ${process.argv.slice(1).join(' ').replace(/^.*?scripts\//, 'scripts/')}` } = {}) {
  const stack = await startStack({ build, name: 'history', dayMs, verbose: opt.flag('verbose') });
  try {
    const tokens = await signIn(stack, 1);
    const owner = tokens.owners[0];
    const t = owner.token;
    const act = (id, path, body = {}) => stack.call(t, 'POST', `/api/v1/proposals/${id}/${path}`, { requestId: randomUUID(), ...body });
    const yearMs = 365 * dayMs;
    // Let the last timers fire and their emails go out before counting.
    const quiet = async () => sleep(Math.max(3000, 40 * dayMs));

    say(`history: a year waiting on an approval (day = ${dayMs} ms, a year = ${(yearMs / 1000).toFixed(1)} s)...`);
    const waitId = await driveLifecycle(stack, owner, tokens.colleague, { untilStage: 'TRANSLATION_APPROVAL' });
    const waitStart = (await runs(stack.client, `proposal-${waitId}`))[0].historyLength;
    await sleep(yearMs);
    await quiet();
    const waiting = { ...summary(await runs(stack.client, `proposal-${waitId}`)), atStartOfWait: waitStart };
    const waitEvents = (await stack.call(t, 'GET', `/api/v1/proposals/${waitId}`)).timeline.map((e) => e.type).filter((x) => x === 'TASK_REMINDED' || x === 'TASK_ESCALATED');

    say('history: a year in coordination with a remark and its answer every week...');
    const { id: coordId } = await stack.call(t, 'POST', '/api/v1/proposals', { kind: 'accession', titleEn: 'Weekly remarks', titleMn: 'Долоо хоног бүр', conventionCode: 'RKC', requestId: randomUUID() });
    await stack.upload(t, coordId, 'convention_text');
    await act(coordId, 'submit');
    await stack.upload(t, coordId, 'translation');
    await act(coordId, 'complete-stage');
    const approve = async (id) => {
      const task = await (async () => {
        for (;;) {
          const st = await stack.client.workflow.getHandle(`proposal-${id}`).query('proposalState');
          const open = st.tasks.find((x) => x.status === 'open' && x.kind === 'approval' && x.assigneeId);
          if (open) return open;
          await sleep(100);
        }
      })();
      const head = await stack.login('head@bench.test');
      await stack.call(head, 'POST', `/api/v1/proposals/${id}/decisions`, { requestId: randomUUID(), taskId: task.id, decision: 'approve' });
    };
    await approve(coordId);
    await stack.upload(t, coordId, 'research_report');
    await act(coordId, 'complete-stage');
    await approve(coordId);
    const weekMs = 7 * dayMs;
    const yearStart = Date.now();
    for (let w = 1; w <= 52; w++) {
      await act(coordId, 'remarks', { body: `Ministry ${w}`, remarks: `Remark of week ${w}`, replyDeadline: '2026-12-31' });
      await act(coordId, `remarks/r${w}/response`, { response: `Answer ${w}` });
      const next = yearStart + w * weekMs;
      if (next > Date.now()) await sleep(next - Date.now());
    }
    const elapsed = Date.now() - yearStart;
    if (elapsed < yearMs) await sleep(yearMs - elapsed);
    await quiet();
    const weekly = summary(await runs(stack.client, `proposal-${coordId}`));

    say(`history: ${updates} updates on one proposal (continue-as-new at 2,000 events)...`);
    const { id: busyId } = await stack.call(t, 'POST', '/api/v1/proposals', { kind: 'accession', titleEn: 'Many documents', titleMn: 'Олон баримт', conventionCode: 'RKC', requestId: randomUUID() });
    const handle = () => stack.client.workflow.getHandle(`proposal-${busyId}`);
    const actor = { id: owner.id, roles: ['officer'] };
    let deferred = 0;
    for (let i = 0; i < updates; i++) {
      const requestId = randomUUID();
      for (;;) {
        try {
          await handle().executeUpdate('proposalAction', {
            args: [{ requestId, action: { type: 'attach_document', actor, document: { kind: 'other', documentId: randomUUID(), version: i + 1, fileName: `annex-${i}.pdf` } } }],
            updateId: requestId,
          });
          break;
        } catch (err) {
          // Past 5,000 events the workflow defers actions until it has continued as new; the API's gateway retries the
          // same way (libs/temporal/proposal-workflow.gateway.ts).
          if (err?.cause?.type !== 'ProposalActionDeferred') throw err;
          deferred += 1;
          await sleep(100);
        }
      }
    }
    // The ordered outbox writes one read-model record at a time, so it trails a burst; continue-as-new waits for it.
    const burstEnded = Date.now();
    const target = (await handle().query('proposalState')).eventSeq;
    for (;;) {
      const [{ seq }] = (await stack.db.query('SELECT last_event_seq AS seq FROM proposals WHERE id = $1', [busyId])).rows;
      if (seq >= target) break;
      await sleep(500);
    }
    const outboxLagSeconds = +((Date.now() - burstEnded) / 1000).toFixed(1);
    await quiet();
    const busy = { ...summary(await runs(stack.client, `proposal-${busyId}`)), outboxLagSeconds, deferred };
    const busyState = await handle().query('proposalState');

    const all = [waiting, weekly, busy];
    const result = {
      at: utcNow(),
      machine: machine(),
      dayMs,
      happyPath,
      yearWaitingOnApproval: { ...waiting, remindersAndEscalations: waitEvents },
      yearOfWeeklyRemarks: weekly,
      manyUpdates: { updates, ...busy, eventSeqAfter: busyState.eventSeq, documentsKept: busyState.documents?.length ?? null },
      largestRunAnywhere: Math.max(...all.map((s) => s.largestRun)),
      underLimit: all.every((s) => s.largestRun < LIMIT),
    };
    if (write) writeHistory(result, command);
    return result;
  } finally {
    await stack.close();
  }
}

export function writeHistory(r, command = 'npm run bench') {
  mkdirSync(join(repoRoot, 'artifacts', 'bench'), { recursive: true });
  writeFileSync(join(repoRoot, 'artifacts', 'bench', 'history-size.json'), JSON.stringify(r, null, 2));
  const row = (label, s) => `| ${label} | ${s.runs} | ${s.events} | ${s.largestRun} | ${s.perRun.join(', ')} |`;
  writeBenchmarkSection(
    'history-size',
    [
      '## History size: events per proposal (issue 10)',
      '',
      `Command: \`${command}\` (section written by \`scripts/bench/history-size-bench.mjs\`); run ${r.at} UTC on ${r.machine}. Definition day shortened to ${r.dayMs} ms (\`ACCORD_WORKFLOW_DAY_MS\`) so a year passes in ${((365 * r.dayMs) / 1000).toFixed(1)} s; everything else is the real stack.`,
      '',
      '| Proposal | Runs | Events in all | Largest run | Events per run |',
      '| --- | ---: | ---: | ---: | --- |',
      ...(r.happyPath ? [`| happy path, created to COMPLETED (throughput bench, normal day length) | 1 | ${r.happyPath.join(' / ')} | ${Math.max(...r.happyPath)} | one run each |`] : []),
      row(`waits a year on the translation acceptance (${r.yearWaitingOnApproval.atStartOfWait} events when the wait began)`, r.yearWaitingOnApproval),
      row('a year in coordination, a remark recorded and answered every week (104 updates)', r.yearOfWeeklyRemarks),
      row(`${r.manyUpdates.updates} document uploads on one draft, back to back (outbox caught up ${r.manyUpdates.outboxLagSeconds} s after the last; ${r.manyUpdates.deferred ?? 0} deferrals retried)`, r.manyUpdates),
      '',
      `While waiting a year the task's ladder sent ${r.yearWaitingOnApproval.remindersAndEscalations.length} reminders/escalations (${r.yearWaitingOnApproval.remindersAndEscalations.join(', ') || 'none'}): the ladder is finite (reminders 14 and 3 days before the due date, escalations 7 and 30 days after), so a silent wait costs no history; there are no weekly reminders to repeat. Weekly activity is what grows a history, so the third row has some every week.`,
      'A burst of updates holds continue-as-new back: the run continues as new only once its outbox is empty and no update is in flight, and the ordered outbox needs a moment to catch up (it writes up to 50 read-model items per activity since `patched(\'batched-read-model-writes\')`). So once a run is past 5,000 events, new actions are deferred (refused at once with no history event, retried by the API after a moment) until it has continued as new: a burst stretches a run to about 5,000 events and no further (the last row). A proposal\'s people do not act hundreds of times a minute, but nothing stops a script from doing so.',
      `Largest run anywhere: ${r.largestRunAnywhere} events; limit 10,000: **${r.underLimit ? 'never passed' : 'PASSED'}**. The workflow continues as new once a run passes 2,000 events (\`workflows/proposal-shell.ts\`), carrying its state, event sequence and remembered request ids.`,
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  historySizeBench()
    .then((r) => {
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      process.exit(0);
    })
    .catch((err) => {
      process.stderr.write(`history-size-bench: ${err.stack ?? err.message}\n`);
      process.exit(1);
    });
}
