import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/authorization/access.decorator';
import { CurrentUser, CurrentUserInfo as AuthenticatedUser } from '../common/authorization/current-user';
import { ActionResultDto, ProposalDto } from '../proposals/dto/proposal.dto';
import { AgreementsService } from './agreements.service';
import {
  CompleteAnnualReviewDto,
  RecordJointActivityDto,
  RecordNegotiationRoundDto,
  RecordNotificationDto,
  RecordRatificationDto,
  RecordSignatureDto,
  SetContactPointsDto,
  TerminateAgreementDto,
} from './dto/agreement-actions.dto';
import { AgreementTermsDto } from './dto/agreement-terms.dto';
import { AgreementDetailDto } from './dto/agreement.dto';
import { CreateAgreementDto, EditAgreementDraftDto } from './dto/create-agreement.dto';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));
/** Who prepares agreements; the workflow further limits each action to the agreement's owner or an admin. */
const PREPARERS = ['officer', 'division_head', 'admin'] as const;

/**
 * Bilateral intergovernmental agreements and inter-agency MoUs. The common steps are the proposals' own
 * (`/api/v1/proposals/:id/{submit,complete-stage,decisions,cabinet-outcome,remarks,documents,withdraw}`); these
 * routes add what only an agreement has. Refusals: 400 (field and reason), 403 (not the owner), 404, 409 (not
 * allowed in the current stage, named).
 */
@ApiTags('agreements')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Client request id, alternative to body.requestId' })
@ApiResponse({ status: 400, description: 'Invalid input, with the field and reason (English and Mongolian)' })
@ApiResponse({ status: 404, description: 'Unknown, not an agreement, or not visible to you' })
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Create a draft agreement or MoU and start its workflow' })
  @ApiResponse({ status: 201, type: ProposalDto, description: 'Created' })
  @ApiResponse({ status: 200, type: ProposalDto, description: 'Same request id seen before: the existing agreement' })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateAgreementDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProposalDto> {
    const { agreement, created } = await this.agreements.create(user, dto, key);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return agreement;
  }

  @Get(':id')
  @Access('authenticated')
  @ApiOperation({ summary: 'One agreement: timeline, tasks, documents, live state, and its rounds, signature, notifications and life in force' })
  @ApiResponse({ status: 200, type: AgreementDetailDto })
  get(@CurrentUser() user: AuthenticatedUser, @Id() id: string): Promise<AgreementDetailDto> {
    return this.agreements.get(user, id);
  }

  @Patch(':id/draft')
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Edit the draft: titles, counterpart, instrument type, subject, legal basis, ratification (owner, DRAFT only)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Not in DRAFT' })
  editDraft(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: EditAgreementDraftDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.editDraft(user, id, dto, key);
  }

  @Post(':id/negotiation-rounds')
  @HttpCode(200)
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Record a negotiation round: date, place, text version exchanged, counterpart remarks (NEGOTIATION)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Not in NEGOTIATION' })
  round(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordNegotiationRoundDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'record_negotiation_round',
      actor,
      round: { date: dto.date, place: dto.place, textVersion: dto.textVersion, counterpartRemarks: dto.counterpartRemarks ?? '' },
    }));
  }

  @Put(':id/terms')
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Replace the entry-into-force clause and the validity/renewal rule (until signature)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Already signed' })
  terms(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: AgreementTermsDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.setTerms(user, id, dto, key);
  }

  @Post(':id/signature')
  @HttpCode(200)
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Record the signature: date, place, one signatory per party (SIGNATURE)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Not in SIGNATURE, or already signed' })
  signature(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordSignatureDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'record_signature',
      actor,
      signature: { date: dto.date, place: dto.place, signatories: dto.signatories.map((s) => ({ name: s.name, title: s.title, party: s.party })) },
    }));
  }

  @Post(':id/ratification')
  @HttpCode(200)
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Record ratification: the act, its number and date (RATIFICATION, instruments that require it)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Not in RATIFICATION' })
  ratification(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordRatificationDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'record_ratification',
      actor,
      ratification: { actKind: dto.actKind, actNumber: dto.actNumber, actDate: dto.actDate },
    }));
  }

  @Post(':id/notifications')
  @HttpCode(200)
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Record a diplomatic notification that internal procedures are complete; the second one fixes entry into force' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Not signed yet, already recorded for that party, or in force on signature' })
  notification(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordNotificationDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'record_notification',
      actor,
      notification: { party: dto.party, date: dto.date, reference: dto.reference },
    }));
  }

  @Put(':id/contact-points')
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Replace the contact points on both sides' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  contactPoints(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: SetContactPointsDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'set_contact_points',
      actor,
      contactPoints: dto.contactPoints.map((c) => ({ party: c.party, name: c.name, position: c.position ?? '', email: c.email ?? '', phone: c.phone ?? '' })),
    }));
  }

  @Post(':id/joint-activities')
  @HttpCode(200)
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Record a joint activity under the agreement (IN_FORCE)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Not in force' })
  jointActivity(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: RecordJointActivityDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'record_joint_activity',
      actor,
      activity: { date: dto.date, title: dto.title, description: dto.description ?? '' },
    }));
  }

  @Post(':id/annual-review')
  @HttpCode(200)
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Complete the open annual review with a summary' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'No annual review is open' })
  annualReview(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: CompleteAnnualReviewDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({ type: 'complete_annual_review', actor, summary: dto.summary }));
  }

  @Post(':id/termination')
  @HttpCode(200)
  @Access({ roles: [...PREPARERS] })
  @ApiOperation({ summary: 'Record notice of termination; the agreement ends on the effective date (at once if it has passed)' })
  @ApiResponse({ status: 200, type: ActionResultDto })
  @ApiResponse({ status: 409, description: 'Not in force, or termination already notified' })
  terminate(@CurrentUser() user: AuthenticatedUser, @Id() id: string, @Body() dto: TerminateAgreementDto, @Headers('idempotency-key') key?: string) {
    return this.agreements.act(user, id, { requestId: dto.requestId, header: key }, (actor) => ({
      type: 'terminate',
      actor,
      termination: { initiatedBy: dto.initiatedBy, noticeDate: dto.noticeDate, effectiveDate: dto.effectiveDate, reason: dto.reason },
    }));
  }
}
