import { DataSource } from 'typeorm';
import type { TaskRecord } from '../../contracts/proposal-projection.contract';

/** Upserts a task row by its workflow task id; a write older than the stored version is ignored. */
export class TaskProjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(t: TaskRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO tasks (id, proposal_id, workflow_id, stage, kind, role, assignee_id, on_behalf_of_id, status, actions,
                          opened_at, due_at, closed_at, decision, decided_by, comment, version)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)
       ON CONFLICT (id) DO UPDATE SET
         assignee_id = EXCLUDED.assignee_id, on_behalf_of_id = EXCLUDED.on_behalf_of_id, status = EXCLUDED.status,
         actions = EXCLUDED.actions, due_at = EXCLUDED.due_at, closed_at = EXCLUDED.closed_at,
         decision = EXCLUDED.decision, decided_by = EXCLUDED.decided_by, comment = EXCLUDED.comment, version = EXCLUDED.version
       WHERE tasks.version <= EXCLUDED.version`,
      [
        t.id,
        t.proposalId,
        t.workflowId,
        t.stage,
        t.kind,
        t.role,
        t.assigneeId,
        t.onBehalfOfId,
        t.status,
        JSON.stringify(t.actions),
        t.openedAt,
        t.dueAt,
        t.closedAt,
        t.decision,
        t.decidedBy,
        t.comment,
        t.version,
      ],
    );
  }
}
