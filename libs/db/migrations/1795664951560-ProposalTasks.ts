import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalTasks1795664951560 implements MigrationInterface {
  name = 'ProposalTasks1795664951560';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tasks (
        id varchar(200) PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        workflow_id varchar(128) NOT NULL,
        stage varchar(32) NOT NULL,
        kind varchar(16) NOT NULL,
        role varchar(32) NOT NULL,
        assignee_id uuid NULL,
        on_behalf_of_id uuid NULL,
        status varchar(16) NOT NULL,
        actions jsonb NOT NULL,
        opened_at timestamptz NOT NULL,
        due_at timestamptz NULL,
        closed_at timestamptz NULL,
        decision varchar(32) NULL,
        decided_by uuid NULL,
        comment text NULL,
        version integer NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_tasks_assignee_open ON tasks (assignee_id, status)`);
    await q.query(`CREATE INDEX ix_tasks_proposal ON tasks (proposal_id)`);
    await q.query(`CREATE INDEX ix_tasks_open_due ON tasks (due_at) WHERE status = 'open'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tasks`);
  }
}
