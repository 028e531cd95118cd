import { Logger, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityDependencies } from '../../../activities';
import { APP_CONFIG, AppConfig } from '../../../libs/config';
import {
  ActionTokenRepository,
  DashboardDigestRepository,
  EmailOutboxRepository,
  NotificationPreferenceRepository,
  ProposalProjectionRepository,
  ProposalRepository,
  TaskProjectionRepository,
  UserDirectoryRepository,
} from '../../../libs/db';
import { MailTransport } from '../../../libs/mail';
import { SqlAssigneeDirectory } from './sql-assignee-directory';

export const ACTIVITY_DEPENDENCIES = Symbol('ACTIVITY_DEPENDENCIES');

const mailLog = new Logger('Mail');

/** Everything activities touch, built from injected repositories; tests may override this one provider. */
export const activityDependenciesProvider: Provider = {
  provide: ACTIVITY_DEPENDENCIES,
  inject: [DataSource, APP_CONFIG, MailTransport],
  useFactory: (ds: DataSource, cfg: AppConfig, transport: MailTransport): ActivityDependencies => ({
    projections: new ProposalProjectionRepository(ds),
    tasks: new TaskProjectionRepository(ds),
    directory: new SqlAssigneeDirectory(ds),
    digest: new DashboardDigestRepository(ds),
    publicUrl: cfg.api.publicUrl,
    mail: {
      outbox: new EmailOutboxRepository(ds),
      actionTokens: new ActionTokenRepository(ds),
      mail: transport,
      publicUrl: cfg.api.publicUrl,
      actionLinkMaxAgeSeconds: cfg.actionLinks.maxAgeSeconds,
      log: (level, msg, meta) => mailLog[level === 'warn' ? 'warn' : 'log']({ ...meta }, msg),
    },
    proposalMail: {
      users: new UserDirectoryRepository(ds),
      proposals: new ProposalRepository(ds),
      preferences: new NotificationPreferenceRepository(ds),
      publicUrl: cfg.api.publicUrl,
    },
  }),
};
