export * from './workflow-ids';
export * from './search-attributes';
export * from './accession-proposal.contract';
export * from './proposal-projection.contract';
export * from './weekly-digest.contract';
export * from './notifications.contract';
export * from './web-app-links';
