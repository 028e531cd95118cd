import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccordConfigModule, AppConfig } from '../../../libs/config';
import { DatabaseModule } from '../../../libs/db';
import { baseLoggerOptions } from '../../../libs/logging';
import { MailModule } from '../../../libs/mail';
import { TemporalWorkerService } from './temporal-worker.service';
import { activityDependenciesProvider } from './activity-dependencies.provider';

/** A Nest application context (no HTTP) so activities get their dependencies by injection. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AccordConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: baseLoggerOptions(config.logLevel, 'accord-worker') }),
        DatabaseModule,
        MailModule,
      ],
      providers: [activityDependenciesProvider, TemporalWorkerService],
      exports: [TemporalWorkerService],
    };
  }
}
