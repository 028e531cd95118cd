export * from './trip-costs';
export * from './money';
export * from './trip-routing';
export * from './trip-reapproval';
export * from './trip-request-validation';
