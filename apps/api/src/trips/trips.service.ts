import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { OverseasTripInput, tripWorkflowId } from '../../../../libs/contracts';
import { ProposalEntity, ProposalRepository, UserDirectoryRepository } from '../../../../libs/db';
import {
  canReadProposal,
  CostCategory,
  CURRENT_DEFINITION_VERSION,
  ExchangeRateTable,
  FundingSource,
  INITIAL_STAGE,
  mongoliaPublicHolidays,
  routeTrip,
  TRIP_DEFINITIONS,
  TRIP_REQUEST_RULES_V1,
  TRIP_ROUTING_V1,
  TripData,
  TripRoutingRules,
  TripRequestProblem,
  TripRules,
  validateTripRequest,
} from '../../../../libs/domain';
import { ProposalWorkflowGateway } from '../../../../libs/temporal';
import { ApiError } from '../common/errors/api-error';
import { ActionResultDto, DocumentDto, ProposalDto } from '../proposals/dto/proposal.dto';
import { toProposalDto } from '../proposals/proposal.mapper';
import { ProposalActor, ProposalsService, UploadedFile } from '../proposals/proposals.service';
import { ChangeTripDto } from './dto/change-trip.dto';
import { CreateTripDto } from './dto/create-trip.dto';
import { TripDetailDto } from './dto/trip.dto';

const REAL_DAY_MS = 86_400_000;

/**
 * Overseas trip requests: a trip is a row of the proposals read model (kind 'trip', the request under
 * details.trip) driven by its own workflow (`trip-<id>`). Creation validates the request (the pure trip rules plus
 * the directory: delegates exist and are active); every later action goes through the same path as a proposal's.
 */
