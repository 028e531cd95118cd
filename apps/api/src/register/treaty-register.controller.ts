import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo } from '../common/authorization/current-user';
import { RegisterFiltersDto, RegisterListDto } from './dto/register.dto';
import { RegisterQuery } from './dto/register-query.dto';
import { registerCsv, registerXlsx } from './register-export';
import { TreatyRegisterService } from './treaty-register.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every instrument that binds the country or did: conventions acceded and bilateral agreements and MoUs. */
@ApiTags('register')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'Invalid filter, with the field and reason' })
@ApiResponse({ status: 401, description: 'Not signed in' })
@Controller('register')
export class TreatyRegisterController {
  constructor(private readonly register: TreatyRegisterService) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: 'The treaty register: conventions and bilateral instruments with their dates, status and next deadline; filtered, by entry into force' })
  @ApiResponse({ status: 200, type: RegisterListDto })
  list(@Query() q: RegisterQuery): Promise<RegisterListDto> {
    return this.register.list(q);
  }

  @Get('filters')
  @Access('authenticated')
  @ApiOperation({ summary: 'Choices for the register filters: categories, statuses and the counterpart countries present' })
  @ApiResponse({ status: 200, type: RegisterFiltersDto })
  filters(): Promise<RegisterFiltersDto> {
    return this.register.filters();
  }

  @Get('export.csv')
  @Access('authenticated')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The filtered register as CSV (UTF-8), labels in your language' })
  @ApiResponse({ status: 200, description: 'CSV file' })
  async csv(@CurrentUser() user: CurrentUserInfo, @Query() q: RegisterQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { items, today } = await this.register.list(q);
    exportHeaders(res, 'text/csv; charset=utf-8', 'csv', today, items.length);
    return registerCsv(items, user.language);
  }

  @Get('export.xlsx')
  @Access('authenticated')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'The filtered register as an Excel workbook, labels in your language' })
  @ApiResponse({ status: 200, description: 'XLSX file' })
  async xlsx(@CurrentUser() user: CurrentUserInfo, @Query() q: RegisterQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { items, today } = await this.register.list(q);
    exportHeaders(res, XLSX, 'xlsx', today, items.length);
    return new StreamableFile(await registerXlsx(items, user.language, new Date()));
  }
}

function exportHeaders(res: Response, type: string, ext: string, today: string, rows: number): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="accord-treaty-register-${today}.${ext}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accord-Rows', String(rows));
}
