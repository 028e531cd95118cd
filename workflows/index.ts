// Entry point of the workflow bundle: every workflow the worker runs is exported here.
export { accessionProposal } from './accession-proposal.workflow';
export { weeklyDigest } from './weekly-digest.workflow';
export { overseasTrip } from './overseas-trip.workflow';
export { bilateralAgreement } from './bilateral-agreement.workflow';
export { delegationHandOver } from './delegation.workflow';
