import { condition, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { AccordActivities } from '../activities';
import { ACCORD_STAGE, AccessionProposalInput, proposalStateQuery, ProposalState } from '../libs/contracts';
import { workflowNow } from './workflow-clock';

// Projection writes retry until the database is back: losing a timeline event is worse than waiting.
const { recordProposalEvent } = proxyActivities<AccordActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function accessionProposal(input: AccessionProposalInput): Promise<ProposalState> {
  const state: ProposalState = {
    proposalId: input.proposalId,
    stage: 'DRAFT',
    status: 'open',
    stageEnteredAt: workflowNow().toISOString(),
    dueAt: null,
    currentAssignees: input.ownerId ? [input.ownerId] : [],
    definitionVersion: input.definitionVersion,
    eventSeq: 0,
  };
  setHandler(proposalStateQuery, () => state);

  async function record(type: string, fromStage: string | null, toStage: string | null): Promise<void> {
    state.eventSeq += 1;
    await recordProposalEvent({
      proposalId: input.proposalId,
      workflowId: workflowInfo().workflowId,
      seq: state.eventSeq,
      type,
      actorId: input.ownerId,
      fromStage,
      toStage,
      occurredAt: workflowNow().toISOString(),
      snapshot: {
        stage: state.stage,
        status: state.status,
        workflowStatus: 'RUNNING',
        stageEnteredAt: state.stageEnteredAt,
        dueAt: state.dueAt,
        currentAssignees: state.currentAssignees,
      },
    });
  }

  upsertSearchAttributes([{ key: ACCORD_STAGE, value: state.stage }]);
  await record('CREATED', null, state.stage);

  // The lifecycle stages arrive with the accession issue; until then the draft waits here for its actions.
  await condition(() => state.status !== 'open');
  return state;
}
