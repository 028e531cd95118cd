export * from './send-email.activity';
