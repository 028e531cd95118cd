export * from './logger-options';
export * from './redact-url';
