import { MockActivityEnvironment } from '@temporalio/testing';
import type { DelegatedTask, ProposalActionRequest, ProposalState } from '../../libs/contracts';
import { ProposalActionRefusedError } from '../../libs/temporal/proposal-workflow.gateway';
import { createDelegationActivities, DelegationRow } from './delegation-handover.activities';

const HEAD = 'u-head';
const STAND = 'u-stand';
const OTHER = 'u-other';
const task: DelegatedTask = { taskId: 'p1:t1', proposalId: 'p1', workflowId: 'proposal-p1' };
const row = (over: Partial<DelegationRow> = {}): DelegationRow => ({
  delegatorId: HEAD,
  delegateId: STAND,
  startsAt: new Date(Date.now() - 60_000),
  endsAt: new Date(Date.now() + 60_000),
  revokedAt: null,
  revokedBy: null,
  ...over,
});

function world(opts: { row?: DelegationRow | null; taskState?: Partial<ProposalState['tasks'][number]> | null; cover?: { assigneeId: string; onBehalfOfId: string | null }; refuse?: (r: ProposalActionRequest) => boolean } = {}) {
  const acted: ProposalActionRequest[] = [];
  const acts = createDelegationActivities({
    delegationStore: {
      delegation: async () => (opts.row === undefined ? row() : opts.row),
      openTasksOf: async () => [task],
      person: async (id) => ({ id, roles: ['division_head'] }),
      coverFor: async () => opts.cover ?? { assigneeId: HEAD, onBehalfOfId: null },
    },
    proposalActions: {
      act: async (_p, request) => {
        if (opts.refuse?.(request)) throw new ProposalActionRefusedError({ code: 'self_approval', message: 'the owner cannot approve their own proposal', stage: 'TRANSLATION' } as never);
        acted.push(request);
        return { stage: 'TRANSLATION', status: 'open', eventSeq: 1 };
      },
      queryState: async () =>
        opts.taskState === null ? null : ({ tasks: [{ id: task.taskId, status: 'open', assigneeId: STAND, onBehalfOfId: HEAD, ...opts.taskState }] } as unknown as ProposalState),
    },
  });
  const quiet = () => undefined;
  const env = new MockActivityEnvironment(undefined, { logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet } });
  const input = { delegationId: 'd1', delegatorId: HEAD, delegateId: STAND, task };
  return {
    acted,
    openTasks: () => env.run(acts.delegationOpenTasks, { delegationId: 'd1' }),
    handOver: () => env.run(acts.handOverDelegatedTask, input),
    handBack: () => env.run(acts.handBackDelegatedTask, input),
  };
}

describe('delegation hand-over activities', () => {
  it('reads no tasks for a delegation revoked, ended or missing (its signal may never have arrived)', async () => {
    expect(await world().openTasks()).toEqual({ status: 'in_force', tasks: [task] });
    expect(await world({ row: row({ revokedAt: new Date(), revokedBy: HEAD }) }).openTasks()).toEqual({ status: 'revoked', tasks: [] });
    expect(await world({ row: row({ endsAt: new Date(Date.now() - 1) }) }).openTasks()).toEqual({ status: 'ended', tasks: [] });
    expect(await world({ row: null }).openTasks()).toEqual({ status: 'missing', tasks: [] });
  });

  it('hands a task over as the delegator, on their behalf, with an update id derived from delegation and task', async () => {
    const w = world();
    expect(await w.handOver()).toEqual({ moved: true });
    expect(w.acted).toEqual([
      { requestId: 'handover:d1:p1:t1', action: { type: 'reassign_task', actor: { id: HEAD, roles: ['division_head'] }, taskId: task.taskId, assigneeId: STAND, onBehalfOfId: HEAD } },
    ]);
    expect(await world({ refuse: () => true }).handOver()).toEqual({ moved: false, reason: expect.stringMatching(/^self_approval/) });
  });

  it('hands an undecided task back to the delegator, as whoever ended the delegation', async () => {
    const w = world({ row: row({ revokedAt: new Date(), revokedBy: 'u-admin' }) });
    expect(await w.handBack()).toEqual({ returnedTo: HEAD, onBehalfOfId: null });
    expect(w.acted).toEqual([{ requestId: 'handback:d1:p1:t1', action: { type: 'reassign_task', actor: { id: 'u-admin', roles: ['admin'] }, taskId: task.taskId, assigneeId: HEAD } }]);
  });

  it('leaves a task decided, closed, reassigned meanwhile, or still covered by the same delegate', async () => {
    for (const w of [
      world({ taskState: { status: 'done' } }),
      world({ taskState: null }),
      world({ taskState: { assigneeId: OTHER, onBehalfOfId: null } }),
      world({ cover: { assigneeId: STAND, onBehalfOfId: HEAD } }),
    ]) {
      expect(await w.handBack()).toMatchObject({ returnedTo: null });
      expect(w.acted).toEqual([]);
    }
  });

  it('a retry after the hand-back went through reports it without acting again', async () => {
    const w = world({ taskState: { assigneeId: HEAD, onBehalfOfId: null } });
    expect(await w.handBack()).toEqual({ returnedTo: HEAD, onBehalfOfId: null });
    expect(w.acted).toEqual([]);
  });

  it('goes to whoever covers the delegator now, or to the delegator when that person may not take it', async () => {
    const covered = world({ cover: { assigneeId: OTHER, onBehalfOfId: HEAD } });
    expect(await covered.handBack()).toEqual({ returnedTo: OTHER, onBehalfOfId: HEAD });
    expect(covered.acted[0].action).toMatchObject({ assigneeId: OTHER, onBehalfOfId: HEAD });

    const refused = world({ cover: { assigneeId: OTHER, onBehalfOfId: HEAD }, refuse: (r) => (r.action as { assigneeId: string }).assigneeId === OTHER });
    expect(await refused.handBack()).toEqual({ returnedTo: HEAD, onBehalfOfId: null });
    expect(refused.acted).toEqual([expect.objectContaining({ requestId: 'handback:d1:p1:t1:direct' })]);
  });
});
