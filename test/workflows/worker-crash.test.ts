import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { Organisation, seedOrganisation } from '../support/organisation.fixture';
import { ProposalDriver } from '../support/proposal-driver';
import { WorkerProcess } from '../support/worker-process';

describe('a worker killed in the middle of a stage (kill -9 of a real worker process)', () => {
  let stack: AccordStack;
  let org: Organisation;
  let d: ProposalDriver;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    stack = await startAccordStack({ worker: false });
    d = new ProposalDriver(stack);
    org = await seedOrganisation(d.ds);
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await stack?.close();
  });

  async function newWorker(): Promise<WorkerProcess> {
    const w = new WorkerProcess(stack.config);
    workers.push(w);
    await w.start();
    return w;
  }

  it('the proposal continues on a new worker with no timeline event lost or doubled', async () => {
    const first = await newWorker();
    const id = await d.create(org.owner);
    await d.attach(id, org.owner, 'convention_text');
    await d.act(id, org.owner, (a) => ({ type: 'submit', actor: a }));
    await d.attach(id, org.owner, 'translation');

    // The action is accepted, then the worker dies while its projection and assignment activities are in flight.
    const completing = d.act(id, org.owner, (a) => ({ type: 'complete_work', actor: a }), 'complete-translation-1');
    await eventually(async () => (await d.gateway.queryState(id).catch(() => null))?.phase, (p) => p === 'approval', 10000);
    await first.kill();

    const second = await newWorker();
    const result = await completing;
    expect(result.stage).toBe('TRANSLATION');

    // An activity lost with the worker is retried after its start-to-close timeout (10 s).
    const task = await d.openApprovalTask(id, 40000);
    expect(task.assigneeId).toBe(org.head.id);
    await d.act(id, org.head, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve' }));

    expect((await d.gateway.queryState(id))!.stage).toBe('RESEARCH');
    // The timeline once the workflow and the read model agree (the owner's notice may still add EMAIL_SENT events).
    // settledTimeline returns it at a moment the workflow's own count matched: every number once, none missing.
    const timeline = await d.settledTimeline(id);
    expect(timeline.map((e) => e.seq)).toEqual(Array.from({ length: timeline.length }, (_, i) => i + 1));
    expect(timeline.filter((e) => e.type === 'WORK_COMPLETED')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'TASK_ASSIGNED')).toHaveLength(1);
    const row = await eventually(() => d.row(id), (r) => r.last_event_seq >= timeline.length);
    expect(row.stage).toBe('RESEARCH');
    expect(row.last_event_seq).toBeGreaterThanOrEqual(timeline.length);
    const openTasks = await eventually(
      (): Promise<Array<{ stage: string; kind: string; status: string }>> => d.ds.query(`SELECT stage, kind, status FROM tasks WHERE proposal_id = $1 AND status = 'open'`, [id]),
      (rows) => rows.length === 1 && rows[0].stage === 'RESEARCH',
    );
    expect(openTasks).toEqual([{ stage: 'RESEARCH', kind: 'work', status: 'open' }]);

    expect(first.output).toMatch(/worker polling/);
    // Graceful stop drains and exits cleanly.
    expect(await second.stop()).toBe(0);
    expect(second.output).toMatch(/draining/);
  });
});
