export * from './entry-into-force';
export * from './convention-definition';
export * from './conventions.v1';
export * from './annex-selection';
