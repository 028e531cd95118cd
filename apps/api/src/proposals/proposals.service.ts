import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { PersonAction, ProposalState, proposalWorkflowId } from '../../../../libs/contracts';
import { DOCUMENT_STORAGE, DocumentRepository, DocumentStorage, ProposalEntity, ProposalRepository } from '../../../../libs/db';
import { Actor, canReadProposal, checkAnnexSelection, CONVENTIONS_V1, CURRENT_DEFINITION_VERSION, EngineRefusal, INITIAL_STAGE, RoleName, Viewer } from '../../../../libs/domain';
import { ProposalActionRefusedError, ProposalBusyError, ProposalWorkflowClosedError, ProposalWorkflowGateway } from '../../../../libs/temporal';
import { definitionFor } from '../../../../libs/domain/process/stage-labels';
import { ApiError, FieldProblem } from '../common/errors/api-error';
import { CreateProposalDto } from './dto/create-proposal.dto';
import { EditDraftDto } from './dto/edit-draft.dto';
import { ListProposalsQuery } from './dto/list-proposals.query';
import { ActionResultDto, DocumentDto, ProposalDetailDto, ProposalDto, ProposalPageDto } from './dto/proposal.dto';
import { RecordParliamentOutcomeDto } from './dto/record-parliament-outcome.dto';
import { REQUEST_ID_PATTERN } from './dto/request-id.dto';
import { entryIntoForceView } from './entry-into-force.view';
import { toDocumentDto, toEventDto, toProposalDto, toTaskDto } from './proposal.mapper';
import { requestScopedId } from './request-scoped-id';

/** The signed-in person as the proposal rules need them. */
export interface ProposalActor {
  id: string;
  roles: RoleName[];
  division: string | null;
}

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

const REFUSAL_STATUS: Record<EngineRefusal['code'], HttpStatus> = {
  not_allowed_now: HttpStatus.CONFLICT,
  missing_requirement: HttpStatus.CONFLICT,
  not_your_task: HttpStatus.FORBIDDEN,
  self_approval: HttpStatus.FORBIDDEN,
  invalid_input: HttpStatus.BAD_REQUEST,
};

