import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AccordActivities } from '../activities';
import { DelegationInput, DelegationResult, delegationRevokedSignal, delegationStateQuery, DelegationWorkflowState } from '../libs/contracts';
import { workflowNow } from './workflow-clock';

// Each hand-over or hand-back is one quick Update; they retry until Temporal and the database answer: a delegation
// that moved nothing because a server was down for a minute would leave tasks with someone who is away.
const { delegationOpenTasks, handOverDelegatedTask, handBackDelegatedTask } = proxyActivities<AccordActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One out-of-office delegation, from the moment it is created to its end. A timer waits for its start (real
 * instants: a delegation's dates are not measured in the test configuration's shortened days); then the tasks the
 * delegator holds move to the delegate, each through its proposal's Update (old links revoked, new email). A second
 * timer waits for its end, or a revocation signal ends the wait early; then every moved task that is still open and
 * still with the delegate returns to the delegator (or whoever covers them then). Tasks opened in between were
 * routed to the delegate by the directory and are not this workflow's.
 */
export async function delegationHandOver(input: DelegationInput): Promise<DelegationResult> {
  const state: DelegationWorkflowState = { phase: 'waiting', revoked: false, moved: [], returned: [] };
  setHandler(delegationRevokedSignal, () => {
    state.revoked = true;
  });
  setHandler(delegationStateQuery, () => state);
  const msUntil = (iso: string) => Date.parse(iso) - workflowNow().getTime();
  const args = { delegationId: input.delegationId, delegatorId: input.delegatorId, delegateId: input.delegateId };
  const end = (endedBy: DelegationResult['endedBy']): DelegationResult => {
    state.phase = 'ended';
    return { ...state, moved: [...state.moved], returned: [...state.returned], endedBy };
  };

  const untilStart = msUntil(input.startsAt);
  if (untilStart > 0) await condition(() => state.revoked, untilStart);
  if (state.revoked) return end('revoked_before_start');

  state.phase = 'handing_over';
  const open = await delegationOpenTasks({ delegationId: input.delegationId });
  // The row was revoked but its signal never arrived (or arrives later): nothing moves.
  if (open.status === 'revoked' || open.status === 'missing') {
    state.revoked = true;
    return end('revoked_before_start');
  }
  for (const task of open.tasks) {
    if (state.revoked) break;
    const outcome = await handOverDelegatedTask({ ...args, task });
    if (outcome.moved) state.moved.push(task);
  }

  state.phase = 'in_force';
  const untilEnd = msUntil(input.endsAt);
  if (!state.revoked && untilEnd > 0) await condition(() => state.revoked, untilEnd);

  state.phase = 'handing_back';
  for (const task of state.moved) {
    const outcome = await handBackDelegatedTask({ ...args, task });
    state.returned.push({ ...task, outcome });
  }
  return end(state.revoked ? 'revoked' : 'expired');
}
