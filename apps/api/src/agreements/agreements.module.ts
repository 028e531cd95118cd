import { Module } from '@nestjs/common';
import { ProposalsService } from '../proposals/proposals.service';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';

@Module({ controllers: [AgreementsController], providers: [AgreementsService, ProposalsService] })
export class AgreementsModule {}
