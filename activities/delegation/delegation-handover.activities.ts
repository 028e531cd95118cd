import { log } from '@temporalio/activity';
import type { DelegatedTask, DelegationHandBackOutcome, DelegationHandOverOutcome, ProposalActionRequest, ProposalActionResult, ProposalState } from '../../libs/contracts';
import type { RoleName } from '../../libs/domain';
import { ProposalActionRefusedError, ProposalWorkflowClosedError } from '../../libs/temporal/proposal-workflow.gateway';

export interface DelegationRow {
  delegatorId: string;
  delegateId: string;
  startsAt: Date;
  endsAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** What the hand-over reads: the delegation row, people, and the delegator's open tasks (read model). */
export interface DelegationStore {
  delegation(id: string): Promise<DelegationRow | null>;
  /** Open tasks assigned to this person, oldest first. */
  openTasksOf(userId: string): Promise<DelegatedTask[]>;
  person(id: string): Promise<{ id: string; roles: RoleName[] } | null>;
  /** Who receives a task meant for this person at this moment (their delegate in force, if any). */
  coverFor(userId: string, at: Date): Promise<{ assigneeId: string; onBehalfOfId: string | null }>;
}

/** The proposal workflows, through the same gateway the API uses (Updates validated by the engine). */
export interface ProposalActions {
  act(proposalId: string, request: ProposalActionRequest, workflowId?: string): Promise<ProposalActionResult>;
  queryState(proposalId: string, workflowId?: string): Promise<ProposalState | null>;
}

export interface DelegationDeps {
  delegationStore: DelegationStore;
  proposalActions: ProposalActions;
}

/** Update ids of the hand-over and the hand-back: derived from the delegation and the task, so a retry is one action. */
export const handOverRequestId = (delegationId: string, taskId: string): string => `handover:${delegationId}:${taskId}`;
export const handBackRequestId = (delegationId: string, taskId: string): string => `handback:${delegationId}:${taskId}`;

/** A refusal (the task closed meanwhile, the delegate may not take it) or a proposal that has ended: nothing moves. */
function notMoved(err: unknown): string | null {
  if (err instanceof ProposalActionRefusedError) return `${err.refusal.code}: ${err.message}`;
  if (err instanceof ProposalWorkflowClosedError) return 'proposal closed';
  return null;
}

export function createDelegationActivities(deps: DelegationDeps) {
  const { delegationStore: store, proposalActions: proposals } = deps;
  return {
    /**
     * The delegator's open tasks when the delegation starts. None when the row says it was revoked (a revocation
     * whose signal never reached the workflow) or has already ended (a workflow started again late).
     */
    async delegationOpenTasks(input: { delegationId: string }): Promise<{ status: 'in_force' | 'revoked' | 'ended' | 'missing'; tasks: DelegatedTask[] }> {
      const d = await store.delegation(input.delegationId);
      if (!d) return { status: 'missing', tasks: [] };
      if (d.revokedAt) return { status: 'revoked', tasks: [] };
      if (d.endsAt.getTime() <= Date.now()) return { status: 'ended', tasks: [] };
      return { status: 'in_force', tasks: await store.openTasksOf(d.delegatorId) };
    },

    /**
     * Moves one task to the delegate, "on behalf of" the delegator, through the proposal's own Update (which revokes
     * the old email links and sends the delegate new ones). The update id is derived from the delegation and the
     * task, so a retried activity (or a restarted workflow) performs it once.
     */
    async handOverDelegatedTask(input: { delegationId: string; delegatorId: string; delegateId: string; task: DelegatedTask }): Promise<DelegationHandOverOutcome> {
      const delegator = await store.person(input.delegatorId);
      if (!delegator) return { moved: false, reason: 'delegator not found' };
      try {
        await proposals.act(
          input.task.proposalId,
          {
            requestId: handOverRequestId(input.delegationId, input.task.taskId),
            action: { type: 'reassign_task', actor: { id: delegator.id, roles: delegator.roles }, taskId: input.task.taskId, assigneeId: input.delegateId, onBehalfOfId: delegator.id },
          },
          input.task.workflowId,
        );
        return { moved: true };
      } catch (err) {
        const reason = notMoved(err);
        if (reason === null) throw err;
        log.warn('task not handed over', { taskId: input.task.taskId, delegationId: input.delegationId, reason });
        return { moved: false, reason };
      }
    },

    /**
     * At the delegation's end: a moved task still open and still with the delegate (on the delegator's behalf) goes
     * back to the delegator, or to whoever covers them now, as a reassignment in the proposal's timeline (old links
     * revoked, a new email to the person it returns to). A task decided, closed or given to someone else stays.
     */
    async handBackDelegatedTask(input: { delegationId: string; delegatorId: string; delegateId: string; task: DelegatedTask }): Promise<DelegationHandBackOutcome> {
      const { task } = input;
      const state = await proposals.queryState(task.proposalId, task.workflowId);
      const t = state?.tasks.find((x) => x.id === task.taskId);
      if (!state || !t || t.status !== 'open') return { returnedTo: null, reason: 'decided or closed' };
      const target = await store.coverFor(input.delegatorId, new Date());
      if (t.assigneeId === target.assigneeId && (t.onBehalfOfId ?? null) === target.onBehalfOfId) {
        // Already where it belongs: a retry after the hand-back went through, or still covered by the same delegate.
        return t.assigneeId === input.delegateId ? { returnedTo: null, reason: 'still covered by the delegate' } : { returnedTo: target.assigneeId, onBehalfOfId: target.onBehalfOfId };
      }
      if (t.assigneeId !== input.delegateId || t.onBehalfOfId !== input.delegatorId) return { returnedTo: null, reason: 'reassigned meanwhile' };
      if (target.assigneeId === input.delegateId) return { returnedTo: null, reason: 'still covered by the delegate' };

      // The delegation's end is the authority here (the person who revoked it, or the delegator whose absence ended).
      // The engine knows authority only as roles: the return is a reassignment with an administrator's right.
      const d = await store.delegation(input.delegationId);
      const actor = { id: d?.revokedBy ?? input.delegatorId, roles: ['admin'] as RoleName[] };
      const attempt = async (assigneeId: string, onBehalfOfId: string | null, requestId: string): Promise<DelegationHandBackOutcome | string> => {
        try {
          await proposals.act(task.proposalId, { requestId, action: { type: 'reassign_task', actor, taskId: task.taskId, assigneeId, ...(onBehalfOfId ? { onBehalfOfId } : {}) } }, task.workflowId);
          return { returnedTo: assigneeId, onBehalfOfId };
        } catch (err) {
          const reason = notMoved(err);
          if (reason === null) throw err;
          return reason;
        }
      };
      const requestId = handBackRequestId(input.delegationId, task.taskId);
      let outcome = await attempt(target.assigneeId, target.onBehalfOfId, requestId);
      // Whoever covers the delegator may not take this one (their own proposal): it returns to the delegator.
      if (typeof outcome === 'string' && target.assigneeId !== input.delegatorId) outcome = await attempt(input.delegatorId, null, `${requestId}:direct`);
      if (typeof outcome === 'string') {
        log.warn('task not handed back', { taskId: task.taskId, delegationId: input.delegationId, reason: outcome });
        return { returnedTo: null, reason: outcome };
      }
      return outcome;
    },
  };
}
