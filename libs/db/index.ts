export * from './entities';
export * from './migrations';
export * from './data-source-options';
export * from './prepare-database';
export * from './repositories/proposal.repository';
export * from './repositories/proposal-projection.repository';
export * from './database.module';
