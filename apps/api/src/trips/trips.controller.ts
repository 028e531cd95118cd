import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo as AuthenticatedUser } from '../common/authorization/current-user';
import { ActionResultDto, ProposalDto } from '../proposals/dto/proposal.dto';
import { RecordDecisionDto } from '../proposals/dto/record-decision.dto';
import { RequestIdDto } from '../proposals/dto/request-id.dto';
import { CancelTripDto, ChangeTripDto } from './dto/change-trip.dto';
import { CreateTripDto } from './dto/create-trip.dto';
import { TripDetailDto } from './dto/trip.dto';
import { TripsService } from './trips.service';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));
const MAX_REPORT_BYTES = 25 * 1024 * 1024;
const REQUESTERS = ['officer', 'division_head', 'admin'] as const;

/**
 * Overseas trip requests. The invitation letter is uploaded with the proposal documents endpoint
 * (`POST /api/v1/proposals/:id/documents`, kind `invitation_letter`); the timeline, tasks and lists are the
 * proposals' own. Refusals: 400 (field and reason), 403, 404, 409 (not allowed in the current stage, named).
 */
@ApiTags('trips')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Client request id, alternative to body.requestId' })
@ApiResponse({ status: 400, description: 'Invalid input, with the field and reason' })
@ApiResponse({ status: 404, description: 'Unknown or not visible to you' })
@Controller('trips')
export class TripsController {
  constructor(private readonly trips: TripsService) {}

  @Post()
  @Access({ roles: [...REQUESTERS] })
  @ApiOperation({ summary: 'Request an overseas trip (draft) and start its workflow' })
  @ApiResponse({ status: 201, type: ProposalDto, description: 'Created' })
  @ApiResponse({ status: 200, type: ProposalDto, description: 'Same request id seen before: the existing trip' })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateTripDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProposalDto> {
    const { trip, created } = await this.trips.create(user, dto, key);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return trip;
  }

  @Get(':id')
  @Access('authenticated')
  @ApiOperation({ summary: 'One trip with its request, approval route, timeline, tasks, documents and live state' })
  @ApiResponse({ status: 200, type: TripDetailDto })
  get(@CurrentUser() user: AuthenticatedUser, @Id() id: string): Promise<TripDetailDto> {
    return this.trips.get(user, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Access({ roles: [...REQUESTERS] })
  @ApiOperation({ summary: 'Submit the request for approval (needs the invitation letter)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  submit(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RequestIdDto, @Headers('idempotency-key') key?: string) {
    return this.trips.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'submit', actor }));
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Access({ roles: ['division_head', 'finance', 'deputy_commissioner', 'commissioner_general', 'officer', 'admin'] })
  @ApiOperation({ summary: 'Approve, request changes or reject (the assignee of the task; never a traveller)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 403, description: 'Not your task, or a traveller approving their own trip' })
  decide(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordDecisionDto, @Headers('idempotency-key') key?: string) {
    return this.trips.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'decide',
      actor,
      taskId: dto.taskId,
      decision: dto.decision,
      comment: dto.comment,
      returnToStage: dto.returnToStage,
    }));
  }

  @Post(':id/change')
  @HttpCode(200)
  @Access({ roles: [...REQUESTERS] })
  @ApiOperation({ summary: 'Change dates or delegates; after approval the affected approvals run again' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  change(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: ChangeTripDto, @Headers('idempotency-key') key?: string) {
    return this.trips.change(user, id, dto, key);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access({ roles: [...REQUESTERS] })
  @ApiOperation({ summary: 'Cancel the trip before departure, with a reason' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Already travelling or closed' })
  cancel(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: CancelTripDto, @Headers('idempotency-key') key?: string) {
    return this.trips.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'cancel', actor, reason: dto.reason }));
  }

  @Post(':id/report')
  @HttpCode(200)
  @Access({ roles: [...REQUESTERS] })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_REPORT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { requestId: { type: 'string' }, file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Upload the post-trip report; in REPORT_DUE this closes the trip' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  async report(
    @CurrentUser() user: AuthenticatedUser,
    @Id() id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, string>,
    @Headers('idempotency-key') key?: string,
  ): Promise<ActionResultDto> {
    const { result } = await this.trips.submitReport(user, id, file, { requestId: typeof body.requestId === 'string' ? body.requestId : undefined, header: key });
    return result;
  }
}
