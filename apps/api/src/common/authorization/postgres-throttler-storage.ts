import { HttpStatus, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { ApiError } from '../errors/api-error';

/** `{ totalHits, timeToExpire, isBlocked, timeToBlockExpire }` (times in seconds), as the guard expects it. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often rows whose window and block have both ended are deleted. */
export const RATE_LIMIT_CLEANUP_INTERVAL_MS = 60_000;

/**
 * One hit, as one atomic statement on the database's clock (one clock for every process). Per (key, window length):
 * - blocked (blocked_until in the future): nothing changes, the hit is refused and not counted;
 * - window over, or a block just ended: a new window starts at this hit, with 1 hit;
 * - otherwise: one more hit; the hit past the limit blocks the key for the block duration (when there is one).
 * Concurrent hits on one key queue on its row lock, so no two processes read the same count.
 */
const HIT_SQL = `
  INSERT INTO rate_limit_counters AS c (key, window_ms, hits, window_ends_at, blocked_until)
  VALUES ($1, $2::bigint, 1, now() + $2::bigint * interval '1 millisecond',
          CASE WHEN $4::bigint > 0 AND 1 > $3::int THEN now() + $4::bigint * interval '1 millisecond' END)
  ON CONFLICT (key, window_ms) DO UPDATE SET
    hits = CASE
      WHEN c.blocked_until > now() THEN c.hits
      WHEN c.window_ends_at <= now() OR c.blocked_until <= now() THEN 1
      ELSE c.hits + 1 END,
    window_ends_at = CASE
      WHEN c.blocked_until > now() THEN c.window_ends_at
      WHEN c.window_ends_at <= now() OR c.blocked_until <= now() THEN now() + $2::bigint * interval '1 millisecond'
      ELSE c.window_ends_at END,
    blocked_until = CASE
      WHEN c.blocked_until > now() THEN c.blocked_until
      WHEN c.window_ends_at <= now() OR c.blocked_until <= now() THEN
        CASE WHEN $4::bigint > 0 AND 1 > $3::int THEN now() + $4::bigint * interval '1 millisecond' END
      WHEN $4::bigint > 0 AND c.hits + 1 > $3::int THEN now() + $4::bigint * interval '1 millisecond'
      END
  RETURNING c.hits,
    (extract(epoch FROM now()) * 1000)::bigint AS now_ms,
    (extract(epoch FROM c.window_ends_at) * 1000)::bigint AS window_ends_ms,
    (extract(epoch FROM c.blocked_until) * 1000)::bigint AS blocked_until_ms`;

/**
 * @nestjs/throttler's storage in PostgreSQL, so every API process counts against the same limits (the library's
 * in-memory storage gave each process its own, multiplying every limit by the number of processes).
 *
 * A counter row per (key, window length) in `rate_limit_counters`, updated by one atomic upsert per hit
 * (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, see HIT_SQL). Like the library's storage, a window starts at its
 * first hit, the hit past the limit blocks the key for `blockDuration` (the window length unless a throttler says
 * otherwise), blocked hits are not counted, and counting starts afresh when the block ends. A timer deletes rows
 * whose window and block have ended. Keys are prefixed with the scope: processes that share limits share a scope.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimitStorage');
  private cleanupTimer?: NodeJS.Timeout;

  constructor(
    private readonly ds: DataSource,
    private readonly scope: string,
    private readonly cleanupIntervalMs = RATE_LIMIT_CLEANUP_INTERVAL_MS,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, _throttlerName: string): Promise<ThrottlerStorageRecord> {
    this.startCleanup();
    const windowMs = Math.max(1, Math.round(ttl));
    const blockMs = Math.max(0, Math.round(blockDuration));
    const id = `${this.scope}|${key}`;
    let rows: Array<{ hits: number; now_ms: string; window_ends_ms: string; blocked_until_ms: string | null }>;
    try {
      rows = await this.ds.query(HIT_SQL, [id.length <= 512 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`, windowMs, limit, blockMs]);
    } catch (err) {
      // Limits that cannot be counted are not waived: the request is refused as a passing outage (503, retry).
      this.logger.warn({ err: (err as Error).message }, 'rate limit not checked: the database did not answer');
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'service_unavailable', 'the database is unreachable; try again shortly');
    }
    const [row] = rows;
    const now = Number(row.now_ms);
    const secondsUntil = (ms: number) => Math.max(0, Math.ceil((ms - now) / 1000));
    const timeToExpire = secondsUntil(Number(row.window_ends_ms));
    const blockedUntil = row.blocked_until_ms === null ? null : Number(row.blocked_until_ms);
    if (blockedUntil !== null && blockedUntil > now) {
      return { totalHits: row.hits, timeToExpire, isBlocked: true, timeToBlockExpire: Math.max(1, secondsUntil(blockedUntil)) };
    }
    // Without a block duration a key over its limit is refused until its window ends.
    if (row.hits > limit) return { totalHits: row.hits, timeToExpire, isBlocked: true, timeToBlockExpire: Math.max(1, timeToExpire) };
    return { totalHits: row.hits, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Deletes the rows whose window and block have both ended; returns how many. */
  async deleteExpired(): Promise<number> {
    const [, count] = (await this.ds.query(`DELETE FROM rate_limit_counters WHERE expires_at < now()`)) as [unknown, number];
    return count;
  }

  onModuleDestroy(): void {
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    this.cleanupTimer = undefined;
  }

  private startCleanup(): void {
    if (this.cleanupTimer) return;
    this.cleanupTimer = setInterval(() => {
      if (!this.ds.isInitialized) return;
      this.deleteExpired().catch((err: Error) => this.logger.warn({ err: err.message }, 'deleting expired rate-limit counters failed; tried again at the next interval'));
    }, this.cleanupIntervalMs);
    this.cleanupTimer.unref();
  }
}
