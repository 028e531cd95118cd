import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { MailTransport } from './mail-transport';

/** Provides the SMTP transport built from config; import it where mail is sent (the worker). */
@Global()
@Module({
  providers: [{ provide: MailTransport, inject: [APP_CONFIG], useFactory: (cfg: AppConfig) => new MailTransport(cfg.smtp) }],
  exports: [MailTransport],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
