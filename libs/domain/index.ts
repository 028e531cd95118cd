export * from './proposal-kinds';
