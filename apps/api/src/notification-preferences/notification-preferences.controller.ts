import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NotificationPreferenceRepository } from '../../../../libs/db';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo } from '../common/authorization/current-user';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './dto/notification-preferences.dto';

/** A proposal owner turns notification emails on or off per kind (task emails to approvers are not optional). */
@ApiTags('me')
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferenceRepository) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: 'My notification preferences' })
  @ApiResponse({ status: 200, type: NotificationPreferencesDto })
  async get(@CurrentUser() user: CurrentUserInfo): Promise<NotificationPreferencesDto> {
    const p = await this.preferences.get(user.id);
    return { decision: p.decision, stageChange: p.stage_change };
  }

  @Put()
  @Access('authenticated', { leadershipMayWrite: true })
  @ApiOperation({ summary: 'Turn owner notification emails on or off per kind (setting the same value again is harmless)' })
  @ApiResponse({ status: 200, type: NotificationPreferencesDto })
  async update(@CurrentUser() user: CurrentUserInfo, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    if (dto.decision !== undefined) await this.preferences.set(user.id, 'decision', dto.decision);
    if (dto.stageChange !== undefined) await this.preferences.set(user.id, 'stage_change', dto.stageChange);
    return this.get(user);
  }
}
