import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo as AuthenticatedUser } from '../common/authorization/current-user';
import { ApiError } from '../common/errors/api-error';
import {
  ApiActionErrors,
  ApiErrorResponse,
  ApiForbiddenError,
  ApiNotFoundError,
  ApiUnauthorizedError,
  ApiValidationError,
  errorExample,
} from '../common/errors/api-error-body.dto';
import { DocumentUploadInterceptor, MAX_DOCUMENT_SIZE_TEXT } from './document-upload.interceptor';
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
const DOCUMENT_TYPES = /^(application\/pdf|application\/msword|application\/vnd\.openxmlformats-officedocument\.[a-z.]+|application\/vnd\.oasis\.opendocument\.[a-z.]+|text\/plain|image\/(png|jpeg))$/;

/**
 * Refusals: 400 invalid input (field and reason), 403 not your task, 404 unknown or not visible, 409 not allowed in
 * the current stage (named), all with one body (ApiErrorBodyDto) and documented per route with an example.
 */
@ApiTags('proposals')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Client request id, alternative to body.requestId' })
@ApiValidationError()
@ApiUnauthorizedError()
@ApiNotFoundError()
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Create a draft proposal and start its workflow' })
  @ApiResponse({ status: 201, type: ProposalDto, description: 'Created' })
  @ApiResponse({ status: 200, type: ProposalDto, description: 'Same request id seen before: the existing proposal' })
  @ApiForbiddenError('Your role does not prepare proposals')
  @ApiErrorResponse(409, 'The request id was already used for a different proposal', errorExample(409, 'Conflict', 'conflict', 'requestId was already used for a different proposal', { proposalId: '5f0c2a8e-3b8f-4d0a-9c47-2a1b6f0e9d13' }))
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
  @ApiActionErrors('Not in DRAFT any more (details.stage names the stage), or the proposal is closed', 'Only the owner edits a draft')
  edit(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: EditDraftDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.editDraft(user, id, dto, key);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Submit the draft (needs the convention text and the convention code)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiActionErrors('Not in DRAFT (details.stage), or something required is missing (details.missing)', 'Only the owner (or an admin) submits')
  submit(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RequestIdDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'submit', actor }));
  }

  @Post(':id/complete-stage')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Mark the stage work complete (translation, research, coordination)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiActionErrors('No stage work to complete in the current stage (details.stage), or a document, field or remark response is missing (details.missing)', 'Only the owner (or an admin) completes stage work')
  completeStage(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: CompleteStageDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'complete_work', actor, comment: dto.comment }));
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Access({ roles: ['division_head', 'legal', 'finance', 'deputy_commissioner', 'commissioner_general', 'officer', 'admin'] })
  @ApiOperation({ summary: 'Approve, request changes (back to a named earlier stage) or reject, on a task assigned to you' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiActionErrors('The task was already decided or cancelled, or is not assigned yet (details.stage)', 'The task is not yours, or it is your own proposal')
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
  @ApiActionErrors('Not in CABINET_REVIEW (details.stage names the stage), or the proposal is closed', 'Only the owner (or an admin) records the outcome')
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
  @ApiActionErrors('Not in PARLIAMENT (details.stage names the stage), or the proposal is closed', 'Only the owner (or an admin) records the outcome')
  parliament(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordParliamentOutcomeDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.recordParliamentOutcome(user, id, dto, key);
  }

  @Post(':id/remarks')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Record a consulted body’s remarks (COORDINATION)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiActionErrors('Not in COORDINATION (details.stage names the stage), or the proposal is closed', 'Only the owner (or an admin) records remarks')
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
  @ApiActionErrors('Not in COORDINATION (details.stage names the stage), or the proposal is closed', 'Only the owner (or an admin) answers remarks')
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
  @ApiActionErrors('Not in DEPOSIT (details.stage names the stage), or the proposal is closed', 'Only the owner (or an admin) records the deposit')
  deposit(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordDepositDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'record_deposit', actor, depositDate: dto.depositDate }));
  }

  @Post(':id/action-items')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Add an implementation action item' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiActionErrors('Not in IMPLEMENTATION (details.stage names the stage), or the proposal is closed', 'Only the owner (or an admin) plans implementation')
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
  @ApiActionErrors('Not in IMPLEMENTATION (details.stage), or the item is already done', 'Only the owner (or an admin) reassigns items')
  reassignItem(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Param('itemId') itemId: string, @Body() dto: ReassignDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'reassign_action_item', actor, itemId, ownerId: dto.assigneeId }));
  }

  @Post(':id/action-items/:itemId/complete')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'legal', 'finance', 'deputy_commissioner', 'commissioner_general', 'admin'] })
  @ApiOperation({ summary: 'Mark an action item done' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiActionErrors('Not in IMPLEMENTATION (details.stage), or the item is already done', 'Only the item owner or the proposal owner completes it')
  completeItem(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Param('itemId') itemId: string, @Body() dto: RequestIdDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'complete_action_item', actor, itemId }));
  }

  @Post(':id/tasks/:taskId/reassign')
  @HttpCode(200)
  @Access({ roles: ['division_head', 'admin'] })
  @ApiOperation({ summary: 'Reassign an open task (admin or division head)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiActionErrors('The proposal is closed (details.stage)', 'Only an admin or a division head reassigns; the owner never gets an approval task of their own proposal')
  reassignTask(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Param('taskId') taskId: string, @Body() dto: ReassignDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'reassign_task', actor, taskId, assigneeId: dto.assigneeId }));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Access({ roles: ['officer', 'division_head', 'admin'] })
  @ApiOperation({ summary: 'Withdraw the proposal (owner or admin, with a reason)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiActionErrors('The proposal is already closed (completed, rejected or withdrawn; details.stage)', 'Only the owner or an admin withdraws')
  withdraw(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: WithdrawProposalDto, @Headers('idempotency-key') key?: string) {
    return this.proposals.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'withdraw', actor, reason: dto.reason }));
  }

  @Post(':id/documents')
  @Access({ roles: ['officer', 'division_head', 'legal', 'finance', 'deputy_commissioner', 'commissioner_general', 'admin'] })
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['kind', 'file'], properties: { kind: { type: 'string', example: 'translation' }, requestId: { type: 'string' }, file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: `Upload a document; the same kind again is a new version (at most ${MAX_DOCUMENT_SIZE_TEXT}; PDF, Word, OpenDocument, text, PNG, JPEG)` })
  @ApiResponse({ status: 201, type: DocumentDto })
  @ApiActionErrors('The proposal is closed (details.stage): a refused upload stores nothing', 'Only the owner, an admin or a current assignee attaches documents: a refused upload stores nothing')
  @ApiErrorResponse(413, `The file is larger than ${MAX_DOCUMENT_SIZE_TEXT}; nothing is stored`, errorExample(413, 'Payload too large', 'payload_too_large', `file: must be at most ${MAX_DOCUMENT_SIZE_TEXT}`, [{ field: 'file', reason: `must be at most ${MAX_DOCUMENT_SIZE_TEXT}` }]))
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


