import { DataSource, Repository } from 'typeorm';
import { DelegationEntity } from '../entities/delegation.entity';

export interface NewDelegation {
  delegatorId: string;
  delegateId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string | null;
  createRequestId: string | null;
}

export type DelegationCreateResult =
  | { outcome: 'created' | 'existing'; delegation: DelegationEntity }
  /** The delegator already names someone for part of this period. */
  | { outcome: 'overlap'; delegation: DelegationEntity }
  /** The delegate already delegates to the delegator for part of this period: tasks would go round in a circle. */
  | { outcome: 'circular'; delegation: DelegationEntity };

/** Out-of-office delegations. Revoked ones are kept (the timeline may name them), never deleted. */
export class DelegationRepository {
  private readonly delegations: Repository<DelegationEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.delegations = dataSource.getRepository(DelegationEntity);
  }

  /**
   * Creates the delegation once per request id. The people's rows are locked for the check-and-insert, so two
   * overlapping requests from the same person cannot both succeed.
   */
  async create(d: NewDelegation): Promise<DelegationCreateResult> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(DelegationEntity);
      // Both people, in a fixed order: A->B and B->A at the same moment cannot both pass the circle check.
      await tx.query(`SELECT id FROM users WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [[d.delegatorId, d.delegateId]]);
      if (d.createRequestId) {
        const existing = await repo.findOneBy({ createRequestId: d.createRequestId });
        if (existing) return { outcome: 'existing', delegation: existing };
      }
      const overlapping = (from: string, to?: string) => {
        const q = repo
          .createQueryBuilder('x')
          .where('x.delegator_id = :from', { from })
          .andWhere('x.revoked_at IS NULL AND x.starts_at < :end AND x.ends_at > :start', { start: d.startsAt, end: d.endsAt });
        if (to) q.andWhere('x.delegate_id = :to', { to });
        return q.getOne();
      };
      const overlap = await overlapping(d.delegatorId);
      if (overlap) return { outcome: 'overlap', delegation: overlap };
      const circular = await overlapping(d.delegateId, d.delegatorId);
      if (circular) return { outcome: 'circular', delegation: circular };
      const saved = await repo.save(repo.create({ ...d, revokedAt: null, revokedBy: null }));
      return { outcome: 'created', delegation: saved };
    });
  }

  findById(id: string): Promise<DelegationEntity | null> {
    return this.delegations.findOneBy({ id });
  }

  /** Delegations a person gave or received, newest period first. */
  listInvolving(userId: string, includeRevoked: boolean): Promise<DelegationEntity[]> {
    const q = this.delegations.createQueryBuilder('d').where('(d.delegator_id = :userId OR d.delegate_id = :userId)', { userId });
    if (!includeRevoked) q.andWhere('d.revoked_at IS NULL');
    return q.orderBy('d.starts_at', 'DESC').addOrderBy('d.id', 'ASC').take(200).getMany();
  }

  listAll(includeRevoked: boolean): Promise<DelegationEntity[]> {
    const q = this.delegations.createQueryBuilder('d');
    if (!includeRevoked) q.where('d.revoked_at IS NULL');
    return q.orderBy('d.starts_at', 'DESC').addOrderBy('d.id', 'ASC').take(500).getMany();
  }

  /** Revokes once; a second revoke returns the row as it is. */
  async revoke(id: string, revokedBy: string): Promise<DelegationEntity | null> {
    await this.delegations
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokedBy })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return this.findById(id);
  }
}
