import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { proposalWorkflowId } from '../../../../libs/contracts';
import { ProposalEntity, ProposalEventEntity, ProposalRepository } from '../../../../libs/db';
import { CURRENT_DEFINITION_VERSION, INITIAL_STAGE } from '../../../../libs/domain';
import { ProposalWorkflowGateway } from '../../../../libs/temporal';
import { ApiError } from '../common/errors/api-error';
import { CreateProposalDto } from './dto/create-proposal.dto';
import { ProposalDto } from './dto/proposal.dto';

@Injectable()
export class ProposalsService {
  private readonly logger = new Logger(ProposalsService.name);

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly workflows: ProposalWorkflowGateway,
  ) {}

  /**
   * Stores the draft, then starts its workflow. Both steps are keyed (create request id, workflow id from the
   * proposal id), so a retry after a crash between them finishes the job instead of duplicating it.
   */
  async create(dto: CreateProposalDto, headerRequestId?: string): Promise<{ proposal: ProposalDto; created: boolean }> {
    if (headerRequestId !== undefined && !/^[A-Za-z0-9._:-]{8,128}$/.test(headerRequestId)) {
      throw ApiError.validation([{ field: 'Idempotency-Key', reason: 'must be 8-128 letters, digits or . _ : -' }]);
    }
    const id = randomUUID();
    const requestId = dto.requestId ?? headerRequestId ?? `auto:${id}`;
    const { proposal, created } = await this.proposals.insertDraftOnce({
      id,
      kind: dto.kind,
      titleEn: dto.titleEn.trim(),
      titleMn: dto.titleMn.trim(),
      summary: dto.summary?.trim() ?? '',
      ownerId: null,
      division: null,
      stage: INITIAL_STAGE,
      workflowId: proposalWorkflowId(id),
      definitionVersion: CURRENT_DEFINITION_VERSION[dto.kind],
      details: {},
      createRequestId: requestId,
    });
    if (!created && (proposal.kind !== dto.kind || proposal.titleEn !== dto.titleEn.trim())) {
      throw ApiError.conflict('requestId was already used for a different proposal', { proposalId: proposal.id });
    }
    await this.workflows.startAccessionProposal(
      { proposalId: proposal.id, kind: 'accession', ownerId: proposal.ownerId, definitionVersion: proposal.definitionVersion },
      INITIAL_STAGE,
    );
    return { proposal: toDto(proposal), created };
  }

  async get(id: string): Promise<ProposalDto> {
    const proposal = await this.proposals.findById(id);
    if (!proposal) throw ApiError.notFound('proposal');
    const [timeline, live] = await Promise.all([
      this.proposals.timeline(id),
      // The read model answers even when Temporal is briefly away; live state is a bonus, not a dependency.
      this.workflows.queryState(id).catch((err) => {
        this.logger.warn({ err: (err as Error).message, proposalId: id }, 'live state query failed');
        return null;
      }),
    ]);
    return {
      ...toDto(proposal),
      timeline: timeline.map(toEventDto),
      live: live && { stage: live.stage, status: live.status, stageEnteredAt: live.stageEnteredAt, eventSeq: live.eventSeq },
    };
  }
}

function toDto(p: ProposalEntity): ProposalDto {
  return {
    id: p.id,
    kind: p.kind,
    titleEn: p.titleEn,
    titleMn: p.titleMn,
    summary: p.summary,
    stage: p.stage,
    status: p.status,
    workflowStatus: p.workflowStatus,
    workflowId: p.workflowId,
    definitionVersion: p.definitionVersion,
    stageEnteredAt: p.stageEnteredAt.toISOString(),
    dueAt: p.dueAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function toEventDto(e: ProposalEventEntity) {
  return {
    seq: e.seq,
    type: e.type,
    fromStage: e.fromStage,
    toStage: e.toStage,
    actorId: e.actorId,
    onBehalfOfId: e.onBehalfOfId,
    comment: e.comment,
    occurredAt: e.occurredAt.toISOString(),
  };
}
