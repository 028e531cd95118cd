import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccordConfigModule, AppConfig } from '../../../libs/config';
import { DatabaseModule } from '../../../libs/db';
import { baseLoggerOptions } from '../../../libs/logging';
import { MailModule } from '../../../libs/mail';
import { TemporalClientModule } from '../../../libs/temporal';
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
        // A client of its own for the activities that act on other workflows (a delegation's hand-over).
        TemporalClientModule,
      ],
      providers: [activityDependenciesProvider, TemporalWorkerService],
      exports: [TemporalWorkerService],
    };
  }
}
