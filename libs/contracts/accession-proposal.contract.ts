import { defineQuery } from '@temporalio/workflow';

export const ACCESSION_PROPOSAL_WORKFLOW = 'accessionProposal';

export interface AccessionProposalInput {
  proposalId: string;
  kind: 'accession';
  ownerId: string | null;
  definitionVersion: string;
}

export type ProposalStatus = 'open' | 'completed' | 'rejected' | 'withdrawn';

/** Live state of a proposal workflow, returned by the state query and mirrored into the read model. */
export interface ProposalState {
  proposalId: string;
  stage: string;
  status: ProposalStatus;
  stageEnteredAt: string;
  dueAt: string | null;
  currentAssignees: string[];
  definitionVersion: string;
  eventSeq: number;
}

export const proposalStateQuery = defineQuery<ProposalState>('proposalState');