@Injectable()
export class ProposalsService {
  private readonly logger = new Logger(ProposalsService.name);

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly documents: DocumentRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly workflows: ProposalWorkflowGateway,
  ) {}

  /**
   * Stores the draft and starts its workflow at the same time. Both are keyed by the create request (the proposal
   * id is derived from it, the workflow id from the proposal id), so a retry after a crash at any point finishes the
   * job instead of duplicating it. The workflow's first projection retries until the row has committed.
   */
  async create(actor: ProposalActor, dto: CreateProposalDto, headerRequestId?: string): Promise<{ proposal: ProposalDto; created: boolean }> {
    if (dto.conventionCode) checkConventionCode(dto.conventionCode);
    const clientRequestId = this.requestId(dto.requestId, headerRequestId, false);
    const id = clientRequestId ? requestScopedId(`create:${actor.id}:${clientRequestId}`) : randomUUID();
    const requestId = `create:${actor.id}:${clientRequestId ?? id}`;
    const fields: Record<string, string> = dto.conventionCode ? { conventionCode: dto.conventionCode } : {};
    const definitionVersion = CURRENT_DEFINITION_VERSION[dto.kind];
    const startFor = (p: { id: string; ownerId: string; division: string | null; definitionVersion: string; fields: Record<string, string> }) =>
      this.workflows.startAccessionProposal({ proposalId: p.id, kind: 'accession', ownerId: p.ownerId, division: p.division, definitionVersion: p.definitionVersion, fields: p.fields });
    const [stored, start] = await Promise.allSettled([
      this.proposals.insertDraftOnce({
        id,
        kind: dto.kind,
        titleEn: dto.titleEn.trim(),
        titleMn: dto.titleMn.trim(),
        summary: dto.summary?.trim() ?? '',
        ownerId: actor.id,
        division: actor.division,
        stage: INITIAL_STAGE,
        workflowId: proposalWorkflowId(id),
        definitionVersion,
        details: { fields },
        createRequestId: requestId,
      }),
      startFor({ id, ownerId: actor.id, division: actor.division, definitionVersion, fields }),
    ]);
    const startedHere = start.status === 'fulfilled' && start.value;
    const discard = async (why: string) => {
      if (!startedHere) return;
      await this.workflows.discardStart(proposalWorkflowId(id), why).catch((err) =>
        this.logger.error({ err: (err as Error).message, proposalId: id }, 'could not end a workflow started for a proposal that was not stored'),
      );
    };
    if (stored.status === 'rejected') {
      await discard('the proposal row could not be stored; the client retries the create');
      throw stored.reason;
    }
    const { proposal, created } = stored.value;
    if (!created && (proposal.kind !== dto.kind || proposal.titleEn !== dto.titleEn.trim())) {
      await discard('requestId was already used for a different proposal');
      throw ApiError.conflict('requestId was already used for a different proposal', { proposalId: proposal.id });
    }
    if (proposal.id !== id) {
      // A row stored before ids were derived from the request: its workflow is keyed by its own id.
      await discard('the request had already created a proposal under another id');
      await startFor({ ...proposal, ownerId: proposal.ownerId!, fields: ((proposal.details as { fields?: Record<string, string> }).fields ?? {}) as Record<string, string> });
    } else if (start.status === 'rejected') {
      throw start.reason;
    }
    return { proposal: toProposalDto(proposal), created };
  }

  async list(actor: ProposalActor, q: ListProposalsQuery): Promise<ProposalPageDto> {
    const sort = q.sort ?? 'updatedAt';
    const limit = q.limit ?? 50;
    const rows = await this.proposals.list(actor, { ...q, sort, order: q.order ?? 'desc', limit: limit + 1, after: decodeCursor(q.cursor) });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(sortValue(last, sort), last.id) : null;
    return { items: page.map(toProposalDto), nextCursor };
  }

  async get(actor: ProposalActor, id: string): Promise<ProposalDetailDto> {
    return (await this.getWithLiveState(actor, id)).detail;
  }

  /**
   * The detail and the workflow state it was built from (null when Temporal did not answer), so a kind that shows
   * more of the live state (an agreement's data) uses the same moment as the `live` block and never a later one.
   */
  async getWithLiveState(actor: ProposalActor, id: string): Promise<{ detail: ProposalDetailDto; live: ProposalState | null }> {
    const proposal = await this.visible(actor, id);
    const [timeline, tasks, documents, live] = await Promise.all([
      this.proposals.timeline(id),
      this.proposals.tasks(id),
      this.documents.list(id),
      // The read model answers even when Temporal is briefly away; live state is a bonus, not a dependency.
      this.workflows.queryState(id, proposal.workflowId ?? undefined).catch((err) => {
        this.logger.warn({ err: (err as Error).message, proposalId: id }, 'live state query failed');
        return null;
      }),
    ]);
    const detail: ProposalDetailDto = {
      ...toProposalDto(proposal),
      timeline: timeline.map(toEventDto),
      tasks: tasks.map(toTaskDto),
      documents: documents.map(toDocumentDto),
      live: live && { stage: live.stage, status: live.status, stageEnteredAt: live.stageEnteredAt, eventSeq: live.eventSeq },
      // The workflow's own state is the freshest; the read model answers when Temporal is away.
      entryIntoForce: entryIntoForceView(
        live
          ? { kind: proposal.kind, status: live.status, fields: live.fields, deposit: live.deposit }
          : { kind: proposal.kind, status: proposal.status, ...(proposal.details as { fields?: Record<string, string>; deposit?: { depositDate: string; entryIntoForce: string | null } | null }) },
        new Date(),
      ),
    };
    return { detail, live };
  }

  async editDraft(actor: ProposalActor, id: string, dto: EditDraftDto, headerRequestId?: string): Promise<ActionResultDto> {
    const proposal = await this.visible(actor, id);
    // Other kinds have draft fields of their own (an agreement's: PATCH /api/v1/agreements/:id/draft).
    if (dto.conventionCode && proposal.kind !== 'accession') throw ApiError.validation([{ field: 'conventionCode', reason: `does not apply to a proposal of kind ${proposal.kind}` }]);
    if (dto.conventionCode) checkConventionCode(dto.conventionCode);
    const fields: Record<string, string> = dto.conventionCode ? { conventionCode: dto.conventionCode } : {};
    // The workflow decides first (only the owner, only in DRAFT); the row follows once it accepted.
    const result = await this.act(actor, id, { requestId: dto.requestId, header: headerRequestId }, (a) => ({ type: 'edit_draft', actor: a, fields }));
    await this.proposals.updateDraft(id, { titleEn: dto.titleEn?.trim(), titleMn: dto.titleMn?.trim(), summary: dto.summary?.trim(), fields });
    return result;
  }

  /**
   * Records the Parliament outcome. A ratification of a catalogued convention is checked against it first: the
   * annexes accepted must be the convention's own (and enough of its optional ones), and reservations only where the
   * convention permits them; otherwise 400 naming the field.
   */
  async recordParliamentOutcome(actor: ProposalActor, id: string, dto: RecordParliamentOutcomeDto, headerRequestId?: string): Promise<ActionResultDto> {
    const proposal = await this.visible(actor, id);
    const code = (proposal.details as { fields?: Record<string, string> }).fields?.conventionCode;
    const convention = CONVENTIONS_V1.conventions.find((c) => c.code === code);
    if (dto.outcome === 'ratified' && proposal.kind === 'accession' && convention) {
      const problems: FieldProblem[] = checkAnnexSelection(convention, dto.annexesAccepted ?? []).map((p) => ({
        field: 'annexesAccepted',
        reason: `${p.message.en}${p.reason === 'unknown_annex' ? ` Its annexes: ${convention.annexes.map((a) => a.code).join(', ')}.` : ''} / ${p.message.mn}`,
      }));
      if (!convention.reservations.allowed && dto.reservations?.length) {
        problems.push({ field: 'reservations', reason: `${convention.shortName.en} permits no reservations / ${convention.shortName.mn}: тайлбар хийхийг зөвшөөрөхгүй` });
      }
      if (problems.length) throw ApiError.validation(problems);
    }
    return this.act(actor, id, { requestId: dto.requestId, header: headerRequestId }, (a) => ({
      type: 'parliament_outcome',
      actor: a,
      outcome: dto.outcome,
      lawNumber: dto.lawNumber,
      lawDate: dto.lawDate,
      annexesAccepted: dto.annexesAccepted,
      reservations: dto.reservations,
      remarks: dto.remarks,
    }));
  }

  /** Sends one person action to the proposal's workflow and maps a refusal to 400/403/409 with the reason. */
  async act(
    actor: ProposalActor,
    id: string,
    ids: { requestId?: string; header?: string },
    build: (a: Actor) => PersonAction,
  ): Promise<ActionResultDto> {
    const proposal = await this.visible(actor, id);
    const requestId = this.requestId(ids.requestId, ids.header, true)!;
    try {
      return await this.workflows.act(id, { requestId, action: build({ id: actor.id, roles: actor.roles }) }, proposal.workflowId ?? undefined);
    } catch (err) {
      throw await this.actionError(id, err);
    }
  }

  /** A failed action as the API's answer: the workflow's refusal as 400/403/409 with the reason, busy as 503. */
  private async actionError(id: string, err: unknown): Promise<unknown> {
    if (err instanceof ProposalActionRefusedError) {
      const r = err.refusal;
      const code = REFUSAL_STATUS[r.code] === HttpStatus.CONFLICT ? 'conflict' : REFUSAL_STATUS[r.code] === HttpStatus.FORBIDDEN ? 'forbidden' : 'validation_failed';
      return new ApiError(REFUSAL_STATUS[r.code], code, r.message, { reason: r.code, stage: r.stage, ...(r.missing ? { missing: r.missing } : {}) });
    }
    if (err instanceof ProposalBusyError) {
      return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'service_unavailable', 'the proposal is catching up after a burst of actions; try again in a few seconds');
    }
    if (err instanceof ProposalWorkflowClosedError) {
      const p = await this.proposals.findById(id);
      return ApiError.conflict(`the proposal is ${p?.status ?? 'closed'}`, { stage: p?.stage ?? null });
    }
    return err;
  }

  async uploadDocument(actor: ProposalActor, id: string, kind: string, file: UploadedFile | undefined, ids: { requestId?: string; header?: string }): Promise<DocumentDto> {
    const proposal = await this.visible(actor, id);
    // Each kind has its own document kinds (a trip's invitation letter, an agreement's texts and notes), per its pinned definition.
    const documentKinds = definitionFor(proposal.kind, proposal.definitionVersion)?.documentKinds ?? [];
    if (!documentKinds.some((k) => k.code === kind)) {
      throw ApiError.validation([{ field: 'kind', reason: `must be one of ${documentKinds.map((k) => k.code).join(', ')}` }]);
    }
    if (!file || file.size === 0) throw ApiError.validation([{ field: 'file', reason: 'a non-empty file is required' }]);
    const requestId = this.requestId(ids.requestId, ids.header, true)!;
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const uploadRequestId = `upload:${id}:${requestId}`;
    // The workflow decides whether this person may attach now (owner or a current assignee, an open proposal). The
    // bytes and the version are written in one transaction that commits only once it accepted: a refusal (403, 409)
    // or any failure stores nothing. The id follows from the request, so a retry after an accepted attachment whose
    // commit was lost re-creates the same document, and the workflow answers the repeated update with its first result.
    // The workflow is asked while the transaction holds one connection; it needs no other (a refusal is mapped after
    // the rollback), so concurrent uploads cannot starve the pool.
    const attach = (document: { id: string; version: number; fileName: string }) =>
      this.workflows.act(
        id,
        {
          requestId: `doc:${document.id}`,
          action: { type: 'attach_document', actor: { id: actor.id, roles: actor.roles }, document: { kind, documentId: document.id, version: document.version, fileName: document.fileName } },
        },
        proposal.workflowId ?? undefined,
      );
    const { document } = await this.documents.addVersionIfAccepted(
      {
        id: requestScopedId(uploadRequestId),
        proposalId: id,
        kind,
        fileName: file.originalname.slice(0, 255),
        contentType: file.mimetype,
        sizeBytes: file.size,
        sha256,
        uploadedBy: actor.id,
        uploadRequestId,
      },
      (tx) => this.storage.put(sha256, file.buffer, tx),
      attach,
    ).catch(async (err) => {
      throw await this.actionError(id, err);
    });
    return toDocumentDto(document);
  }

  async downloadDocument(actor: ProposalActor, id: string, documentId: string): Promise<{ doc: DocumentDto; content: Buffer }> {
    await this.visible(actor, id);
    const doc = await this.documents.find(id, documentId);
    if (!doc) throw ApiError.notFound('document');
    const content = await this.storage.get(doc.sha256);
    if (!content) throw ApiError.notFound('document content');
    return { doc: toDocumentDto(doc), content };
  }

  /** Coordination comments as CSV for the Cabinet submission (body, remarks, deadline, response). */
  async remarksCsv(actor: ProposalActor, id: string): Promise<string> {
    const p = await this.visible(actor, id);
    // The workflow's own state is the freshest; the read model answers when Temporal is away.
    const live = await this.workflows.queryState(id, p.workflowId ?? undefined).catch(() => null);
    const remarks: Array<{ body: string; remarks: string; replyDeadline: string | null; response: string | null; respondedAt: string | null }> =
      live?.remarks ?? (p.details as { remarks?: [] }).remarks ?? [];
    const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    const header = ['#', 'Body / Байгууллага', 'Remarks / Санал', 'Reply deadline / Хариу өгөх хугацаа', 'Response / Хариу', 'Responded at'];
    const lines = remarks.map((r, i) => [i + 1, r.body, r.remarks, r.replyDeadline, r.response, r.respondedAt].map(cell).join(','));
    return '\uFEFF' + [header.map(cell).join(','), ...lines].join('\r\n') + '\r\n';
  }

  /** The proposal if the actor may read it; 404 otherwise, so ids cannot be probed. */
  private async visible(actor: ProposalActor, id: string): Promise<ProposalEntity> {
    const p = await this.proposals.findById(id);
    if (!p) throw ApiError.notFound('proposal');
    const viewer: Viewer = { id: actor.id, roles: actor.roles, division: actor.division };
    const readable = canReadProposal(viewer, { ownerId: p.ownerId, division: p.division, assigneeIds: [] })
      || canReadProposal(viewer, { ownerId: p.ownerId, division: p.division, assigneeIds: await this.proposals.assigneeIds(id) });
    if (!readable) throw ApiError.notFound('proposal');
    return p;
  }

  private requestId(body: string | undefined, header: string | undefined, required: boolean): string | undefined {
    if (header !== undefined && !REQUEST_ID_PATTERN.test(header)) {
      throw ApiError.validation([{ field: 'Idempotency-Key', reason: 'must be 8-128 letters, digits or . _ : -' }]);
    }
    const id = body ?? header;
    if (!id && required) throw ApiError.validation([{ field: 'requestId', reason: 'is required (body requestId or Idempotency-Key header)' }]);
    return id;
  }
}

/** A convention code must be one the catalogue knows: its entry-into-force rule and annexes come from there. */
function checkConventionCode(code: string): void {
  const known = CONVENTIONS_V1.conventions.map((c) => c.code);
  if (!known.includes(code)) throw ApiError.validation([{ field: 'conventionCode', reason: `${code} is not in the convention catalogue; known codes: ${known.join(', ')}` }]);
}

function sortValue(p: ProposalEntity, sort: 'createdAt' | 'updatedAt' | 'dueAt'): string | null {
  const v = sort === 'createdAt' ? p.createdAt : sort === 'updatedAt' ? p.updatedAt : p.dueAt;
  return v ? v.toISOString() : null;
}

function encodeCursor(value: string | null, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { value: string | null; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string | null, string];
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id) || (value !== null && Number.isNaN(Date.parse(value)))) throw new Error('bad');
    return { value, id };
  } catch {
    throw ApiError.validation([{ field: 'cursor', reason: 'is not a cursor returned by this API' }]);
  }
}
