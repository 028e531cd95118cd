import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { agreementWorkflowId, BilateralAgreementInput, PersonAction } from '../../../../libs/contracts';
import { ProposalEntity, ProposalRepository } from '../../../../libs/db';
import {
  Actor,
  AgreementData,
  AgreementEntryIntoForceRule,
  CURRENT_DEFINITION_VERSION,
  emptyAgreementData,
  FIVE_YEARS_AUTO_RENEWING_V1,
  INITIAL_STAGE,
  RenewalRule,
  termsProblem,
} from '../../../../libs/domain';
import { ProposalWorkflowGateway } from '../../../../libs/temporal';
import { ApiError, FieldProblem } from '../common/errors/api-error';
import { ActionResultDto, ProposalDto } from '../proposals/dto/proposal.dto';
import { REQUEST_ID_PATTERN } from '../proposals/dto/request-id.dto';
import { toProposalDto } from '../proposals/proposal.mapper';
import { ProposalActor, ProposalsService } from '../proposals/proposals.service';
import { AgreementDetailDto } from './dto/agreement.dto';
import { AgreementTermsDto } from './dto/agreement-terms.dto';
import { CreateAgreementDto, EditAgreementDraftDto } from './dto/create-agreement.dto';

const REAL_DAY_MS = 86_400_000;
type Terms = Pick<AgreementData, 'entryIntoForceRule' | 'renewalRule'>;
type Ids = { requestId?: string; header?: string };

/** A field problem with its reason in both languages. */
const problem = (field: string, reason: string, reasonMn: string): FieldProblem => ({ field, reason, reasonMn }) as FieldProblem;

const MOU_NOT_RATIFIED = problem('requiresRatification', 'an inter-agency MoU is not ratified: requiresRatification must be false', 'Байгууллага хоорондын санамж бичгийг соёрхон баталдаггүй тул requiresRatification нь false байх ёстой');

/**
 * Bilateral agreements and MoUs: an agreement is a row of the proposals read model (kind 'agreement'; draft
 * fields under details.fields, its data under details.agreement) driven by its own workflow (`agreement-<id>`).
 * The service checks what the API can check alone (types, an MoU is never ratified, the terms); every action then
 * goes to the workflow through the same path as a proposal's, and the workflow decides (owner or admin, stage).
 */
