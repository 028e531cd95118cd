import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo as AuthenticatedUser } from '../common/authorization/current-user';
import { ApiError } from '../common/errors/api-error';
import { AddActionItemDto, ReassignDto } from './dto/action-item.dto';
import { CompleteStageDto } from './dto/complete-stage.dto';
import { RecordRemarkDto, RespondToRemarkDto } from './dto/coordination-remark.dto';
import { CreateProposalDto } from './dto/create-proposal.dto';
import { EditDraftDto } from './dto/edit-draft.dto';
import { ListProposalsQuery } from './dto/list-proposals.query';
import { ActionResultDto, DocumentDto, ProposalDetailDto, ProposalDto, ProposalPageDto } from './dto/proposal.dto';
import { RecordCabinetOutcomeDto } from './dto/record-cabinet-outcome.dto';
import { RecordDecisionDto } from './dto/record-decision.dto';
import { RecordDepositDto } from './dto/record-deposit.dto';
import { RecordParliamentOutcomeDto } from './dto/record-parliament-outcome.dto';
import { RequestIdDto } from './dto/request-id.dto';
import { WithdrawProposalDto } from './dto/withdraw-proposal.dto';
import { ProposalsService } from './proposals.service';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));
const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
const DOCUMENT_TYPES = /^(application\/pdf|application\/msword|application\/vnd\.openxmlformats-officedocument\.[a-z.]+|application\/vnd\.oasis\.opendocument\.[a-z.]+|text\/plain|image\/(png|jpeg))$/;

