import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { UserAccountRepository } from '../../../../libs/db';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo } from '../common/authorization/current-user';
import { ApiError } from '../common/errors/api-error';
import { CycleTimesQuery, DashboardScopeQuery } from './dto/dashboard-query.dto';
import { CycleTimesDto, DashboardFiltersDto, MyTaskDto, OverviewDto, PipelineDto } from './dto/dashboard.dto';
import { PreferencesDto } from './dto/preferences.dto';
import { DashboardOverviewService } from './dashboard-overview.service';

/** The figures behind the web app's overview page, its charts, its filters and "my tasks". Scoped to what you may see. */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Not signed in' })
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly overviewService: DashboardOverviewService,
    private readonly accounts: UserAccountRepository,
  ) {}

  @Get('overview')
  @Access('authenticated')
  @ApiOperation({ summary: 'Counts by kind x stage, open tasks by person, overdue tasks, proposals past their stage SLA, trips (when they exist)' })
  @ApiResponse({ status: 200, type: OverviewDto })
  overview(@CurrentUser() user: CurrentUserInfo, @Query() q: DashboardScopeQuery): Promise<OverviewDto> {
    return this.overviewService.overview(user, q);
  }

  @Get('pipeline')
  @Access('authenticated')
  @ApiOperation({ summary: 'Open proposals per stage of each kind (on time / overdue), in process order, for the pipeline chart' })
  @ApiResponse({ status: 200, type: PipelineDto })
  pipeline(@CurrentUser() user: CurrentUserInfo, @Query() q: DashboardScopeQuery): Promise<PipelineDto> {
    return this.overviewService.pipeline(user, q);
  }

  @Get('cycle-times')
  @Access('authenticated')
  @ApiOperation({ summary: 'Median and 90th percentile of days spent per stage, for stays that ended in the period (default: the last 90 days)' })
  @ApiResponse({ status: 200, type: CycleTimesDto })
  cycleTimes(@CurrentUser() user: CurrentUserInfo, @Query() q: CycleTimesQuery): Promise<CycleTimesDto> {
    return this.overviewService.cycleTimes(user, q);
  }

  @Get('filters')
  @Access('authenticated')
  @ApiOperation({ summary: 'Choices for the list filters: kinds with their stages, divisions and owners you may see' })
  @ApiResponse({ status: 200, type: DashboardFiltersDto })
  filters(@CurrentUser() user: CurrentUserInfo): Promise<DashboardFiltersDto> {
    return this.overviewService.filters(user);
  }

  @Get('my-tasks')
  @Access('authenticated')
  @ApiOperation({ summary: 'Your open tasks (including those you hold as a delegate), soonest due first' })
  @ApiResponse({ status: 200, type: [MyTaskDto] })
  myTasks(@CurrentUser() user: CurrentUserInfo): Promise<MyTaskDto[]> {
    return this.overviewService.myTasks(user);
  }

  @Put('preferences')
  @Access('authenticated', { leadershipMayWrite: true, duringPasswordChange: true })
  @ApiOperation({ summary: 'Remember your language (web app and emails)' })
  @ApiResponse({ status: 200, type: PreferencesDto })
  async setPreferences(@CurrentUser() user: CurrentUserInfo, @Body() dto: PreferencesDto): Promise<PreferencesDto> {
    const updated = await this.accounts.update(user.id, { language: dto.language });
    if (!updated) throw ApiError.notFound('user');
    return { language: updated.language };
  }
}
