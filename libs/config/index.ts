export * from './environment.schema';
export * from './load-config';
export * from './config.tokens';
export * from './config.module';
