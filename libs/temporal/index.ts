export * from './connection-options';
export * from './temporal-client.module';
export * from './temporal-client';
export * from './proposal-workflow.gateway';
export * from './delegation-workflow.gateway';
