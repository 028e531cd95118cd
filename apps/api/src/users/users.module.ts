import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DelegationsController } from './delegations.controller';
import { DelegationsService } from './delegations.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule],
  controllers: [UsersController, DelegationsController],
  providers: [UsersService, DelegationsService],
})
export class UsersModule {}
