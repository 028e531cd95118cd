import { Module } from '@nestjs/common';
import { ProposalTaskDecisions } from './proposal-task-decisions';
import { TaskHandOverService } from './task-handover.service';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';

@Module({ controllers: [ProposalsController], providers: [ProposalsService, ProposalTaskDecisions, TaskHandOverService], exports: [ProposalTaskDecisions, TaskHandOverService] })
export class ProposalsModule {}
