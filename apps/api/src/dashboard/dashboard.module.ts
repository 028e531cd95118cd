import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardOverviewService } from './dashboard-overview.service';
import { DashboardProposalsController } from './dashboard-proposals.controller';
import { DigestScheduleController } from './digest-schedule.controller';
import { DigestScheduleService } from './digest-schedule.service';
import { ProposalListService } from './proposal-list.service';
import { ProposalStatusService } from './proposal-status.service';
import { WebAppController } from './web/web-app.controller';

/** The leadership dashboard: its JSON API, exports, status reports, the weekly digest schedule and the web app. */
@Module({
  controllers: [DashboardController, DashboardProposalsController, DigestScheduleController, WebAppController],
  providers: [DashboardOverviewService, ProposalListService, ProposalStatusService, DigestScheduleService],
})
export class DashboardModule {}
