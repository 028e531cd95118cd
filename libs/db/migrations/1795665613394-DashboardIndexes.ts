import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind the leadership dashboard, sized for years of data (100,000 proposals, 1,000,000 timeline events;
 * see BENCHMARKS.md). Each one names the query it serves in libs/db/repositories/dashboard*.ts.
 */
export class DashboardIndexes1795665613394 implements MigrationInterface {
  name = 'DashboardIndexes1795665613394';

  public async up(q: QueryRunner): Promise<void> {
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it, no superuser needed.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Overview and pipeline: counts by kind x stage (optionally one division), answered from the index alone.
    await q.query(`CREATE INDEX ix_proposals_kind_stage ON proposals (kind, stage) INCLUDE (status, due_at, division)`);
    // Proposals past their stage SLA, most overdue first.
    await q.query(`CREATE INDEX ix_proposals_open_due ON proposals (due_at) WHERE status = 'open'`);
    // The list page: its default order (last change first) and the filters people use most, each with that order.
    await q.query(`CREATE INDEX ix_proposals_updated ON proposals (updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_created ON proposals (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_division_updated ON proposals (division, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_owner_updated ON proposals (owner_id, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_stage_updated ON proposals (stage, updated_at DESC, id DESC)`);
    // Text search on titles in both languages (ILIKE '%...%').
    await q.query(`CREATE INDEX ix_proposals_title_en_trgm ON proposals USING gin (title_en gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_proposals_title_mn_trgm ON proposals USING gin (title_mn gin_trgm_ops)`);

    // Stage moves (STAGE_CHANGED, SENT_BACK, terminal moves) by time: "what moved this week" and cycle times. Other
    // timeline events carry the current stage as both from and to, so a move is where the two differ.
    await q.query(
      `CREATE INDEX ix_proposal_events_moves_time ON proposal_events (occurred_at) INCLUDE (proposal_id, seq, from_stage, to_stage)
        WHERE from_stage IS NOT NULL AND to_stage IS NOT NULL AND from_stage <> to_stage`,
    );
    // The event that entered a stage, found from the one that left it (cycle times): latest entry before a seq.
    await q.query(
      `CREATE INDEX ix_proposal_events_entries ON proposal_events (proposal_id, seq DESC) INCLUDE (occurred_at)
        WHERE to_stage IS NOT NULL AND from_stage IS DISTINCT FROM to_stage`,
    );

    // Open tasks by person and overdue tasks.
    await q.query(`CREATE INDEX ix_tasks_open_assignee ON tasks (assignee_id) INCLUDE (due_at) WHERE status = 'open'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const ix of [
      'ix_tasks_open_assignee',
      'ix_proposal_events_entries',
      'ix_proposal_events_moves_time',
      'ix_proposals_title_mn_trgm',
      'ix_proposals_title_en_trgm',
      'ix_proposals_stage_updated',
      'ix_proposals_owner_updated',
      'ix_proposals_division_updated',
      'ix_proposals_created',
      'ix_proposals_updated',
      'ix_proposals_open_due',
      'ix_proposals_kind_stage',
    ]) {
      await q.query(`DROP INDEX IF EXISTS ${ix}`);
    }
  }
}
