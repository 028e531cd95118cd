export * from './workflow-ids';
// Not './search-attributes': under ts-node that name resolves to the .json beside it (Node tries .json before .ts).
export * from './search-attribute-keys';
export * from './accession-proposal.contract';
export * from './proposal-projection.contract';
export * from './weekly-digest.contract';
export * from './notifications.contract';
export * from './web-app-links';
export * from './overseas-trip.contract';
export * from './bilateral-agreement.contract';
export * from './delegation.contract';
