export * from './renewal-rule';
export * from './agreement-data';
export * from './agreement-actions';
export * from './agreement-life';
export * from './agreement-rules';
export * from './agreement-definition.v1';
