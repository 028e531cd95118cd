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
import { ProposalWorkflowGateway } from '../../../libs/temporal';
import { SqlAssigneeDirectory } from './sql-assignee-directory';
import { SqlDelegationStore } from './sql-delegation-store';

export const ACTIVITY_DEPENDENCIES = Symbol('ACTIVITY_DEPENDENCIES');

const mailLog = new Logger('Mail');

/** Everything activities touch, built from injected repositories; tests may override this one provider. */
export const activityDependenciesProvider: Provider = {
  provide: ACTIVITY_DEPENDENCIES,
  inject: [DataSource, APP_CONFIG, MailTransport, ProposalWorkflowGateway],
  useFactory: (ds: DataSource, cfg: AppConfig, transport: MailTransport, proposalWorkflows: ProposalWorkflowGateway): ActivityDependencies => ({
    projections: new ProposalProjectionRepository(ds),
    tasks: new TaskProjectionRepository(ds),
    directory: new SqlAssigneeDirectory(ds),
    digest: new DashboardDigestRepository(ds),
    publicUrl: cfg.api.publicUrl,
    // A delegation's hand-over acts on proposals through the same Updates (and validators) as the API.
    delegationStore: new SqlDelegationStore(ds),
    proposalActions: proposalWorkflows,
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
