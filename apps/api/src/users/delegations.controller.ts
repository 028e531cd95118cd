import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo } from '../common/authorization/current-user';
import { CreateDelegationDto } from './dto/create-delegation.dto';
import { DelegationDto } from './dto/delegation.dto';
import { DelegationListQuery } from './dto/delegation-list.query';
import { DelegationsService } from './delegations.service';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: 'Delegations you gave or received (`scope=all`: every delegation, for admin and leadership)' })
  @ApiResponse({ status: 200, type: [DelegationDto] })
  list(@CurrentUser() user: CurrentUserInfo, @Query() q: DelegationListQuery): Promise<DelegationDto[]> {
    return this.delegations.list(user, q);
  }

  @Post()
  @Access('authenticated')
  @ApiOperation({ summary: 'Name a delegate for a period: tasks meant for you then go to them, on your behalf (the ones you hold move when it starts)' })
  @ApiResponse({ status: 201, type: DelegationDto })
  @ApiResponse({ status: 200, type: DelegationDto, description: 'Same request id seen before' })
  @ApiResponse({ status: 409, description: 'Overlaps another delegation of yours, or would go round in a circle' })
  @ApiResponse({ status: 503, description: 'Saved, but its hand-over workflow could not be started: retry with the same requestId' })
  async create(@CurrentUser() user: CurrentUserInfo, @Body() dto: CreateDelegationDto, @Res({ passthrough: true }) res: Response): Promise<DelegationDto> {
    const { delegation, created } = await this.delegations.create(user, dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return delegation;
  }

  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @Access('authenticated')
  @ApiOperation({ summary: 'End a delegation (the person who delegated, or an admin); idempotent. Undecided tasks it moved go back.' })
  @ApiResponse({ status: 200, type: DelegationDto })
  @ApiResponse({ status: 503, description: 'Revoked, but its workflow could not be told yet: retry' })
  revoke(@CurrentUser() user: CurrentUserInfo, @Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<DelegationDto> {
    return this.delegations.revoke(user, id);
  }
}
