import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795664000000 implements MigrationInterface {
  name = 'InitialSchema1795664000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proposals (
        id uuid PRIMARY KEY,
        kind varchar(32) NOT NULL,
        title_en text NOT NULL,
        title_mn text NOT NULL,
        summary text NOT NULL DEFAULT '',
        owner_id uuid NULL,
        division varchar(64) NULL,
        stage varchar(32) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open',
        workflow_id varchar(128) NOT NULL,
        definition_version varchar(32) NOT NULL,
        stage_entered_at timestamptz NOT NULL,
        due_at timestamptz NULL,
        current_assignees jsonb NOT NULL DEFAULT '[]',
        details jsonb NOT NULL DEFAULT '{}',
        workflow_status varchar(16) NOT NULL DEFAULT 'STARTING',
        last_event_seq integer NOT NULL DEFAULT 0,
        create_request_id varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_proposals_workflow_id ON proposals (workflow_id)`);
    await q.query(`CREATE UNIQUE INDEX ux_proposals_create_request_id ON proposals (create_request_id)`);
    await q.query(`
      CREATE TABLE proposal_events (
        id bigserial PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        workflow_id varchar(128) NOT NULL,
        seq integer NOT NULL,
        type varchar(48) NOT NULL,
        actor_id uuid NULL,
        on_behalf_of_id uuid NULL,
        from_stage varchar(32) NULL,
        to_stage varchar(32) NULL,
        comment text NULL,
        data jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_proposal_events_workflow_seq ON proposal_events (workflow_id, seq)`);
    await q.query(`CREATE INDEX ix_proposal_events_proposal_time ON proposal_events (proposal_id, occurred_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE proposal_events`);
    await q.query(`DROP TABLE proposals`);
  }
}
