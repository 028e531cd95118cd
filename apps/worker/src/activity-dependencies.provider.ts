import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityDependencies } from '../../../activities';
import { ProposalProjectionRepository, TaskProjectionRepository } from '../../../libs/db';
import { SqlAssigneeDirectory } from './sql-assignee-directory';

export const ACTIVITY_DEPENDENCIES = Symbol('ACTIVITY_DEPENDENCIES');

/** Everything activities touch, built from injected repositories; tests may override this one provider. */
export const activityDependenciesProvider: Provider = {
  provide: ACTIVITY_DEPENDENCIES,
  inject: [DataSource, ProposalProjectionRepository, TaskProjectionRepository],
  useFactory: (ds: DataSource, projections: ProposalProjectionRepository, tasks: TaskProjectionRepository): ActivityDependencies => ({
    projections,
    tasks,
    directory: new SqlAssigneeDirectory(ds),
  }),
};
