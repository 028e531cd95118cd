import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo } from '../common/authorization/current-user';
import { ApiError } from '../common/errors/api-error';
import { REQUEST_ID_PATTERN, RequestIdDto } from '../proposals/dto/request-id.dto';
import { DigestScheduleDto, DigestTriggerResultDto } from './dto/dashboard.dto';
import { PauseDigestDto } from './dto/pause-digest.dto';
import { DigestScheduleService } from './digest-schedule.service';

/** Admin actions on the weekly digest's Temporal Schedule (Monday 08:00 Ulaanbaatar). */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiResponse({ status: 403, description: 'Admins only' })
@Controller('dashboard/digest-schedule')
export class DigestScheduleController {
  constructor(private readonly schedule: DigestScheduleService) {}

  @Get()
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'The weekly digest schedule: paused or not, next runs, recent runs' })
  @ApiResponse({ status: 200, type: DigestScheduleDto })
  describe(): Promise<DigestScheduleDto> {
    return this.schedule.describe();
  }

  @Post('pause')
  @HttpCode(HttpStatus.OK)
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Pause the weekly digest (idempotent)' })
  @ApiResponse({ status: 200, type: DigestScheduleDto })
  pause(@CurrentUser() user: CurrentUserInfo, @Body() dto: PauseDigestDto): Promise<DigestScheduleDto> {
    return this.schedule.pause(dto.note, user.email);
  }

  @Post('unpause')
  @HttpCode(HttpStatus.OK)
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Resume the weekly digest (idempotent)' })
  @ApiResponse({ status: 200, type: DigestScheduleDto })
  unpause(@CurrentUser() user: CurrentUserInfo): Promise<DigestScheduleDto> {
    return this.schedule.unpause(user.email);
  }

  @Post('trigger')
  @HttpCode(HttpStatus.ACCEPTED)
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Send the digest now (also while paused); it runs as a workflow, the emails follow shortly. A repeated request id starts it once.' })
  @ApiResponse({ status: 202, type: DigestTriggerResultDto })
  trigger(@Body() dto: RequestIdDto, @Headers('idempotency-key') key?: string): Promise<DigestTriggerResultDto> {
    const requestId = dto.requestId ?? key;
    if (requestId !== undefined && !REQUEST_ID_PATTERN.test(requestId)) throw ApiError.validation([{ field: 'requestId', reason: 'must be 8-128 letters, digits or . _ : -' }]);
    return this.schedule.trigger(requestId ?? randomUUID());
  }
}