@Injectable()
export class AgreementsService {

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly proposals: ProposalRepository,
    private readonly workflows: ProposalWorkflowGateway,
    private readonly proposalActions: ProposalsService,
  ) {}

  async create(actor: ProposalActor, dto: CreateAgreementDto, headerRequestId?: string): Promise<{ agreement: ProposalDto; created: boolean }> {
    const problems: FieldProblem[] = [];
    if (dto.instrumentType === 'interagency_mou' && dto.requiresRatification) problems.push(MOU_NOT_RATIFIED);
    const terms = toTerms(dto);
    problems.push(...termsProblems(terms));
    if (problems.length) throw ApiError.validation(problems);
    if (headerRequestId !== undefined && !REQUEST_ID_PATTERN.test(headerRequestId)) {
      throw ApiError.validation([problem('Idempotency-Key', 'must be 8-128 letters, digits or . _ : -', '8-128 тэмдэгт (үсэг, тоо, . _ : -) байх ёстой')]);
    }

    const fields: Record<string, string> = {
      counterpartCountry: dto.counterpartCountry,
      counterpartAuthority: dto.counterpartAuthority.trim(),
      instrumentType: dto.instrumentType,
      subject: dto.subject.trim(),
      requiresRatification: dto.requiresRatification ? 'yes' : 'no',
      ...(dto.legalBasis?.trim() ? { legalBasis: dto.legalBasis.trim() } : {}),
    };
    const id = randomUUID();
    const { proposal, created } = await this.proposals.insertDraftOnce({
      id,
      kind: 'agreement',
      titleEn: dto.titleEn.trim(),
      titleMn: dto.titleMn.trim(),
      summary: dto.summary?.trim() ?? '',
      ownerId: actor.id,
      division: actor.division,
      stage: INITIAL_STAGE,
      workflowId: agreementWorkflowId(id),
      definitionVersion: CURRENT_DEFINITION_VERSION.agreement,
      details: { fields, agreement: emptyAgreementData(terms) },
      createRequestId: `create-agreement:${actor.id}:${dto.requestId ?? headerRequestId ?? id}`,
    });
    if (!created && (proposal.kind !== 'agreement' || proposal.titleEn !== dto.titleEn.trim())) {
      throw ApiError.conflict('requestId was already used for a different request', { proposalId: proposal.id });
    }
    await this.workflows.startBilateralAgreement(this.workflowInput(proposal));
    return { agreement: toProposalDto(proposal), created };
  }

  /** The workflow's input from the stored row, so a retried create starts the very same workflow. */
  private workflowInput(p: ProposalEntity): BilateralAgreementInput {
    const scaled = this.config.workflowDayMs;
    const details = p.details as { fields: Record<string, string>; agreement: AgreementData };
    return {
      proposalId: p.id,
      ownerId: p.ownerId!,
      division: p.division,
      definitionVersion: p.definitionVersion,
      fields: details.fields,
      agreement: details.agreement,
      // With a shortened day (tests, demos) the agreement's dates run on the same scaled clock, from its creation.
      clock: { dayMs: scaled ?? REAL_DAY_MS, calendarOrigin: scaled ? p.createdAt.toISOString() : null },
    };
  }

  /** The proposal detail plus the agreement's data: live from the workflow, or as the read model last stored it. */
  async get(actor: ProposalActor, id: string): Promise<AgreementDetailDto> {
    // One state query for the whole answer: its timeline, `live` block and agreement data describe the same moment.
    const { detail, live } = await this.proposalActions.getWithLiveState(actor, id);
    if (detail.kind !== 'agreement') throw ApiError.notFound('agreement');
    const stored = (detail.details as { agreement?: AgreementData }).agreement;
    const agreement = (live?.data as unknown as AgreementData | undefined) ?? stored;
    return { ...detail, agreement: agreement as never, agreementSource: live?.data ? 'live' : 'read_model' };
  }

  /** Draft fields (DRAFT only, owner only: the workflow decides first, then the row follows). */
  async editDraft(actor: ProposalActor, id: string, dto: EditAgreementDraftDto, header?: string): Promise<ActionResultDto> {
    const row = await this.agreementRow(id);
    const fields: Record<string, string> = {
      ...(dto.counterpartCountry !== undefined ? { counterpartCountry: dto.counterpartCountry } : {}),
      ...(dto.counterpartAuthority !== undefined ? { counterpartAuthority: dto.counterpartAuthority.trim() } : {}),
      ...(dto.instrumentType !== undefined ? { instrumentType: dto.instrumentType } : {}),
      ...(dto.subject !== undefined ? { subject: dto.subject.trim() } : {}),
      ...(dto.legalBasis !== undefined ? { legalBasis: dto.legalBasis.trim() } : {}),
      ...(dto.requiresRatification !== undefined ? { requiresRatification: dto.requiresRatification ? 'yes' : 'no' } : {}),
    };
    const titles = [dto.titleEn, dto.titleMn, dto.summary].some((v) => v !== undefined);
    if (!titles && Object.keys(fields).length === 0) {
      throw ApiError.validation([problem('body', 'give at least one field to change', 'өөрчлөх дор хаяж нэг талбар оруулна уу')]);
    }
    const live = await this.workflows.queryState(id, row.workflowId).catch(() => null);
    const merged = { ...(live?.fields ?? (row.details as { fields?: Record<string, string> }).fields ?? {}), ...fields };
    if (merged.instrumentType === 'interagency_mou' && merged.requiresRatification === 'yes') throw ApiError.validation([MOU_NOT_RATIFIED]);
    const result = await this.proposalActions.act(actor, id, { requestId: dto.requestId, header }, (a) => ({ type: 'edit_draft', actor: a, fields }));
    await this.proposals.updateDraft(id, { titleEn: dto.titleEn?.trim(), titleMn: dto.titleMn?.trim(), summary: dto.summary?.trim(), fields });
    return result;
  }

  /** New terms (until signature): checked here with field and reason, then by the workflow. */
  async setTerms(actor: ProposalActor, id: string, dto: AgreementTermsDto, header?: string): Promise<ActionResultDto> {
    await this.agreementRow(id);
    const terms = toTerms(dto);
    const problems = termsProblems(terms);
    if (problems.length) throw ApiError.validation(problems);
    return this.proposalActions.act(actor, id, { requestId: dto.requestId, header }, (a) => ({ type: 'set_agreement_terms', actor: a, terms }));
  }

  /** One of the agreement's own actions; a refusal comes back as 400/403/409 with the workflow's reason. */
  async act(actor: ProposalActor, id: string, ids: Ids, build: (a: Actor) => PersonAction): Promise<ActionResultDto> {
    await this.agreementRow(id);
    return this.proposalActions.act(actor, id, ids, build);
  }

  /** The agreement's row, or 404 when it is not an agreement (visibility is checked by the proposal path). */
  private async agreementRow(id: string): Promise<ProposalEntity> {
    const p = await this.proposals.findById(id);
    if (!p || p.kind !== 'agreement') throw ApiError.notFound('agreement');
    return p;
  }
}

/** The engine's terms from the request: only the clause's own parameter, and the renewal rule with its version. */
function toTerms(dto: AgreementTermsDto): Terms {
  const r = dto.entryIntoForceRule;
  const entryIntoForceRule = (
    r.type === 'days_after_last_notification' ? { type: r.type, days: r.days } : r.type === 'first_day_of_month_after_last_notification' ? { type: r.type, months: r.months } : { type: r.type }
  ) as AgreementEntryIntoForceRule;
  return { entryIntoForceRule, renewalRule: dto.renewalRule === null ? null : renewalRule(dto.renewalRule) };
}

function renewalRule(r: NonNullable<AgreementTermsDto['renewalRule']>): RenewalRule {
  const auto = r.automaticRenewal ? { periodYears: r.automaticRenewal.periodYears, noticeMonths: r.automaticRenewal.noticeMonths } : null;
  const rule = { validityYears: r.validityYears, automaticRenewal: auto, reviewLeadMonths: r.reviewLeadMonths ?? FIVE_YEARS_AUTO_RENEWING_V1.reviewLeadMonths };
  const f = FIVE_YEARS_AUTO_RENEWING_V1;
  const common = rule.validityYears === f.validityYears && auto?.periodYears === f.automaticRenewal?.periodYears && auto?.noticeMonths === f.automaticRenewal?.noticeMonths && rule.reviewLeadMonths === f.reviewLeadMonths;
  // The version names the rule's shape, so two agreements with the same clause carry the same version.
  const version = common ? f.version : `renewal-${rule.validityYears}y-${auto ? `auto${auto.periodYears}y-notice${auto.noticeMonths}m` : 'fixed'}-v1`;
  return { version, ...rule };
}

/** termsProblem's finding as a field problem in both languages. */
function termsProblems(terms: Terms): FieldProblem[] {
  const found = termsProblem(terms);
  if (!found) return [];
  const field = found.split(/[ ]/)[0];
  const mn = field.startsWith('entryIntoForceRule') ? 'Хүчин төгөлдөр болох нөхцөл буруу байна' : 'Хүчинтэй байх хугацаа, сунгалтын нөхцөл буруу байна';
  return [problem(field, found, mn)];
}
