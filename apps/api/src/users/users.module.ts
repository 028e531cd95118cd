import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { DelegationsController } from './delegations.controller';
import { DelegationsService } from './delegations.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule, ProposalsModule],
  controllers: [UsersController, DelegationsController, PeopleController],
  providers: [UsersService, DelegationsService, PeopleService],
})
export class UsersModule {}
