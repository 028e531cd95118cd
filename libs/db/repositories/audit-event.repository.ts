import { DataSource, Repository } from 'typeorm';
import { AuditEventEntity, AuditOutcome } from '../entities/audit-event.entity';

export interface NewAuditEvent {
  actorId?: string | null;
  onBehalfOfId?: string | null;
  action: string;
  outcome: AuditOutcome;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  method?: string | null;
  path?: string | null;
  status?: number | null;
  details?: Record<string, unknown>;
}

export interface AuditEventFilter {
  actorId?: string;
  action?: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  since?: Date;
  /** Keyset pagination: events older than this id. */
  beforeId?: string;
  limit: number;
}

/** The append-only audit trail. */
export class AuditEventRepository {
  private readonly events: Repository<AuditEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.events = dataSource.getRepository(AuditEventEntity);
  }

  /** One plain INSERT (no ORM query building): it runs on every state-changing request. */
  async append(e: NewAuditEvent): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_events (actor_id, on_behalf_of_id, action, outcome, target_type, target_id, ip, user_agent, request_id, method, path, status, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        e.actorId ?? null,
        e.onBehalfOfId ?? null,
        e.action.slice(0, 64),
        e.outcome,
        e.targetType?.slice(0, 48) ?? null,
        e.targetId?.slice(0, 128) ?? null,
        e.ip?.slice(0, 64) ?? null,
        e.userAgent?.slice(0, 512) ?? null,
        e.requestId?.slice(0, 128) ?? null,
        e.method?.slice(0, 8) ?? null,
        e.path?.slice(0, 512) ?? null,
        e.status ?? null,
        JSON.stringify(e.details ?? {}),
      ],
    );
  }

  /** Newest first. */
  find(f: AuditEventFilter): Promise<AuditEventEntity[]> {
    const q = this.events.createQueryBuilder('e');
    if (f.actorId) q.andWhere('e.actor_id = :actorId', { actorId: f.actorId });
    if (f.action) q.andWhere('e.action = :action', { action: f.action });
    if (f.outcome) q.andWhere('e.outcome = :outcome', { outcome: f.outcome });
    if (f.targetType) q.andWhere('e.target_type = :targetType', { targetType: f.targetType });
    if (f.targetId) q.andWhere('e.target_id = :targetId', { targetId: f.targetId });
    if (f.since) q.andWhere('e.occurred_at >= :since', { since: f.since });
    if (f.beforeId) q.andWhere('e.id < :beforeId', { beforeId: f.beforeId });
    return q.orderBy('e.id', 'DESC').take(f.limit).getMany();
  }
}
