import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-model timestamps at millisecond precision, the precision JavaScript dates carry: a keyset cursor built from a
 * row's timestamp then compares equal to the stored value, so no row is skipped or repeated between pages.
 */
export class MillisecondTimestamps1795665671843 implements MigrationInterface {
  name = 'MillisecondTimestamps1795665671843';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposals
      ALTER COLUMN created_at TYPE timestamptz(3), ALTER COLUMN updated_at TYPE timestamptz(3),
      ALTER COLUMN stage_entered_at TYPE timestamptz(3), ALTER COLUMN due_at TYPE timestamptz(3)`);
    await q.query(`ALTER TABLE proposals ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now()),
      ALTER COLUMN updated_at SET DEFAULT date_trunc('milliseconds', now())`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposals
      ALTER COLUMN created_at TYPE timestamptz, ALTER COLUMN updated_at TYPE timestamptz,
      ALTER COLUMN stage_entered_at TYPE timestamptz, ALTER COLUMN due_at TYPE timestamptz`);
  }
}
