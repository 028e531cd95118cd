import { DataSource, Repository } from 'typeorm';
import { ProposalEntity } from '../entities/proposal.entity';
import { ProposalEventEntity } from '../entities/proposal-event.entity';

export interface NewProposalDraft {
  id: string;
  kind: string;
  titleEn: string;
  titleMn: string;
  summary: string;
  ownerId: string | null;
  division: string | null;
  stage: string;
  workflowId: string;
  definitionVersion: string;
  details: Record<string, unknown>;
  createRequestId: string;
}

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
      .returning('id')
      .execute();
    const created = result.raw.length > 0;
    const proposal = await this.proposals.findOneByOrFail({ createRequestId: draft.createRequestId });
    return { proposal, created };
  }

  findById(id: string): Promise<ProposalEntity | null> {
    return this.proposals.findOneBy({ id });
  }

  timeline(proposalId: string): Promise<ProposalEventEntity[]> {
    return this.events.find({ where: { proposalId }, order: { seq: 'ASC' } });
  }
}
