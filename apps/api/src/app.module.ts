import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccordConfigModule, AppConfig } from '../../../libs/config';
import { DatabaseModule } from '../../../libs/db';
import { httpLoggerParams } from '../../../libs/logging';
import { TemporalClientModule } from '../../../libs/temporal';
import { HealthModule } from './health/health.module';
import { ProposalsModule } from './proposals/proposals.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AccordConfigModule.forRoot(config),
        LoggerModule.forRoot(httpLoggerParams(config.logLevel)),
        DatabaseModule,
        TemporalClientModule,
        HealthModule,
        ProposalsModule,
      ],
    };
  }
}
