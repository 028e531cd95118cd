import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '../config';
import { ProposalWorkflowGateway } from './proposal-workflow.gateway';
import { connectTemporalClient } from './temporal-client';

@Global()
@Module({
  providers: [
    { provide: Client, inject: [APP_CONFIG], useFactory: (cfg: AppConfig) => connectTemporalClient(cfg.temporal) },
    {
      provide: ProposalWorkflowGateway,
      inject: [Client, APP_CONFIG],
      useFactory: (client: Client, cfg: AppConfig) => new ProposalWorkflowGateway(client, cfg.temporal.taskQueue, cfg.workflowDayMs),
    },
  ],
  exports: [Client, ProposalWorkflowGateway],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
