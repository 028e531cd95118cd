import { DataSource, Repository } from 'typeorm';
import { ORGANISATION_WIDE_READERS, Viewer } from '../../domain/access/proposal-visibility';
import { ProposalEntity } from '../entities/proposal.entity';
import { ProposalEventEntity } from '../entities/proposal-event.entity';
import { TaskEntity } from '../entities/task.entity';

export interface NewProposalDraft {
  id: string;
  kind: string;
  titleEn: string;
  titleMn: string;
  summary: string;
  ownerId: string;
  division: string | null;
  stage: string;
  workflowId: string;
  definitionVersion: string;
  details: Record<string, unknown>;
  createRequestId: string;
}

export interface ProposalListFilter {
  kind?: string;
  stage?: string;
  status?: string;
  ownerId?: string;
  division?: string;
  overdue?: boolean;
  q?: string;
  sort: 'createdAt' | 'updatedAt' | 'dueAt';
  order: 'asc' | 'desc';
  limit: number;
  /** Keyset cursor: the sort value and id of the last row of the previous page. */
  after?: { value: string | null; id: string };
}

const SORT_COLUMN = { createdAt: 'p.created_at', updatedAt: 'p.updated_at', dueAt: 'p.due_at' } as const;

/** Queries over the proposal read model for the API. */
export class ProposalRepository {
  private readonly proposals: Repository<ProposalEntity>;
  private readonly events: Repository<ProposalEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.proposals = dataSource.getRepository(ProposalEntity);
    this.events = dataSource.getRepository(ProposalEventEntity);
  }

  /**
   * Inserts the draft unless a proposal with the same create request id exists; either way returns the stored row,
   * so a retried create request lands on the same proposal.
   */
  async insertDraftOnce(draft: NewProposalDraft): Promise<{ proposal: ProposalEntity; created: boolean }> {
    const result = await this.proposals
      .createQueryBuilder()
      .insert()
      .into(ProposalEntity)
      .values({ ...draft, stageEnteredAt: () => 'now()' } as never)
      .orIgnore()
      .returning('*')
      .execute();
    // A new row comes back from the insert itself; only a repeated request id needs a second query.
    if (result.raw.length > 0) {
      const raw = result.raw[0] as Record<string, unknown>;
      const proposal = this.proposals.create(Object.fromEntries(this.proposals.metadata.columns.map((c) => [c.propertyName, raw[c.databaseName]])) as never);
      return { proposal: proposal as unknown as ProposalEntity, created: true };
    }
    return { proposal: await this.proposals.findOneByOrFail({ createRequestId: draft.createRequestId }), created: false };
  }

  findById(id: string): Promise<ProposalEntity | null> {
    return this.proposals.findOneBy({ id });
  }

  /** Draft fields the owner may edit before submission; kind-specific fields merge into details. */
  async updateDraft(id: string, patch: { titleEn?: string; titleMn?: string; summary?: string; fields?: Record<string, string> }): Promise<void> {
    await this.dataSource.query(
      `UPDATE proposals SET title_en = COALESCE($2, title_en), title_mn = COALESCE($3, title_mn), summary = COALESCE($4, summary),
              details = jsonb_set(details, '{fields}', COALESCE(details->'fields', '{}'::jsonb) || $5::jsonb), updated_at = now()
        WHERE id = $1`,
      [id, patch.titleEn ?? null, patch.titleMn ?? null, patch.summary ?? null, JSON.stringify(patch.fields ?? {})],
    );
  }

  timeline(proposalId: string): Promise<ProposalEventEntity[]> {
    return this.events.find({ where: { proposalId }, order: { seq: 'ASC' } });
  }

  tasks(proposalId: string): Promise<TaskEntity[]> {
    return this.dataSource.getRepository(TaskEntity).find({ where: { proposalId }, order: { openedAt: 'ASC' } });
  }

  /** Everyone who holds or held a task on the proposal (they may read it). */
  async assigneeIds(proposalId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT assignee_id AS id FROM tasks WHERE proposal_id = $1 AND assignee_id IS NOT NULL
       UNION SELECT DISTINCT on_behalf_of_id FROM tasks WHERE proposal_id = $1 AND on_behalf_of_id IS NOT NULL`,
      [proposalId],
    );
    return rows.map((r) => r.id);
  }

  /** One page of the proposals the viewer may read (same rule as canReadProposal, in SQL). */
  async list(viewer: Viewer, f: ProposalListFilter): Promise<ProposalEntity[]> {
    const qb = this.proposals.createQueryBuilder('p');
    if (!viewer.roles.some((r) => ORGANISATION_WIDE_READERS.includes(r))) {
      qb.andWhere(
        `(p.owner_id = :viewerId OR (p.division IS NOT NULL AND p.division = :viewerDivision)
          OR EXISTS (SELECT 1 FROM tasks t WHERE t.proposal_id = p.id AND (t.assignee_id = :viewerId OR t.on_behalf_of_id = :viewerId)))`,
        { viewerId: viewer.id, viewerDivision: viewer.division ?? '' },
      );
    }
    if (f.kind) qb.andWhere('p.kind = :kind', { kind: f.kind });
    if (f.stage) qb.andWhere('p.stage = :stage', { stage: f.stage });
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.ownerId) qb.andWhere('p.owner_id = :ownerId', { ownerId: f.ownerId });
    if (f.division) qb.andWhere('p.division = :division', { division: f.division });
    if (f.overdue !== undefined) qb.andWhere(f.overdue ? `p.status = 'open' AND p.due_at < now()` : `(p.due_at IS NULL OR p.due_at >= now() OR p.status <> 'open')`);
    if (f.q) qb.andWhere('(p.title_en ILIKE :q OR p.title_mn ILIKE :q)', { q: `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const col = SORT_COLUMN[f.sort];
    const dir = f.order === 'asc' ? 'ASC' : 'DESC';
    if (f.after) {
      const cmp = f.order === 'asc' ? '>' : '<';
      // NULL sort values (no due date) come last in both directions.
      if (f.after.value === null) qb.andWhere(`${col} IS NULL AND p.id ${cmp} :afterId`, { afterId: f.after.id });
      else qb.andWhere(`((${col}, p.id) ${cmp} (:afterValue, :afterId) OR ${col} IS NULL)`, { afterValue: f.after.value, afterId: f.after.id });
    }
    return qb.orderBy(col, dir, 'NULLS LAST').addOrderBy('p.id', dir).limit(f.limit).getMany();
  }
}
