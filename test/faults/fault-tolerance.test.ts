import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { Client as PgClient } from 'pg';
import { proposalStateQuery, proposalWorkflowId } from '../../libs/contracts';
import { AccessionFlow, Expectation } from './support/accession-flow';
import { expectStatus } from './support/api-client';
import { checkProposals, unrecordedDeliveries, waitUntilSettled } from './support/checks';
import { FaultWorld } from './support/fault-world';
import { publishTable, ScenarioRow } from './support/report';
import { TcpProxy } from './support/tcp-proxy';
import { TripFlow } from './support/trip-flow';

const say = (msg: string) => process.stdout.write(`[faults] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const times = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Accord under faults, in a world of its own (see support/fault-world.ts): processes, the database and the mail
 * server fail while proposals are in flight, and afterwards every proposal must be where it should be, with its
 * timeline whole, every email delivered exactly once, no task left open and no workflow stuck.
 */
describe('fault tolerance: nothing lost when a process, the database or the mail server fails', () => {
  let world: FaultWorld;
  let flow: AccessionFlow;
  let trips: TripFlow;
  const rows: ScenarioRow[] = [];

  beforeAll(async () => {
    const started = Date.now();
    world = await FaultWorld.create(say);
    await Promise.all([world.api('api-1'), world.worker('worker-1')]);
    await world.seedOrganisation();
    flow = new AccessionFlow(world);
    trips = new TripFlow(world);
    say(`world ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${world.dir})`);
  }, 240_000);

  let baseline = { retries: 0, failures: 0 };
  beforeEach(() => {
    baseline = { retries: world.http.retries, failures: world.activityFailures() };
  });

  afterEach(async () => {
    // Whatever a scenario did (or failed half-way through), the next one starts from a whole world.
    if (!world) return;
    if (!world.pg.running()) await world.pg.start();
    if (!world.temporal.running) await world.temporal.start();
    await world.smtp.setMode('accept');
    for (const reason of world.unexpectedExits()) say(`a process died on its own: ${reason.slice(0, 500)}`);
    await Promise.all([world.api('api-1'), world.worker('worker-1')]);
  }, 180_000);

  afterAll(async () => {
    if (rows.length) say(`\n${publishTable(rows, join(__dirname, '..', '..'))}\n`);
    await world?.close(!!process.env.ACCORD_FAULTS_KEEP);
  }, 60_000);

  /** Waits for recovery, checks every proposal, records the table row and fails the test on any finding. */
  async function verdict(scenario: string, inFlight: Expectation[], faultEnded: number, opts: { settleMs: number; notes?: string[]; then?: () => Promise<void> }) {
    const row: ScenarioRow = { scenario, inFlight: inFlight.length, lost: 0, duplicated: 0, recoveryMs: null, notes: '', passed: false };
    rows.push(row);
    // A world that never catches up still gets its row filled in from the checks, then fails with the laggards.
    let notRecovered: Error | null = null;
    try {
      await waitUntilSettled(world, inFlight, opts.settleMs);
      row.recoveryMs = Date.now() - faultEnded;
      if (opts.then) {
        // The proposals go on after recovery: their next steps work and are counted too.
        await opts.then();
        await waitUntilSettled(world, inFlight, 90_000);
      }
    } catch (err) {
      notRecovered = err as Error;
    }
    const effort = `client retries ${world.http.retries - baseline.retries}, failed activity attempts ${world.activityFailures() - baseline.failures}`;
    row.notes = [...(opts.notes ?? []), effort].join('; ');
    await sleep(1500); // anything sent twice would arrive now
    const v = await checkProposals(world, inFlight);
    const strays = await unrecordedDeliveries(world);
    row.lost = v.lost;
    row.duplicated = v.duplicated + strays.length;
    const crashed = world.unexpectedExits();
    row.passed = !notRecovered && v.problems.length === 0 && strays.length === 0 && crashed.length === 0 && row.lost === 0 && row.duplicated === 0;
    say(`${scenario}: ${row.passed ? 'pass' : 'FAIL'}, ${row.recoveryMs === null ? 'never recovered' : `recovered in ${(row.recoveryMs / 1000).toFixed(1)} s`}`);
    if (notRecovered) throw new Error(`${notRecovered.message}\nchecks: ${JSON.stringify(v, null, 2)}`);
    expect({ problems: v.problems, unrecordedDeliveries: strays, processesThatDied: crashed }).toEqual({ problems: [], unrecordedDeliveries: [], processesThatDied: [] });
    expect({ lost: row.lost, duplicated: row.duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }

  /** Proposals in TRANSLATION with the translation attached, settled, ready for the owner to complete the stage. */
  async function readyProposals(n: number): Promise<Expectation[]> {
    const ps = await times(n, async () => {
      const e = await flow.create();
      await flow.readyForReview(e);
      return e;
    });
    await waitUntilSettled(world, ps, 60_000);
    return ps;
  }

  /** ... and with the division head's approval task assigned and emailed. */
  async function proposalsAwaitingApproval(n: number): Promise<Expectation[]> {
    const ps = await readyProposals(n);
    await Promise.all(ps.map((e) => flow.completeStage(e)));
    await waitUntilSettled(world, ps, 60_000);
    return ps;
  }

  const approveAll = (ps: Expectation[]) => () => Promise.all(ps.map((e) => flow.approve(e))).then(() => undefined);

  it('0. the checks themselves catch a lost event, a task left open, a duplicate email and a stuck send', async () => {
    const [a, b] = await proposalsAwaitingApproval(2);
    expect(await checkProposals(world, [a, b])).toEqual({ proposals: 2, lost: 0, duplicated: 0, problems: [] });
    await world.ds.query(`DELETE FROM proposal_events WHERE proposal_id = $1 AND seq = 2`, [a.id]);
    await world.ds.query(`UPDATE tasks SET status = 'open' WHERE proposal_id = $1 AND status = 'done'`, [a.id]);
    // The same message once more, as a resend after a crash would deliver it.
    const [{ message_id: messageId }] = await world.ds.query(`SELECT message_id FROM email_messages WHERE proposal_id = $1`, [b.id]);
    const resend = createTransport({ host: '127.0.0.1', port: world.smtp.port, secure: false, ignoreTLS: true });
    await resend.sendMail({ from: 'accord@customs.test', to: world.org.head.email, subject: 'again', text: 'again', messageId, headers: { 'X-Accord-Template': 'task-assigned' } });
    resend.close();
    // A send that cannot finish: the SMTP server holds the owner's notification.
    await world.smtp.setMode('hold');
    await flow.approve(b);
    await until('the notification to be held', () => world.smtp.heldCount > 0);
    const v = await checkProposals(world, [a, b]);
    await world.smtp.setMode('accept');
    expect(v.lost).toBeGreaterThanOrEqual(1);
    expect(v.duplicated).toBeGreaterThanOrEqual(1);
    const text = v.problems.join('\n');
    expect(text).toMatch(/timeline misses seq 2/);
    expect(text).toMatch(/tasks closed in the workflow but open in PostgreSQL/);
    expect(text).toMatch(/task-assigned to head@faults.customs.test delivered 2 times/);
    expect(text).toMatch(/stuck: notifyProposalEvent/);
  });

  it('1a. kill -9 of the worker in the middle of projection writes, then a new worker', async () => {
    const ps = await readyProposals(4);
    // Hold every timeline insert at PostgreSQL's door: the writes are running, and cannot finish.
    const lock = new PgClient({ connectionString: world.databaseUrl });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE proposal_events IN EXCLUSIVE MODE');
      await Promise.all(ps.map((e) => flow.completeStage(e)));
      const blocked = async () =>
        Number((await world.ds.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO proposal_events%'`))[0].n);
      await until('timeline writes blocked in PostgreSQL', async () => (await blocked()) >= ps.length);
      // The task emails do not wait for the timeline: let them finish, so only projection writes are in flight.
      await until('the task emails to be sent', async () => {
        const [{ n }] = await world.ds.query(`SELECT count(*) AS n FROM email_messages WHERE proposal_id = ANY($1) AND status = 'sent'`, [ps.map((e) => e.id)]);
        return Number(n) >= ps.length;
      });
      say(`1a: ${await blocked()} timeline writes in flight; kill -9 worker-1`);
      await world.processes.get('worker-1')!.kill9();
    } finally {
      await lock.query('COMMIT').catch(() => undefined);
      await lock.end();
    }
    const killedAt = Date.now();
    await world.worker('worker-1');
    await verdict('1a. worker kill -9 mid projection write', ps, killedAt, { settleMs: 90_000, then: approveAll(ps) });
  });

  it('1b. kill -9 of the worker in the middle of email sends, then a new worker', async () => {
    const ps = await readyProposals(4);
    // The SMTP server takes each message and keeps its answer back: the sends are in the middle of DATA.
    await world.smtp.setMode('hold');
    await Promise.all(ps.map((e) => flow.completeStage(e)));
    await until('task emails held at the SMTP server', () => world.smtp.heldCount >= ps.length, 60_000);
    const abandonedBefore = world.smtp.abandoned.length;
    say(`1b: ${world.smtp.heldCount} emails mid-send; kill -9 worker-1`);
    await world.processes.get('worker-1')!.kill9();
    const killedAt = Date.now();
    // The dead worker's connections close; those messages were never acknowledged, so never delivered.
    await until('the held sessions to close', () => world.smtp.heldCount === 0 && world.smtp.abandoned.length - abandonedBefore >= ps.length, 10_000);
    await world.smtp.setMode('accept');
    await world.worker('worker-1');
    // Within 90 s: the send's heartbeat (15 s) and lease (20 s) let the next attempt take over, not its 1-minute timeout.
    await verdict('1b. worker kill -9 mid email send', ps, killedAt, { settleMs: 90_000, notes: [`${world.smtp.abandoned.length - abandonedBefore} messages cut off mid-DATA`], then: approveAll(ps) });
  });

  it('2. kill -9 of the Temporal dev server while workflows wait on timers and tasks, restart on the same state file', async () => {
    // An API whose new workflows run on a day of one second: DRAFT reminder ladders and trips' departure and
    // return timers fall due within the minute, while the server is down.
    const timers = await world.api('api-timers', { ACCORD_WORKFLOW_DAY_MS: '1000', TRIP_LEAD_TIME_WORKING_DAYS: '0', TRIP_REPORT_DUE_WORKING_DAYS: '40' });
    world.reserved.add(timers.name);
    const waiting = await proposalsAwaitingApproval(3);
    const startedAt = Date.now();
    const laddered = await times(3, async () => {
      const e = await flow.create({ only: timers.name });
      flow.expectLadder(e); // reminders 27 and 29 days after creation, escalations at 32 and 37
      return e;
    });
    const travelling = await times(2, async () => {
      const t = await trips.create({ only: timers.name, departInDays: 24 }); // leaves at 24 s, back at 26 s
      await trips.submit(t);
      await trips.approveAll(t);
      return t;
    });
    await waitUntilSettled(world, [...waiting, ...travelling], 60_000);
    const tasks = await Promise.all(waiting.map((e) => flow.openApprovalTask(e)));
    await sleep(Math.max(0, startedAt + 20_000 - Date.now()));
    say(`2: kill -9 Temporal (${world.temporal.dbFile})`);
    await world.temporal.kill9();
    const killedAt = Date.now();
    // The division head decides while the server is down: the API cannot reach Temporal; the client retries with the
    // same request ids until it can.
    const decisions = Promise.all(
      waiting.map(async (e, i) => {
        expectStatus(await world.http.post(world.org.head, `/proposals/${e.id}/decisions`, { taskId: tasks[i].id, decision: 'approve' }, { deadlineMs: 180_000 }), 200);
        flow.approved(e);
      }),
    );
    await sleep(Math.max(0, startedAt + 40_000 - Date.now())); // past the last escalation and both trips' return
    await world.temporal.start();
    const restartedAt = Date.now();
    say(`2: Temporal restarted on the same state file after ${((restartedAt - killedAt) / 1000).toFixed(1)} s`);
    await decisions;
    for (const t of travelling) trips.travelled(t);
    await verdict('2. Temporal kill -9, restart on its state file', [...waiting, ...laddered, ...travelling], restartedAt, {
      settleMs: 120_000,
      notes: [`down ${((restartedAt - killedAt) / 1000).toFixed(0)} s while reminder ladders, trips' departure and return fell due and decisions were sent`],
      then: () => Promise.all(travelling.map((t) => trips.report(t))).then(() => undefined),
    });
    await timers.stop();
  });

  it('3. PostgreSQL stopped for longer than an activity retry interval, then started', async () => {
    const before = await readyProposals(3);
    const during = await readyProposals(3);
    // Trips too: one submitted just before, its approvals made after the database is back.
    const trip = await trips.create({ departInDays: 60 });
    await waitUntilSettled(world, [trip], 60_000);
    // The first group's actions are answered; their timeline writes, assignments and emails are running when the database goes.
    await Promise.all([...before.map((e) => flow.completeStage(e)), trips.submit(trip)]);
    await world.pg.stop('immediate');
    const stoppedAt = Date.now();
    say('3: PostgreSQL stopped (immediate)');
    // The second group's owner acts while the database is down: the API cannot answer, the client retries.
    const late = Promise.all(during.map((e) => flow.completeStage(e)));
    await sleep(10_000);
    await world.pg.start();
    const startedAt = Date.now();
    say(`3: PostgreSQL started after ${((startedAt - stoppedAt) / 1000).toFixed(1)} s`);
    await late;
    await verdict('3. PostgreSQL down 10 s', [...before, ...during, trip], startedAt, {
      settleMs: 120_000,
      then: () => Promise.all([approveAll([...before, ...during])(), trips.approveAll(trip)]).then(() => undefined),
    });
  });

  it('4. the SMTP server refusing connections for a while, then accepting', async () => {
    const ps = await readyProposals(4);
    const tripsInFlight = await times(2, () => trips.create({ departInDays: 60 }));
    await waitUntilSettled(world, tripsInFlight, 60_000);
    const refusedBefore = world.smtp.refusedConnections;
    await world.smtp.setMode('refuse'); // up, but answering 421 and hanging up
    await Promise.all([...ps.map((e) => flow.completeStage(e)), ...tripsInFlight.map((t) => trips.submit(t))]);
    await sleep(4000);
    await world.smtp.setMode('closed'); // not listening: connection refused
    // Decisions go on without mail: the owners' notifications queue behind the task emails.
    await Promise.all([...ps.map((e) => flow.approve(e)), ...tripsInFlight.map((t) => trips.approveAll(t))]);
    await sleep(4000);
    const refused = world.smtp.refusedConnections - refusedBefore;
    await world.smtp.setMode('accept');
    const acceptingAt = Date.now();
    say(`4: SMTP accepting again (${refused} connections refused with 421, then closed)`);
    expect(refused).toBeGreaterThan(0);
    await verdict('4. SMTP refusing 8 s', [...ps, ...tripsInFlight], acceptingAt, { settleMs: 120_000, notes: [`${refused} SMTP connections refused`] });
  });

  it('5. two API processes and two workers share the load; one of each killed mid-run', async () => {
    await Promise.all([world.api('api-2'), world.worker('worker-2')]);
    const ps: Expectation[] = [];
    let actions = 0;
    // Six accession proposals to RESEARCH (6 actions each) and three trips through both approvals (5 actions each),
    // every request to whichever API process the client picks.
    const accessions = times(6, async () => {
      const e = await flow.create();
      ps.push(e);
      await flow.readyForReview(e);
      actions += 4;
      await flow.completeStage(e);
      actions += 1;
      await flow.approve(e);
      actions += 1;
    });
    const tripsRun = times(3, async () => {
      const t = await trips.create({ departInDays: 60 }); // real days: it waits for departure
      ps.push(t);
      await trips.submit(t);
      actions += 3;
      await trips.approveAll(t);
      actions += 2;
    });
    const run = Promise.all([accessions, tripsRun]);
    const total = 6 * 6 + 3 * 5;
    await until('the load to be under way', () => actions >= total / 3, 60_000);
    const doneAtKill = actions;
    say(`5: ${doneAtKill} of ${total} actions done; kill -9 api-1 and worker-1`);
    await Promise.all([world.processes.get('api-1')!.kill9(), world.processes.get('worker-1')!.kill9()]);
    const killedAt = Date.now();
    await run;
    await verdict('5. 2 APIs + 2 workers, one of each killed', ps, killedAt, { settleMs: 150_000, notes: [`killed after ${doneAtKill} of ${total} actions`] });
  });

  it('6. an API process killed between receiving an action and answering it; the client retries with the same request id', async () => {
    // This API reaches Temporal through a proxy, so the test can hold its request or its answer at will.
    const proxy = new TcpProxy({ host: '127.0.0.1', port: world.temporal.port });
    await proxy.start();
    const proxied = await world.api('api-proxied', { TEMPORAL_ADDRESS: proxy.address });
    world.reserved.add(proxied.name);
    await world.api('api-2');
    const ps = await proposalsAwaitingApproval(4);
    const notes: string[] = [];
    let slowest = 0;
    const retriedLater: Array<{ e: Expectation; requestId: string; task: { id: string } }> = [];
    try {
      for (const [round, group] of [['answer held', ps.slice(0, 2)], ['request held', ps.slice(2)]] as const) {
        if (!proxied.running) await proxied.start();
        const requests = await Promise.all(group.map(async (e) => ({ e, requestId: `faults-${randomUUID()}`, task: await flow.openApprovalTask(e) })));
        retriedLater.push(requests[0]);
        proxy.freeze(round === 'answer held' ? 'down' : 'up');
        const first = requests.map((r) =>
          world.http
            .call(world.org.head, 'POST', `/proposals/${r.e.id}/decisions`, { json: { requestId: r.requestId, taskId: r.task.id, decision: 'approve' } }, { only: proxied.name, deadlineMs: 1 })
            .then((a) => `answered ${a.status}`, (err: Error) => `failed: ${err.message.slice(0, 120)}`),
        );
        if (round === 'answer held') {
          // Carried out by the workflow, the answer still in the proxy: then the API dies.
          await until('the decisions to be applied', async () => {
            const states = await Promise.all(group.map((e) => world.client.workflow.getHandle(proposalWorkflowId(e.id)).query(proposalStateQuery)));
            return states.every((s) => s.stage === 'RESEARCH');
          });
        } else {
          await until('the API to send its updates', () => proxy.heldUpBytes > 200 * group.length, 30_000);
          await sleep(300);
        }
        await proxied.kill9();
        const killedAt = Date.now();
        await sleep(200);
        proxy.thaw();
        const outcomes = await Promise.all(first);
        if (outcomes.some((o) => o.startsWith('answered 2'))) throw new Error(`an answer got through the frozen proxy: ${outcomes.join(', ')}`);
        // The client retries on the other API process with the same request id: one decision, the same answer.
        for (const r of requests) {
          const retried = expectStatus(await world.http.post(world.org.head, `/proposals/${r.e.id}/decisions`, { taskId: r.task.id, decision: 'approve' }, { requestId: r.requestId }), 200);
          expect(retried.body).toMatchObject({ stage: 'RESEARCH', status: 'open' });
          flow.approved(r.e);
          slowest = Math.max(slowest, Date.now() - killedAt);
        }
        notes.push(`${round}: first tries ${outcomes.map((o) => o.split(':')[0]).join('/')}`);
      }
      // Once more against the restarted process: the same answer, and still one decision.
      await proxied.start();
      for (const r of retriedLater) {
        const again = expectStatus(await world.http.post(world.org.head, `/proposals/${r.e.id}/decisions`, { taskId: r.task.id, decision: 'approve' }, { requestId: r.requestId, only: proxied.name }), 200);
        expect(again.body).toMatchObject({ stage: 'RESEARCH', status: 'open' });
      }
    } finally {
      proxy.thaw();
    }
    await verdict('6. API kill -9 between action and answer', ps, Date.now() - slowest, { settleMs: 60_000, notes });
    await proxied.stop();
    await proxy.stop();
  });
});
