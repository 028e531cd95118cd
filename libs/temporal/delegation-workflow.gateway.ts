import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { DELEGATION_WORKFLOW, DelegationInput, delegationRevokedSignal, delegationWorkflowId } from '../contracts';

/**
 * Typed access to delegation workflows (`delegation-<id>`) for the API: started idempotently whenever a create
 * request (or its retry) sees the row, signalled when the delegation is revoked.
 */
export class DelegationWorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  private options(input: DelegationInput) {
    return {
      workflowId: delegationWorkflowId(input.delegationId),
      taskQueue: this.taskQueue,
      args: [input] as [DelegationInput],
      // A delegation's workflow runs once: a retried create never restarts one that has ended. Only a run that was
      // terminated or failed may be started again (it re-reads the row and moves nothing twice).
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' as const,
    };
  }

  /** Starts the delegation's workflow unless it runs (or ran) already; true when this call started it. */
  async ensureStarted(input: DelegationInput): Promise<boolean> {
    try {
      await this.client.workflow.start(DELEGATION_WORKFLOW, this.options(input));
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw err;
    }
  }

  /**
   * Tells the workflow the delegation was revoked: it hands the moved tasks back now (or, before the start, moves
   * nothing). A workflow that is missing is started with the signal; one that has ended has nothing left to do.
   */
  async revoked(input: DelegationInput, revokedBy: string): Promise<void> {
    try {
      await this.client.workflow.signalWithStart(DELEGATION_WORKFLOW, { ...this.options(input), signal: delegationRevokedSignal, signalArgs: [{ revokedBy }] });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowNotFoundError) return;
      throw err;
    }
  }
}
