import { Module } from '@nestjs/common';
import { ProposalsService } from '../proposals/proposals.service';
import { TripsController } from './trips.controller';
import { TripsService } from './trips.service';

@Module({ controllers: [TripsController], providers: [TripsService, ProposalsService] })
export class TripsModule {}
