export * from './language';
export * from './task-actions';
export * from './mail-address';
export * from './message-id';
export * from './mail-transport';
export * from './render-template';
export * from './templates';
export * from './mail.module';
