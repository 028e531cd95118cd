import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stays in a stage, precomputed for the cycle-time chart: one row per stay that ended (the proposal, its kind, the
 * stage, when it was entered and left, and the days in between). Reading them is index ranges on the time the stays
 * ended, where pairing each stage move with the event that entered its stage (proposal_events) at query time took
 * 0.4 s for a quarter and 1.1 s for a year at 100,000 proposals (BENCHMARKS.md).
 *
 * Written by the projection that records stage moves (ProposalProjectionRepository.record), in the move's own
 * transaction, keyed by the move (proposal, seq of the move that ended the stay), so a retried write adds nothing.
 * Existing moves are filled in here from proposal_events, the same way.
 */
export class ProposalStageStays1795702500000 implements MigrationInterface {
  name = 'ProposalStageStays1795702500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proposal_stage_stays (
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        left_seq integer NOT NULL,
        kind varchar(32) NOT NULL,
        stage varchar(32) NOT NULL,
        entered_at timestamptz NOT NULL,
        left_at timestamptz NOT NULL,
        days double precision GENERATED ALWAYS AS (extract(epoch FROM left_at - entered_at) / 86400.0) STORED,
        PRIMARY KEY (proposal_id, left_seq)
      )`);
    // Every stay that ended (from_stage <> to_stage), with the time its stage was entered: stored on the move by the
    // trigger of migration DashboardIndexes, or (a move written before its predecessor) the latest earlier entry.
    await q.query(`
      INSERT INTO proposal_stage_stays (proposal_id, left_seq, kind, stage, entered_at, left_at)
      SELECT m.proposal_id, m.seq, p.kind, m.from_stage, m.entered_at, m.occurred_at
        FROM (SELECT e.proposal_id, e.seq, e.from_stage, e.occurred_at,
                     coalesce(e.left_stage_entered_at, (
                       SELECT x.occurred_at FROM proposal_events x
                        WHERE x.proposal_id = e.proposal_id AND x.seq < e.seq AND x.to_stage IS NOT NULL AND x.from_stage IS DISTINCT FROM x.to_stage
                        ORDER BY x.seq DESC LIMIT 1)) AS entered_at
                FROM proposal_events e
               WHERE e.from_stage IS NOT NULL AND e.to_stage IS NOT NULL AND e.from_stage <> e.to_stage) m
        JOIN proposals p ON p.id = m.proposal_id
       WHERE m.entered_at IS NOT NULL
      ON CONFLICT (proposal_id, left_seq) DO NOTHING`);
    // Cycle times of the whole organisation: the stages present (a loose index scan), then each stage's stays that
    // ended in the period, one range each, read from the index alone.
    await q.query(`CREATE INDEX ix_proposal_stage_stays_stage_left ON proposal_stage_stays (kind, stage, left_at) INCLUDE (days)`);
    // Cycle times of a division (or of what a viewer may see): the stays that ended in the period, joined to those
    // proposals by proposal_id, from the index alone.
    await q.query(`CREATE INDEX ix_proposal_stage_stays_left ON proposal_stage_stays (left_at) INCLUDE (kind, stage, days, proposal_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS proposal_stage_stays`);
  }
}
