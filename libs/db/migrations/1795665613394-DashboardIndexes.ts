import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the leadership dashboard needs to stay fast with years of data (100,000 proposals, 1,000,000 timeline events;
 * see BENCHMARKS.md): indexes, each named by the query it serves in libs/db/repositories/dashboard*.ts, and the entry
 * time of the stage each stage move leaves, stored on the move (cycle times).
 */
export class DashboardIndexes1795665613394 implements MigrationInterface {
  name = 'DashboardIndexes1795665613394';

  public async up(q: QueryRunner): Promise<void> {
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it, no superuser needed.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Overview and pipeline: open proposals by kind x stage with their deadlines, closed ones by the stage they ended in,
    // each answered from its own partial index alone: read whole for the organisation, one range for a division.
    await q.query(`CREATE INDEX ix_proposals_open_division_stage ON proposals (division, kind, stage) INCLUDE (due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX ix_proposals_closed_division_stage ON proposals (division, kind, stage, status) WHERE status <> 'open'`);
    // Proposals past their stage SLA, most overdue first.
    await q.query(`CREATE INDEX ix_proposals_open_due ON proposals (due_at) WHERE status = 'open'`);
    // The list page: its default order (last change first) and the filters people use most, each with that order.
    await q.query(`CREATE INDEX ix_proposals_updated ON proposals (updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_created ON proposals (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_division_updated ON proposals (division, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_owner_updated ON proposals (owner_id, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_stage_updated ON proposals (stage, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_proposals_title_en ON proposals (title_en, id)`);
    await q.query(`CREATE INDEX ix_proposals_title_mn ON proposals (title_mn, id)`);
    // Trips (proposals of kind 'trip'): departures by date for "trips departing this month".
    await q.query(`CREATE INDEX ix_proposals_trip_departure ON proposals (((details->'trip'->>'departureDate'))) WHERE kind = 'trip'`);
    // Text search on titles in both languages: both titles in lower case, kept by PostgreSQL itself, under one trigram
    // index (LIKE on it is about twice as fast as ILIKE on the two columns, Cyrillic case folding being the cost).
    await q.query(`ALTER TABLE proposals ADD COLUMN title_search text GENERATED ALWAYS AS (lower(title_en || ' ' || title_mn)) STORED`);
    await q.query(`CREATE INDEX ix_proposals_title_search_trgm ON proposals USING gin (title_search gin_trgm_ops)`);

    // Cycle times: each stage move (from_stage <> to_stage; other timeline events carry the current stage as both)
    // stores when the stage it leaves was entered, so "days per stage" reads one row per stay instead of pairing
    // events at query time. Filled on insert by a trigger (events arrive in order: the workflow writes them one by
    // one), unless the writer gave it; existing rows are filled here.
    await q.query(`ALTER TABLE proposal_events ADD COLUMN left_stage_entered_at timestamptz NULL`);
    await q.query(`
      CREATE FUNCTION proposal_events_left_stage_entered_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.left_stage_entered_at IS NULL AND NEW.from_stage IS NOT NULL AND NEW.to_stage IS NOT NULL AND NEW.from_stage <> NEW.to_stage THEN
          SELECT x.occurred_at INTO NEW.left_stage_entered_at FROM proposal_events x
           WHERE x.proposal_id = NEW.proposal_id AND x.seq < NEW.seq AND x.to_stage IS NOT NULL AND x.from_stage IS DISTINCT FROM x.to_stage
           ORDER BY x.seq DESC LIMIT 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_proposal_events_left_stage_entered_at BEFORE INSERT ON proposal_events
      FOR EACH ROW EXECUTE FUNCTION proposal_events_left_stage_entered_at()`);
    // The event that entered a stage, found from the one that left it: the latest earlier move (or CREATED).
    await q.query(
      `CREATE INDEX ix_proposal_events_entries ON proposal_events (proposal_id, seq DESC) INCLUDE (occurred_at)
        WHERE to_stage IS NOT NULL AND from_stage IS DISTINCT FROM to_stage`,
    );
    await q.query(`
      UPDATE proposal_events e SET left_stage_entered_at = (
        SELECT x.occurred_at FROM proposal_events x
         WHERE x.proposal_id = e.proposal_id AND x.seq < e.seq AND x.to_stage IS NOT NULL AND x.from_stage IS DISTINCT FROM x.to_stage
         ORDER BY x.seq DESC LIMIT 1)
       WHERE e.from_stage IS NOT NULL AND e.to_stage IS NOT NULL AND e.from_stage <> e.to_stage`);
    // Stage moves by time: "what moved this week" (digest) and cycle times over a period, from the index alone.
    await q.query(
      `CREATE INDEX ix_proposal_events_moves_time ON proposal_events (occurred_at) INCLUDE (proposal_id, seq, from_stage, to_stage, left_stage_entered_at)
        WHERE from_stage IS NOT NULL AND to_stage IS NOT NULL AND from_stage <> to_stage`,
    );

    // Open tasks by person and overdue tasks.
    await q.query(`CREATE INDEX ix_tasks_open_assignee ON tasks (assignee_id) INCLUDE (due_at) WHERE status = 'open'`);
    // The same, from a division's open proposals.
    await q.query(`CREATE INDEX ix_tasks_open_proposal ON tasks (proposal_id) INCLUDE (assignee_id, due_at) WHERE status = 'open'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS tr_proposal_events_left_stage_entered_at ON proposal_events`);
    await q.query(`DROP FUNCTION IF EXISTS proposal_events_left_stage_entered_at()`);
    for (const ix of [
      'ix_tasks_open_proposal',
      'ix_tasks_open_assignee',
      'ix_proposal_events_moves_time',
      'ix_proposal_events_entries',
      'ix_proposals_title_search_trgm',
      'ix_proposals_trip_departure',
      'ix_proposals_title_mn',
      'ix_proposals_title_en',
      'ix_proposals_stage_updated',
      'ix_proposals_owner_updated',
      'ix_proposals_division_updated',
      'ix_proposals_created',
      'ix_proposals_updated',
      'ix_proposals_open_due',
      'ix_proposals_closed_division_stage',
      'ix_proposals_open_division_stage',
    ]) {
      await q.query(`DROP INDEX IF EXISTS ${ix}`);
    }
    await q.query(`ALTER TABLE proposal_events DROP COLUMN IF EXISTS left_stage_entered_at`);
    await q.query(`ALTER TABLE proposals DROP COLUMN IF EXISTS title_search`);
  }
}
