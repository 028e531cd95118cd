export * from './iso-date';
export * from './ulaanbaatar-time';
export * from './working-days';
export * from './mongolia-holidays';
export * from './scaled-calendar';
