import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccordConfigModule, AppConfig } from '../../../libs/config';
import { DatabaseModule } from '../../../libs/db';
import { httpLoggerParams } from '../../../libs/logging';
import { TemporalClientModule } from '../../../libs/temporal';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AuthorizationModule } from './common/authorization/authorization.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { HealthModule } from './health/health.module';
import { MailPreviewModule } from './mail-preview/mail-preview.module';
import { ProposalsModule } from './proposals/proposals.module';
import { ActionsModule, TASK_DECISION_PORT } from './actions/actions.module';
import { ProposalTaskDecisions } from './proposals/proposal-task-decisions';
import { NotificationPreferencesModule } from './notification-preferences/notification-preferences.module';
import { UsersModule } from './users/users.module';
import { TripsModule } from './trips/trips.module';
import { RegisterModule } from './register/register.module';
import { AgreementsModule } from './agreements/agreements.module';

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
        AuditModule,
        AuthModule,
        AuthorizationModule,
        UsersModule,
        HealthModule,
        MailPreviewModule,
        ProposalsModule,
        TripsModule,
        AgreementsModule,
        NotificationPreferencesModule,
        ActionsModule.register({ imports: [ProposalsModule], decisionPort: { provide: TASK_DECISION_PORT, inject: [ProposalTaskDecisions], useFactory: (port: ProposalTaskDecisions) => port } }),
        DashboardModule,
        RegisterModule,
      ],
    };
  }
}
