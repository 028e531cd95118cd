import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every API process (PostgresThrottlerStorage): one row per (key, window length) with
 * the hits of the current window (which starts at its first hit), when that window ends, and when a block ends.
 * expires_at (the later of the two) is what the periodic cleanup deletes by. Counters are worth nothing after a
 * crash, so the table is UNLOGGED: no WAL for a write on every request, emptied by crash recovery.
 */
export class RateLimitCounters1795699700000 implements MigrationInterface {
  name = 'RateLimitCounters1795699700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_counters (
        key varchar(512) NOT NULL,
        window_ms bigint NOT NULL CHECK (window_ms > 0),
        hits integer NOT NULL CHECK (hits > 0),
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz NULL,
        expires_at timestamptz GENERATED ALWAYS AS (GREATEST(window_ends_at, blocked_until)) STORED,
        PRIMARY KEY (key, window_ms)
      )`);
    await q.query(`CREATE INDEX rate_limit_counters_expires_at ON rate_limit_counters (expires_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_counters`);
  }
}
