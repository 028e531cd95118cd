export * from './workflow-ids';
export * from './search-attributes';
export * from './accession-proposal.contract';
