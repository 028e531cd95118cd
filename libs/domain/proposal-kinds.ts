/** Proposal kinds and the stage-definition version a new proposal of each kind starts with (and keeps). */
export const PROPOSAL_KINDS = ['accession', 'trip', 'agreement'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const CURRENT_DEFINITION_VERSION: Record<ProposalKind, string> = {
  accession: 'accession-v1',
  trip: 'trip-v1',
  agreement: 'agreement-v1',
};

export const INITIAL_STAGE = 'DRAFT';