@Injectable()
export class TripsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly proposals: ProposalRepository,
    private readonly users: UserDirectoryRepository,
    private readonly workflows: ProposalWorkflowGateway,
    private readonly proposalActions: ProposalsService,
  ) {}

  private get rates(): ExchangeRateTable {
    return { mntPerUnit: this.config.trips.mntPerUnit };
  }

  /** The fixed-date holidays in law plus those announced in PUBLIC_HOLIDAYS, for the years a trip can span. */
  private holidays(now: Date): string[] {
    const y = now.getUTCFullYear();
    return mongoliaPublicHolidays([y, y + 1, y + 2], { extra: this.config.publicHolidays });
  }

  /** The routing rules with the thresholds from configuration; a trip pins them when it is requested. */
  private get routing(): TripRoutingRules {
    return { ...TRIP_ROUTING_V1, commissionerGeneral: { ...this.config.trips.commissionerGeneral } };
  }

  /** What the trip pinned at its request (older rows, without a pin, fall back to today's configuration). */
  private pinned(p: { details: Record<string, unknown> }): { routing: TripRoutingRules; rates: ExchangeRateTable } {
    const pin = (p.details as { tripRules?: { routing: TripRoutingRules; rates: ExchangeRateTable } }).tripRules;
    return { routing: pin?.routing ?? this.routing, rates: pin?.rates ?? this.rates };
  }

  async create(actor: ProposalActor, dto: CreateTripDto, headerRequestId?: string): Promise<{ trip: ProposalDto; created: boolean }> {
    const now = new Date();
    const trip: TripData = {
      event: { name: dto.event.name.trim(), organiser: dto.event.organiser.trim(), type: dto.event.type },
      destination: { country: dto.destination.country, city: dto.destination.city.trim() },
      departureDate: dto.departureDate,
      returnDate: dto.returnDate,
      delegateIds: dto.delegateIds,
      costs: dto.costs.map((c) => ({ category: c.category as CostCategory, amount: c.amount, currency: c.currency, fundingSource: c.fundingSource as FundingSource })),
      lateJustification: dto.lateJustification?.trim() || null,
    };
    await this.refuseInvalid(trip, now);

    const id = randomUUID();
    const requestId = `create-trip:${actor.id}:${dto.requestId ?? headerRequestId ?? id}`;
    const { proposal, created } = await this.proposals.insertDraftOnce({
      id,
      kind: 'trip',
      titleEn: trip.event.name,
      titleMn: dto.titleMn?.trim() || trip.event.name,
      summary: `${trip.event.organiser}, ${trip.destination.city} (${trip.destination.country}), ${trip.departureDate} – ${trip.returnDate}`,
      ownerId: actor.id,
      division: actor.division,
      stage: INITIAL_STAGE,
      workflowId: tripWorkflowId(id),
      definitionVersion: CURRENT_DEFINITION_VERSION.trip,
      details: { fields: {}, trip, tripRules: { routing: this.routing, rates: this.rates } },
      createRequestId: requestId,
    });
    if (!created && (proposal.kind !== 'trip' || proposal.titleEn !== trip.event.name)) {
      throw ApiError.conflict('requestId was already used for a different request', { proposalId: proposal.id });
    }
    await this.workflows.startOverseasTrip(this.workflowInput(proposal));
    return { trip: toProposalDto(proposal), created };
  }

  /** The workflow's input from the stored row, so a retried create starts the very same workflow. */
  private workflowInput(p: ProposalEntity): OverseasTripInput {
    const scaled = this.config.workflowDayMs;
    const { routing, rates } = this.pinned(p);
    const rules: TripRules = {
      rates,
      routing,
      timing: {
        dayMs: scaled ?? REAL_DAY_MS,
        // With a shortened day (tests, demos) the trip's dates run on the same scaled clock, from the request.
        calendarOrigin: scaled ? p.createdAt.toISOString() : null,
        reportDueWorkingDays: this.config.trips.reportDueWorkingDays,
        holidays: this.holidays(p.createdAt),
      },
    };
    return {
      proposalId: p.id,
      ownerId: p.ownerId!,
      division: p.division,
      definitionVersion: p.definitionVersion,
      trip: (p.details as { trip: TripData }).trip,
      rules,
    };
  }

  /** 400 with every broken rule, each with its field and reason (English and Mongolian). */
  private async refuseInvalid(trip: TripData, now: Date): Promise<void> {
    const problems: TripRequestProblem[] = validateTripRequest(trip, {
      now,
      holidays: this.holidays(now),
      rules: { ...TRIP_REQUEST_RULES_V1, leadTimeWorkingDays: this.config.trips.leadTimeWorkingDays },
      rates: this.rates,
    });
    problems.push(...(await this.delegateProblems(trip.delegateIds)));
    if (problems.length) {
      throw ApiError.validation(problems.map((p) => ({ field: p.field, reason: p.reason, reasonMn: p.reasonMn, code: p.code })));
    }
  }

  private async delegateProblems(ids: string[]): Promise<TripRequestProblem[]> {
    const found = new Map((await this.users.findByIds([...new Set(ids)])).map((u) => [u.id, u]));
    const problems: TripRequestProblem[] = [];
    ids.forEach((id, i) => {
      const u = found.get(id);
      if (!u) problems.push({ field: `delegateIds[${i}]`, code: 'unknown_delegate' as never, reason: 'is not a known user', reasonMn: 'бүртгэлгүй хэрэглэгч байна' });
      else if (!u.active) problems.push({ field: `delegateIds[${i}]`, code: 'inactive_delegate' as never, reason: 'is not an active user', reasonMn: 'идэвхгүй хэрэглэгч байна' });
    });
    return problems;
  }

  async get(actor: ProposalActor, id: string): Promise<TripDetailDto> {
    const detail = await this.proposalActions.get(actor, id);
    if (detail.kind !== 'trip') throw ApiError.notFound('trip');
    const trip = (detail.details as { trip: TripData }).trip;
    const { routing, rates } = this.pinned(detail as { details: Record<string, unknown> });
    const route = routeTrip({ costs: trip.costs, delegateCount: trip.delegateIds.length }, rates, routing);
    return {
      ...detail,
      route: { rulesVersion: route.rulesVersion, steps: route.steps.map((s) => ({ role: s.role, reason: s.reason })), totalCostMnt: route.totalCostMnt, administrationBudgetMnt: route.administrationBudgetMnt },
    };
  }

  /** The trip's row, or 404 when it is not a trip or the actor may not see it (so ids cannot be probed). */
  private async tripRow(actor: ProposalActor, id: string): Promise<ProposalEntity> {
    const p = await this.proposals.findById(id);
    if (!p || p.kind !== 'trip') throw ApiError.notFound('trip');
    const viewer = { id: actor.id, roles: actor.roles, division: actor.division };
    const readable =
      canReadProposal(viewer, { ownerId: p.ownerId, division: p.division, assigneeIds: [] }) ||
      canReadProposal(viewer, { ownerId: p.ownerId, division: p.division, assigneeIds: await this.proposals.assigneeIds(id) });
    if (!readable) throw ApiError.notFound('trip');
    return p;
  }

  async act(actor: ProposalActor, id: string, ids: { requestId?: string; header?: string }, build: Parameters<ProposalsService['act']>[3]): Promise<ActionResultDto> {
    await this.tripRow(actor, id);
    return this.proposalActions.act(actor, id, ids, build);
  }

  /**
   * New dates or delegates: checked like a new request, then the workflow decides which approvals run again. Who
   * may ask comes first: 404 for someone who cannot see the trip, 403 for a reader who is not the requester (or an
   * admin), 409 naming the stage when the trip can no longer change; only then the new values (400, field and reason).
   */
  async change(actor: ProposalActor, id: string, dto: ChangeTripDto, header?: string): Promise<ActionResultDto> {
    const row = await this.tripRow(actor, id);
    if (row.ownerId !== actor.id && !actor.roles.includes('admin')) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'only the requester or an admin can change the request', { reason: 'not_your_task', stage: row.stage });
    }
    const live = await this.workflows.queryState(id, row.workflowId).catch(() => null);
    const stage = live?.stage ?? row.stage;
    const status = live?.status ?? row.status;
    if (status !== 'open') throw ApiError.conflict(`the trip is ${status} (stage ${stage})`, { reason: 'not_allowed_now', stage });
    if (!TRIP_DEFINITIONS[row.definitionVersion]?.changes?.allowedIn.includes(stage)) {
      throw ApiError.conflict(`changes are not allowed in stage ${stage}`, { reason: 'not_allowed_now', stage });
    }
    const current = ((live?.data as unknown as TripData | undefined) ?? (row.details as { trip: TripData }).trip) as TripData;
    const patch: Partial<TripData> = {
      ...(dto.departureDate !== undefined ? { departureDate: dto.departureDate } : {}),
      ...(dto.returnDate !== undefined ? { returnDate: dto.returnDate } : {}),
      ...(dto.delegateIds !== undefined ? { delegateIds: dto.delegateIds } : {}),
    };
    if (Object.keys(patch).length === 0) throw ApiError.validation([{ field: 'departureDate', reason: 'give at least one of departureDate, returnDate, delegateIds' }]);
    // A change is not a late request: the lead time was judged when the trip was requested.
    const next = { ...current, ...patch, lateJustification: current.lateJustification ?? 'changed after request' };
    await this.refuseInvalid(next, new Date());
    return this.proposalActions.act(actor, id, { requestId: dto.requestId, header }, (a) => ({ type: 'change_request', actor: a, data: patch as Record<string, unknown>, reason: dto.reason }));
  }

  /** Uploads the trip report and, in REPORT_DUE, hands it in: the trip closes. */
  async submitReport(actor: ProposalActor, id: string, file: UploadedFile | undefined, ids: { requestId?: string; header?: string }): Promise<{ document: DocumentDto; result: ActionResultDto }> {
    await this.tripRow(actor, id);
    const document = await this.proposalActions.uploadDocument(actor, id, 'trip_report', file, ids);
    const result = await this.proposalActions.act(actor, id, { requestId: `report:${document.id}` }, (a) => ({ type: 'complete_work', actor: a, comment: 'trip report submitted' }));
    return { document, result };
  }
}
