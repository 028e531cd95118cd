import { DataSource } from 'typeorm';

export const NOTIFICATION_KINDS = ['decision', 'stage_change'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export class NotificationPreferenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<Record<NotificationKind, boolean>> {
    const rows: { kind: NotificationKind; enabled: boolean }[] = await this.dataSource.query(
      `SELECT kind, enabled FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    const prefs = { decision: true, stage_change: true };
    for (const r of rows) prefs[r.kind] = r.enabled;
    return prefs;
  }

  async set(userId: string, kind: NotificationKind, enabled: boolean): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, kind, enabled) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
      [userId, kind, enabled],
    );
  }
}
