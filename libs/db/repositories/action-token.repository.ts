import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ActionTokenEntity } from '../entities/action-token.entity';

/** 32 random bytes, base64url: 43 characters, nothing else. */
export const ACTION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashActionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isWellFormedActionToken(token: unknown): token is string {
  return typeof token === 'string' && ACTION_TOKEN_PATTERN.test(token);
}

/** What an action link is bound to and how its confirmation page presents it. */
export interface ActionTokenBinding {
  taskId: string;
  proposalId: string;
  assigneeId: string;
  assigneeName?: string | null;
  action: string;
  label: { mn: string; en: string };
  commentRequired: boolean;
  language: 'mn' | 'en';
  /** The email that carried the link, so links of an attempt that never went out can be revoked. */
  emailIdempotencyKey?: string | null;
}

export type ActionTokenRevokeReason = 'task_closed' | 'reassigned' | 'superseded' | 'not_delivered' | 'withdrawn';

export interface ConsumeResult {
  /** True for exactly one consume of one token of a task; false means nothing was changed. */
  consumed: boolean;
  /** The token's row after the attempt; null when no token has this hash (unknown or tampered). */
  record: ActionTokenEntity | null;
}

// UPDATE ... RETURNING sits in a CTE throughout: TypeORM's query() hands back [rows, count] for a bare UPDATE.

/**
 * Action-link tokens. The raw token exists only in the email and in the request that carries it back; here it
 * is only ever hashed. Using one link of a task closes the task's other links in the same transaction, under a
 * per-task lock, so two simultaneous clicks (same link or two different actions) cannot both win.
 */