/** Refusals: 400 invalid input (field and reason), 403 not your task, 404 unknown or not visible, 409 not allowed in the current stage (named). */
@ApiTags('proposals')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Client request id, alternative to body.requestId' })
@ApiResponse({ status: 400, description: 'Invalid input, with the field and reason' })
@ApiResponse({ status: 404, description: 'Unknown or not visible to you' })
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Create a draft proposal and start its workflow' })
  @ApiResponse({ status: 201, type: ProposalDto, description: 'Created' })
  @ApiResponse({ status: 200, type: ProposalDto, description: 'Same request id seen before: the existing proposal' })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateProposalDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProposalDto> {
    const { proposal, created } = await this.proposals.create(user, dto, key);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return proposal;
  }

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: 'Proposals you may see, filtered, sorted, keyset-paginated' })
  @ApiResponse({ status: 200, type: ProposalPageDto })
  list(@CurrentUser() user: AuthenticatedUser, @Query() q: ListProposalsQuery): Promise<ProposalPageDto> {
    return this.proposals.list(user, q);
  }

  @Get(':id')
  @Access('authenticated')
  @ApiOperation({ summary: 'One proposal with timeline, tasks, documents and the live workflow state' })
  @ApiResponse({ status: 200, type: ProposalDetailDto })
  get(@CurrentUser() user: AuthenticatedUser, @Id() id: string): Promise<ProposalDetailDto> {
    return this.proposals.get(user, id);
  }

  @Patch(':id')
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Edit the draft (owner only, DRAFT stage only)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  edit(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: EditDraftDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.editDraft(user, id, dto, key);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Submit the draft (needs the convention text and the convention code)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Not in DRAFT, or something required is missing (listed)' })
  submit(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RequestIdDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'submit', actor }));
  }

  @Post(':id/complete-stage')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Mark the stage work complete (translation, research, coordination)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  completeStage(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: CompleteStageDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'complete_work', actor, comment: dto.comment }));
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Access({ roles: ['division_head', 'legal', 'finance', 'deputy_commissioner', 'commissioner_general', 'officer', 'admin'] })
  @ApiOperation({ summary: 'Approve, request changes (back to a named earlier stage) or reject, on a task assigned to you' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 403, description: 'The task is not yours, or it is your own proposal' })
  decide(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordDecisionDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'decide',
      actor,
      taskId: dto.taskId,
      decision: dto.decision,
      comment: dto.comment,
      returnToStage: dto.returnToStage,
    }));
  }

  @Post(':id/cabinet-outcome')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Record the Cabinet outcome: approved (resolution number and date), returned or rejected' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  cabinet(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordCabinetOutcomeDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'cabinet_outcome',
      actor,
      outcome: dto.outcome,
      resolutionNumber: dto.resolutionNumber,
      resolutionDate: dto.resolutionDate,
      remarks: dto.remarks,
    }));
  }

  @Post(':id/parliament-outcome')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Record the Parliament outcome: ratified (law number, date, annexes, reservations), returned or rejected' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  parliament(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordParliamentOutcomeDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'parliament_outcome',
      actor,
      outcome: dto.outcome,
      lawNumber: dto.lawNumber,
      lawDate: dto.lawDate,
      annexesAccepted: dto.annexesAccepted,
      reservations: dto.reservations,
      remarks: dto.remarks,
    }));
  }

  @Post(':id/remarks')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Record a consulted body’s remarks (COORDINATION)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  addRemark(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordRemarkDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'record_remark',
      actor,
      body: dto.body,
      remarks: dto.remarks,
      replyDeadline: dto.replyDeadline,
    }));
  }

  @Post(':id/remarks/:remarkId/response')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Record the division’s response to one remark' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  respond(
    @CurrentUser() user: AuthenticatedUser,
    @Id() id: string,
    @Param('remarkId') remarkId: string,
    @Body() dto: RespondToRemarkDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'respond_remark', actor, remarkId, response: dto.response }));
  }

  @Get(':id/remarks.csv')
  @Access('authenticated')
  @ApiOperation({ summary: 'The comments table (remarks and responses) as CSV for the Cabinet submission' })
  async remarksCsv(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="comments-${id}.csv"`);
    return this.proposals.remarksCsv(user, id);
  }

  @Post(':id/deposit')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Record deposit of the instrument; entry into force follows the convention’s rule' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  deposit(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordDepositDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'record_deposit', actor, depositDate: dto.depositDate }));
  }

  @Post(':id/action-items')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Add an implementation action item' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  addItem(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: AddActionItemDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'add_action_item',
      actor,
      title: dto.title,
      ownerId: dto.ownerId,
      dueDate: dto.dueDate,
    }));
  }

  @Post(':id/action-items/:itemId/reassign')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Give an action item to someone else' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  reassignItem(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Param('itemId') itemId: string, @Body() dto: ReassignDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'reassign_action_item', actor, itemId, ownerId: dto.assigneeId }));
  }

  @Post(':id/action-items/:itemId/complete')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'legal', 'finance', 'deputy_commissioner', 'commissioner_general', 'admin'] })
  @ApiOperation({ summary: 'Mark an action item done' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  completeItem(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Param('itemId') itemId: string, @Body() dto: RequestIdDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'complete_action_item', actor, itemId }));
  }

  @Post(':id/tasks/:taskId/reassign')
  @HttpCode(200)
  @Access({ roles: ['division_head', 'admin'] })
  @ApiOperation({ summary: 'Reassign an open task (admin or division head)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  reassignTask(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Param('taskId') taskId: string, @Body() dto: ReassignDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'reassign_task', actor, taskId, assigneeId: dto.assigneeId }));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Withdraw the proposal (owner or admin, with a reason)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  withdraw(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: WithdrawProposalDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'withdraw', actor, reason: dto.reason }));
  }

  @Post(':id/documents')
  @Access({ roles: ['officer', 'division_head', 'legal', 'finance', 'deputy_commissioner', 'commissioner_general', 'admin'] })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['kind', 'file'], properties: { kind: { type: 'string', example: 'translation' }, requestId: { type: 'string' }, file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Upload a document; the same kind again is a new version (25 MB; PDF, Word, OpenDocument, text, PNG, JPEG)' })
  @ApiResponse({ status: 201, type: DocumentDto })
  upload(
    @CurrentUser() user: AuthenticatedUser,
    @Id() id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, string>,
    @Headers('idempotency-key') key?: string,
  ): Promise<DocumentDto> {
    const problems = [];
    if (file && !DOCUMENT_TYPES.test(file.mimetype)) problems.push({ field: 'file', reason: `type ${file.mimetype} is not accepted` });
    for (const k of Object.keys(body ?? {})) if (!['kind', 'requestId'].includes(k)) problems.push({ field: k, reason: `property ${k} should not exist` });
    if (problems.length) throw ApiError.validation(problems);
    return this.proposals.uploadDocument(user, id, String(body?.kind ?? ''), file, { requestId: body?.requestId, header: key });
  }

  @Get(':id/documents/:documentId')
  @Access('authenticated')
  @ApiOperation({ summary: 'Download one version of a document' })
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Id() id: string,
    @Param('documentId', new ParseUUIDPipe({ version: '4' })) documentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { doc, content } = await this.proposals.downloadDocument(user, id, documentId);
    res.setHeader('X-Content-SHA256', doc.sha256);
    return new StreamableFile(content, {
      type: doc.contentType,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      length: content.length,
    });
  }
}


