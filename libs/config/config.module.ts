import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from './config.tokens';
import { AppConfig } from './load-config';

/** Provides the already-validated config; validation happens before Nest starts so errors stay one line. */
@Global()
@Module({})
export class AccordConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AccordConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
