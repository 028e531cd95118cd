import { Global, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { dataSourceOptions } from './data-source-options';
import { ProposalRepository } from './repositories/proposal.repository';
import { ProposalProjectionRepository } from './repositories/proposal-projection.repository';

/** Repositories are plain classes over the DataSource, so activities and services share them unchanged. */
const repositories: Provider[] = [ProposalRepository, ProposalProjectionRepository].map((Repo) => ({
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
  providers: repositories,
  exports: repositories,
})
export class DatabaseModule {}