export class ActionTokenRepository {
  private readonly tokens: Repository<ActionTokenEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.tokens = dataSource.getRepository(ActionTokenEntity);
  }

  async issue(binding: ActionTokenBinding, maxAgeSeconds: number): Promise<{ token: string; record: ActionTokenEntity }> {
    const token = randomBytes(32).toString('base64url');
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO action_tokens
         (token_hash, task_id, proposal_id, assignee_id, assignee_name, action, label_mn, label_en, comment_required,
          language, email_idempotency_key, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() + $12 * interval '1 second')
       RETURNING id`,
      [
        hashActionToken(token),
        binding.taskId,
        binding.proposalId,
        binding.assigneeId,
        binding.assigneeName?.slice(0, 200) ?? null,
        binding.action,
        binding.label.mn.slice(0, 200),
        binding.label.en.slice(0, 200),
        binding.commentRequired,
        binding.language,
        binding.emailIdempotencyKey ?? null,
        maxAgeSeconds,
      ],
    );
    return { token, record: await this.tokens.findOneByOrFail({ id: rows[0].id }) };
  }

  /** Read only: a GET or HEAD of a link (and any mail scanner) goes through here and changes nothing. */
  findByToken(token: string): Promise<ActionTokenEntity | null> {
    if (!isWellFormedActionToken(token)) return Promise.resolve(null);
    return this.tokens.findOneBy({ tokenHash: hashActionToken(token) });
  }

  /**
   * Uses the token if it is active and unexpired (one UPDATE ... WHERE status = 'active' AND expires_at > now()),
   * and in the same transaction closes the task's other active links as superseded.
   */
  async consume(token: string, requestId: string, actorId?: string, knownTaskId?: string): Promise<ConsumeResult> {
    if (!isWellFormedActionToken(token)) return { consumed: false, record: null };
    const hash = hashActionToken(token);
    return this.dataSource.transaction(async (tx) => {
      // A caller that has just read the link passes its task (a token's task never changes): one round trip less.
      let taskId = knownTaskId;
      if (!taskId) {
        const found: Array<{ task_id: string }> = await tx.query(`SELECT task_id FROM action_tokens WHERE token_hash = $1`, [hash]);
        if (!found.length) return { consumed: false, record: null };
        taskId = found[0].task_id;
      }
      await this.lockTask(tx, taskId);
      // Using this link and closing its siblings is one statement: the two UPDATEs touch disjoint rows.
      const used: Array<Record<string, unknown>> = await tx.query(
        `WITH u AS (
           UPDATE action_tokens
              SET status = 'used', used_at = now(), used_by = COALESCE($3::uuid, assignee_id), closed_request_id = $2
            WHERE token_hash = $1 AND task_id = $4 AND status = 'active' AND expires_at > now()
            RETURNING *),
         s AS (
           UPDATE action_tokens
              SET status = 'revoked', revoked_at = now(), revoked_reason = 'superseded', closed_request_id = $2
            WHERE task_id = $4 AND status = 'active' AND token_hash <> $1 AND EXISTS (SELECT 1 FROM u)
            RETURNING id)
         SELECT * FROM u`,
        [hash, requestId, actorId ?? null, taskId],
      );
      if (used.length) return { consumed: true, record: this.fromRow(used[0]) };
      return { consumed: false, record: await tx.getRepository(ActionTokenEntity).findOneBy({ tokenHash: hash }) };
    });
  }

  /** An entity from a raw RETURNING row (column names to property names, with the ORM's type conversions). */
  private fromRow(row: Record<string, unknown>): ActionTokenEntity {
    const meta = this.tokens.metadata;
    const entity = this.tokens.create();
    for (const c of meta.columns) c.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(row[c.databaseName], c));
    return entity;
  }

  /**
   * Undoes a consume whose decision could not be delivered (the workflow was unreachable), so the person can try
   * the same link again. Only the request that used the token can release it.
   */
  async release(tokenId: string, requestId: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const found: Array<{ task_id: string }> = await tx.query(`SELECT task_id FROM action_tokens WHERE id = $1`, [tokenId]);
      if (!found.length) return false;
      await this.lockTask(tx, found[0].task_id);
      const restored: unknown[] = await tx.query(
        `WITH u AS (
           UPDATE action_tokens SET status = 'active', used_at = NULL, used_by = NULL, closed_request_id = NULL
            WHERE id = $1 AND status = 'used' AND closed_request_id = $2
            RETURNING id)
         SELECT id FROM u`,
        [tokenId, requestId],
      );
      if (!restored.length) return false;
      await tx.query(
        `UPDATE action_tokens SET status = 'active', revoked_at = NULL, revoked_reason = NULL, closed_request_id = NULL
          WHERE task_id = $1 AND status = 'revoked' AND revoked_reason = 'superseded' AND closed_request_id = $2`,
        [found[0].task_id, requestId],
      );
      return true;
    });
  }

  /** Closes every active link of a task (task decided, closed, reassigned or delegated). Idempotent. */
  async revokeForTask(taskId: string, reason: ActionTokenRevokeReason): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await this.lockTask(tx, taskId);
      const rows: unknown[] = await tx.query(
        `WITH u AS (
           UPDATE action_tokens SET status = 'revoked', revoked_at = now(), revoked_reason = $2
            WHERE task_id = $1 AND status = 'active'
            RETURNING id)
         SELECT id FROM u`,
        [taskId, reason],
      );
      return rows.length;
    });
  }

  /** Closes the links issued for one email attempt that was never delivered. */
  async revokeForEmail(emailIdempotencyKey: string, tokenIds: string[], reason: ActionTokenRevokeReason): Promise<number> {
    if (!tokenIds.length) return 0;
    const rows: unknown[] = await this.dataSource.query(
      `WITH u AS (
         UPDATE action_tokens SET status = 'revoked', revoked_at = now(), revoked_reason = $3
          WHERE email_idempotency_key = $1 AND id = ANY($2::bigint[]) AND status = 'active'
          RETURNING id)
       SELECT id FROM u`,
      [emailIdempotencyKey, tokenIds, reason],
    );
    return rows.length;
  }

  /** The link of this task that was used, if one was (to say who decided and when). */
  findUsedForTask(taskId: string): Promise<ActionTokenEntity | null> {
    return this.tokens.findOne({ where: { taskId, status: 'used' }, order: { usedAt: 'DESC' } });
  }

  /** Serialises everything that changes one task's links; released at commit. */
  private async lockTask(tx: EntityManager, taskId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`action-task:${taskId}`]);
  }
}
