import { Module } from '@nestjs/common';
import { ProposalTaskDecisions } from './proposal-task-decisions';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';

@Module({ controllers: [ProposalsController], providers: [ProposalsService, ProposalTaskDecisions], exports: [ProposalTaskDecisions] })
export class ProposalsModule {}
