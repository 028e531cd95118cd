import { Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { DelegationWorkflowGateway } from '../../../../libs/temporal';
import { AuthModule } from '../auth/auth.module';
import { DelegationsController } from './delegations.controller';
import { DelegationsService } from './delegations.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule],
  controllers: [UsersController, DelegationsController, PeopleController],
  providers: [
    UsersService,
    DelegationsService,
    PeopleService,
    { provide: DelegationWorkflowGateway, inject: [Client, APP_CONFIG], useFactory: (client: Client, cfg: AppConfig) => new DelegationWorkflowGateway(client, cfg.temporal.taskQueue) },
  ],
})
export class UsersModule {}
