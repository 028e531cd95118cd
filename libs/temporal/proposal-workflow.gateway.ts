import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import {
  ACCESSION_PROPOSAL_WORKFLOW,
  AccessionProposalInput,
  ACCORD_KIND,
  ACCORD_OWNER,
  ACCORD_STAGE,
  proposalStateQuery,
  ProposalState,
  proposalWorkflowId,
} from '../contracts';

/**
 * Typed access to proposal workflows for the API: the only place that knows how a proposal maps to a workflow
 * (id, type, task queue, initial search attributes).
 */
export class ProposalWorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts the proposal's workflow; a second call for the same proposal is a no-op (returns false). */
  async startAccessionProposal(input: AccessionProposalInput, initialStage: string): Promise<boolean> {
    try {
      await this.client.workflow.start(ACCESSION_PROPOSAL_WORKFLOW, {
        workflowId: proposalWorkflowId(input.proposalId),
        taskQueue: this.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: ACCORD_KIND, value: input.kind },
          { key: ACCORD_STAGE, value: initialStage },
          { key: ACCORD_OWNER, value: input.ownerId ?? 'unknown' },
        ],
      });
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw err;
    }
  }

  /** Live state from the workflow, or null when the workflow is unknown (not started yet, or purged). */
  async queryState(proposalId: string): Promise<ProposalState | null> {
    try {
      return await this.client.workflow.getHandle(proposalWorkflowId(proposalId)).query(proposalStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }
}
