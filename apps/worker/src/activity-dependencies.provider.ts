import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityDependencies } from '../../../activities';
import { APP_CONFIG, AppConfig } from '../../../libs/config';
import { DashboardDigestRepository, ProposalProjectionRepository, TaskProjectionRepository } from '../../../libs/db';
import { SqlAssigneeDirectory } from './sql-assignee-directory';

export const ACTIVITY_DEPENDENCIES = Symbol('ACTIVITY_DEPENDENCIES');

/** Everything activities touch, built from injected repositories; tests may override this one provider. */
export const activityDependenciesProvider: Provider = {
  provide: ACTIVITY_DEPENDENCIES,
  inject: [DataSource, ProposalProjectionRepository, TaskProjectionRepository, DashboardDigestRepository, APP_CONFIG],
  useFactory: (
    ds: DataSource,
    projections: ProposalProjectionRepository,
    tasks: TaskProjectionRepository,
    digest: DashboardDigestRepository,
    cfg: AppConfig,
  ): ActivityDependencies => ({
    projections,
    tasks,
    directory: new SqlAssigneeDirectory(ds),
    digest,
    publicUrl: cfg.api.publicUrl,
  }),
};
