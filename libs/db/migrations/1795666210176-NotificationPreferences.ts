import { MigrationInterface, QueryRunner } from 'typeorm';

/** Owners may turn off notification emails per kind; no row means "on". */
export class NotificationPreferences1795666210176 implements MigrationInterface {
  name = 'NotificationPreferences1795666210176';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL CHECK (kind IN ('decision', 'stage_change')),
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preferences`);
  }
}
