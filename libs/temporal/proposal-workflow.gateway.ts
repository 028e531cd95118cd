import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, SearchAttributePair } from '@temporalio/common';
import {
  ACCESSION_PROPOSAL_WORKFLOW,
  AccessionProposalInput,
  ACCORD_KIND,
  ACCORD_OWNER,
  ACCORD_STAGE,
  ACTION_DEFERRED,
  ACTION_REFUSED,
  agreementWorkflowId,
  BILATERAL_AGREEMENT_WORKFLOW,
  BilateralAgreementInput,
  OVERSEAS_TRIP_WORKFLOW,
  OverseasTripInput,
  proposalActionUpdate,
  ProposalActionRequest,
  ProposalActionResult,
  proposalStateQuery,
  ProposalState,
  proposalWorkflowId,
  tripWorkflowId,
} from '../contracts';
import type { EngineRefusal } from '../domain/process/proposal-engine.types';

/** The workflow refused an action; carries the engine's reason (code, message, stage, missing). */
export class ProposalActionRefusedError extends Error {
  constructor(readonly refusal: EngineRefusal) {
    super(refusal.message);
    this.name = 'ProposalActionRefusedError';
  }
}

/** The proposal's workflow has ended (completed, rejected, withdrawn) or does not exist. */
export class ProposalWorkflowClosedError extends Error {
  constructor(readonly proposalId: string) {
    super(`proposal ${proposalId} is closed`);
    this.name = 'ProposalWorkflowClosedError';
  }
}

/** The workflow kept deferring the action (it is continuing as new after a burst); the client may retry. */
export class ProposalBusyError extends Error {
  constructor(readonly proposalId: string) {
    super(`proposal ${proposalId} is busy; try again in a few seconds`);
    this.name = 'ProposalBusyError';
  }
}

/** How long act() keeps retrying a deferred action: a continue-as-new normally takes well under a second. */
const DEFERRED_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1_600, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000];

/**
 * Typed access to proposal workflows for the API: the only place that knows how a proposal maps to a workflow
 * (id, type, task queue, search attributes) and how the workflow's refusals come back.
 */
export class ProposalWorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly dayMs?: number,
  ) {}

  /** Starts the proposal's workflow; a second call for the same proposal is a no-op (returns false). */
  startAccessionProposal(input: AccessionProposalInput): Promise<boolean> {
    return this.startOnce(ACCESSION_PROPOSAL_WORKFLOW, proposalWorkflowId(input.proposalId), { ...input, ...(this.dayMs ? { dayMs: this.dayMs } : {}) }, [
      { key: ACCORD_KIND, value: input.kind },
      { key: ACCORD_STAGE, value: 'DRAFT' },
      { key: ACCORD_OWNER, value: input.ownerId },
    ]);
  }

  /** Starts a trip's workflow (`trip-<id>`); a second call for the same trip is a no-op (returns false). */
  startOverseasTrip(input: OverseasTripInput): Promise<boolean> {
    return this.startOnce(OVERSEAS_TRIP_WORKFLOW, tripWorkflowId(input.proposalId), input, [
      { key: ACCORD_KIND, value: 'trip' },
      { key: ACCORD_STAGE, value: 'DRAFT' },
      { key: ACCORD_OWNER, value: input.ownerId },
    ]);
  }

  /** Starts an agreement's workflow (`agreement-<id>`); a second call for the same agreement is a no-op (returns false). */
  startBilateralAgreement(input: BilateralAgreementInput): Promise<boolean> {
    return this.startOnce(BILATERAL_AGREEMENT_WORKFLOW, agreementWorkflowId(input.proposalId), input, [
      { key: ACCORD_KIND, value: 'agreement' },
      { key: ACCORD_STAGE, value: input.imported?.stage ?? 'DRAFT' },
      { key: ACCORD_OWNER, value: input.ownerId },
    ]);
  }

  /**
   * Ends a workflow this process started for a proposal whose row could not be stored (create stores the row and
   * starts the workflow at the same time). Without it the workflow would retry its first projection forever.
   * Terminated, its id may be started again, so the client's retry of the create still succeeds.
   */
  async discardStart(workflowId: string, reason: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(workflowId).terminate(reason);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  private async startOnce(workflowType: string, workflowId: string, input: unknown, typedSearchAttributes: SearchAttributePair[]): Promise<boolean> {
    try {
      await this.client.workflow.start(workflowType, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        typedSearchAttributes,
        // A proposal's workflow runs once: a retried create never restarts one that has ended (withdrawn, completed).
        // Only a run that was terminated (a start discarded above) or failed may be started again.
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw err;
    }
  }

  /**
   * Sends one action as a Temporal Update. The request id doubles as the update id, so Temporal itself drops a
   * duplicate; the workflow also remembers recent request ids across continue-as-new.
   */
  async act(proposalId: string, request: ProposalActionRequest, workflowId?: string): Promise<ProposalActionResult> {
    // Rows carry their workflow id (trips run as `trip-<id>`); without it, the accession id is derived.
    const handle = this.client.workflow.getHandle(workflowId ?? proposalWorkflowId(proposalId));
    for (let attempt = 0; ; attempt++) {
      try {
        return await handle.executeUpdate(proposalActionUpdate, { args: [request], updateId: request.requestId });
      } catch (err) {
        const deferred = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === ACTION_DEFERRED;
        if (!deferred) throw this.actionError(proposalId, err);
        if (attempt >= DEFERRED_RETRY_DELAYS_MS.length) throw new ProposalBusyError(proposalId);
        // The workflow is continuing as new; the same update id is sent again to the new run.
        await new Promise((r) => setTimeout(r, DEFERRED_RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  /** A failed Update as the API's own errors: the engine's refusal, or the workflow having ended. */
  private actionError(proposalId: string, err: unknown): unknown {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === ACTION_REFUSED) {
      return new ProposalActionRefusedError(err.cause.details?.[0] as EngineRefusal);
    }
    if (err instanceof WorkflowNotFoundError || /workflow execution already completed/i.test((err as Error).message ?? '')) {
      return new ProposalWorkflowClosedError(proposalId);
    }
    return err;
  }

  /** Live state from the workflow, or null when the workflow is unknown or closed. */
  async queryState(proposalId: string, workflowId?: string): Promise<ProposalState | null> {
    try {
      return await this.client.workflow.getHandle(workflowId ?? proposalWorkflowId(proposalId)).query(proposalStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }
}
