import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryRunner } from 'typeorm';
import { TemporalDevServer } from '../faults/support/temporal-server';
import { AccordStack, eventually, startAccordStack, testConfig } from '../support/accord-stack';
import { Organisation, seedOrganisation } from '../support/organisation.fixture';
import { ProposalDriver } from '../support/proposal-driver';
import { WorkerProcess } from '../support/worker-process';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** The real worker entry point (apps/worker/src/main.ts) as an OS process, as production runs it. */
describe('the worker process when Temporal goes away, and on SIGTERM', () => {
  const workers: WorkerProcess[] = [];
  afterAll(async () => {
    for (const w of workers) await w.kill();
  });

  describe('Temporal killed under a running worker', () => {
    let dir: string;
    let server: TemporalDevServer;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'accord-worker-temporal-'));
      server = new TemporalDevServer(await freePort(), join(dir, 'temporal.sqlite'));
      await server.start();
    }, 120_000);
    afterAll(async () => {
      await server?.kill9();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps retrying for WORKER_TEMPORAL_UNREACHABLE_SECONDS, then exits non-zero with one line naming Temporal and its address', async () => {
      const w = new WorkerProcess(testConfig({ TEMPORAL_ADDRESS: server.address }), { TEMPORAL_ADDRESS: server.address, WORKER_TEMPORAL_UNREACHABLE_SECONDS: '5' });
      workers.push(w);
      await w.start();
      await server.kill9();
      const killedAt = Date.now();

      const code = await w.exited(90_000);
      const after = Date.now() - killedAt;
      expect(code).toBe(1);
      // It retried first (at least the configured 5 s), and did not hang on its way out.
      expect(after).toBeGreaterThanOrEqual(5000);
      expect(after).toBeLessThan(60_000);
      const stopped = w.output.split('\n').filter((l) => l.startsWith('accord-worker: '));
      expect(stopped).toHaveLength(1);
      expect(stopped[0]).toMatch(
        new RegExp(`^accord-worker: stopped: cannot reach Temporal at ${server.address.replace(/\./g, '\\.')} \\(connection refused; is the server running\\?\\); gave up after \\d+ s of retries$`),
      );
    }, 120_000);
  });

  describe('SIGTERM with an activity in flight', () => {
    let stack: AccordStack;
    let d: ProposalDriver;
    let org: Organisation;
    let lock: QueryRunner | undefined;

    beforeAll(async () => {
      stack = await startAccordStack({ worker: false });
      d = new ProposalDriver(stack);
      org = await seedOrganisation(d.ds);
    });
    afterAll(async () => {
      if (lock?.isTransactionActive) await lock.rollbackTransaction();
      await lock?.release();
      await stack?.close();
    });

    it('lets the activity finish (its write lands), then exits 0', async () => {
      const w = new WorkerProcess(stack.config);
      workers.push(w);
      await w.start();
      const id = await d.create(org.owner);
      await d.attach(id, org.owner, 'convention_text');
      const live = (await d.gateway.queryState(id))!.eventSeq;
      const settled = await eventually(() => d.row(id), (r) => r.last_event_seq === live);
      expect(settled.last_event_seq).toBe(live);

      // Hold the proposal's row, so the read-model activity of the next action waits on it (its event insert checks
      // the row's key, its update writes the row), in flight.
      lock = d.ds.createQueryRunner();
      await lock.connect();
      await lock.startTransaction();
      const [{ last_event_seq: seqBefore }] = await lock.query(`SELECT last_event_seq FROM proposals WHERE id = $1 FOR UPDATE`, [id]);
      const submitting = d.act(id, org.owner, (a) => ({ type: 'submit', actor: a })).catch((err: Error) => err);
      await eventually(
        async (): Promise<number> =>
          (await d.ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ~ 'INSERT INTO proposal_events|UPDATE proposals'`))[0].n,
        (n) => n > 0,
        8000,
      ).then(async (n) => {
        if (!n) {
          const rows = await d.ds.query(`SELECT state, wait_event_type, left(query, 80) AS q FROM pg_stat_activity WHERE datname = current_database()`);
          const settledSubmit = await Promise.race([submitting, new Promise((r) => setTimeout(() => r('pending'), 100))]);
          throw new Error(`no activity waits on the row lock: ${JSON.stringify(rows)} submit: ${JSON.stringify(settledSubmit)} ${String(settledSubmit)} worker: ${w.output.slice(-3000)}`);
        }
      });

      const exit = w.stop(); // SIGTERM
      await new Promise((r) => setTimeout(r, 1500));
      expect(w.running).toBe(true); // draining: waiting for the activity
      expect(w.output).toMatch(/draining/);

      await lock.commitTransaction(); // the activity's write goes through now
      await lock.release();
      lock = undefined;
      expect(await exit).toBe(0);

      // The write of the activity that was in flight is in the read model, done by the worker that was stopping.
      const row = await d.row(id);
      expect(row.last_event_seq).toBeGreaterThan(seqBefore);
      const [{ n }] = await d.ds.query(`SELECT count(*)::int AS n FROM proposal_events WHERE proposal_id = $1 AND seq > $2`, [id, seqBefore]);
      expect(n).toBeGreaterThan(0);
      expect(w.output).not.toMatch(/accord-worker: stopped/);

      // Another worker takes over the rest, and the action completes.
      await stack.startWorker();
      const result = await submitting;
      expect(result).not.toBeInstanceOf(Error);
      expect((result as { stage: string }).stage).toBe('TRANSLATION');
    }, 120_000);
  });
});
