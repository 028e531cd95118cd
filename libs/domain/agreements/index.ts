export * from './renewal-rule';
