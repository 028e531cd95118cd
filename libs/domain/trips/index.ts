export * from './trip-costs';
export * from './money';
export * from './trip-routing';
export * from './trip-reapproval';
export * from './trip-request-validation';
export * from './trip-timing';
export * from './trip-engine-context';
export * from './trip-definition.v1';
