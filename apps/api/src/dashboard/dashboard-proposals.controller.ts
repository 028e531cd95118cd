import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { formatUlaanbaatarDate } from '../../../../libs/domain';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo } from '../common/authorization/current-user';
import { DashboardListFilterQuery, DashboardListQuery, StatusReportQuery } from './dto/dashboard-query.dto';
import { DashboardProposalPageDto, EmailMessageDto, ProposalStatusDto } from './dto/dashboard.dto';
import { proposalsCsv, proposalsXlsx } from './proposal-export';
import { ProposalListService } from './proposal-list.service';
import { ProposalStatusService } from './proposal-status.service';
import { renderStatusReport } from './status-report.page';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The list page (filters, sort, paging), its CSV and XLSX exports, the detail page and the printable status report. */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'Invalid filter, with the field and reason' })
@ApiResponse({ status: 401, description: 'Not signed in' })
@Controller('dashboard/proposals')
export class DashboardProposalsController {
  constructor(
    private readonly list: ProposalListService,
    private readonly status: ProposalStatusService,
  ) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: 'Proposals you may see: filtered (kind, stage, status, owner, division, overdue, period, title text), sorted, paged' })
  @ApiResponse({ status: 200, type: DashboardProposalPageDto })
  page(@CurrentUser() user: CurrentUserInfo, @Query() q: DashboardListQuery): Promise<DashboardProposalPageDto> {
    return this.list.page(user, q);
  }

  @Get('export.csv')
  @Access('authenticated')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The filtered list as CSV (UTF-8, every matching row up to 50,000; X-Accord-Truncated says when cut)' })
  @ApiResponse({ status: 200, description: 'CSV file' })
  async csv(@CurrentUser() user: CurrentUserInfo, @Query() q: DashboardListFilterQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { rows, truncated } = await this.list.all(user, q);
    exportHeaders(res, 'text/csv; charset=utf-8', 'csv', rows.length, truncated);
    return proposalsCsv(rows, user.language);
  }

  @Get('export.xlsx')
  @Access('authenticated')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'The filtered list as an Excel workbook (every matching row up to 50,000)' })
  @ApiResponse({ status: 200, description: 'XLSX file' })
  async xlsx(@CurrentUser() user: CurrentUserInfo, @Query() q: DashboardListFilterQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { rows, truncated } = await this.list.all(user, q);
    exportHeaders(res, XLSX, 'xlsx', rows.length, truncated);
    return new StreamableFile(await proposalsXlsx(rows, user.language, new Date()));
  }

  @Get(':id')
  @Access('authenticated')
  @ApiOperation({ summary: 'Where one proposal stands: stage path, timeline with days per stage, tasks, documents and emails, names resolved' })
  @ApiResponse({ status: 200, type: ProposalStatusDto })
  @ApiResponse({ status: 404, description: 'Unknown or not visible to you' })
  get(@CurrentUser() user: CurrentUserInfo, @Id() id: string): Promise<ProposalStatusDto> {
    return this.status.status(user, id);
  }

  @Get(':id/emails')
  @Access('authenticated')
  @ApiOperation({ summary: 'Emails Accord sent (or is sending) about the proposal' })
  @ApiResponse({ status: 200, type: [EmailMessageDto] })
  emails(@CurrentUser() user: CurrentUserInfo, @Id() id: string): Promise<EmailMessageDto[]> {
    return this.status.emails(user, id);
  }

  @Get(':id/report')
  @Access('authenticated')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'Printable one-page status report (HTML, A4), in your language or ?lang=' })
  @ApiResponse({ status: 200, description: 'HTML page' })
  async report(@CurrentUser() user: CurrentUserInfo, @Id() id: string, @Query() q: StatusReportQuery): Promise<string> {
    return renderStatusReport(await this.status.status(user, id), q.lang ?? user.language, new Date());
  }
}

function exportHeaders(res: Response, type: string, ext: string, rows: number, truncated: boolean): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="accord-proposals-${formatUlaanbaatarDate(new Date())}.${ext}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accord-Rows', String(rows));
  res.setHeader('X-Accord-Truncated', String(truncated));
}
