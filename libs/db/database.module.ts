import { Global, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { dataSourceOptions } from './data-source-options';
import { ProposalRepository } from './repositories/proposal.repository';
import { ProposalProjectionRepository } from './repositories/proposal-projection.repository';
import { TaskProjectionRepository } from './repositories/task-projection.repository';
import { DocumentRepository } from './repositories/document.repository';
import { UserDirectoryRepository } from './repositories/user-directory.repository';
import { UserAccountRepository } from './repositories/user-account.repository';
import { PeopleDirectoryRepository } from './repositories/people-directory.repository';
import { DelegationRepository } from './repositories/delegation.repository';
import { RefreshTokenRepository } from './repositories/refresh-token.repository';
import { LoginAttemptRepository } from './repositories/login-attempt.repository';
import { AuditEventRepository } from './repositories/audit-event.repository';
import { EmailOutboxRepository } from './repositories/email-outbox.repository';
import { ActionTokenRepository } from './repositories/action-token.repository';
import { DashboardRepository } from './repositories/dashboard.repository';
import { DashboardDigestRepository } from './repositories/dashboard-digest.repository';
import { NotificationPreferenceRepository } from './repositories/notification-preference.repository';
import { TreatyRegisterRepository } from './repositories/treaty-register.repository';
import { DOCUMENT_STORAGE, PostgresDocumentStorage } from './storage/document-storage';

/** Repositories are plain classes over the DataSource, so activities and services share them unchanged. */
const repositories: Provider[] = [
  ...[ProposalRepository, ProposalProjectionRepository, TaskProjectionRepository, DocumentRepository, NotificationPreferenceRepository],
  ...[UserDirectoryRepository, UserAccountRepository, PeopleDirectoryRepository, DelegationRepository, RefreshTokenRepository, LoginAttemptRepository, AuditEventRepository],
  ...[EmailOutboxRepository, ActionTokenRepository],
  ...[DashboardRepository, DashboardDigestRepository, TreatyRegisterRepository],
].map((Repo) => ({
  provide: Repo,
  inject: [DataSource],
  useFactory: (ds: DataSource) => new Repo(ds),
}));

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      // Reachability is checked before start, so a lost database later is retried a little, not forever.
      useFactory: (cfg: AppConfig) => ({ ...dataSourceOptions(cfg.database), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
  providers: [...repositories, { provide: DOCUMENT_STORAGE, inject: [DataSource], useFactory: (ds: DataSource) => new PostgresDocumentStorage(ds) }],
  exports: [...repositories, DOCUMENT_STORAGE],
})
export class DatabaseModule {}
