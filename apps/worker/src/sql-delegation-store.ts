import { DataSource } from 'typeorm';
import type { DelegationRow, DelegationStore } from '../../../activities/delegation/delegation-handover.activities';
import type { DelegatedTask } from '../../../libs/contracts';
import { DelegationRepository, UserDirectoryRepository } from '../../../libs/db';
import type { RoleName } from '../../../libs/domain';

/** The delegation hand-over's reads: the delegation row, people (delegation chains honoured), open tasks. */
export class SqlDelegationStore implements DelegationStore {
  private readonly delegations: DelegationRepository;
  private readonly users: UserDirectoryRepository;

  constructor(private readonly dataSource: DataSource) {
    this.delegations = new DelegationRepository(dataSource);
    this.users = new UserDirectoryRepository(dataSource);
  }

  async delegation(id: string): Promise<DelegationRow | null> {
    const d = await this.delegations.findById(id);
    return d && { delegatorId: d.delegatorId, delegateId: d.delegateId, startsAt: d.startsAt, endsAt: d.endsAt, revokedAt: d.revokedAt, revokedBy: d.revokedBy };
  }

  async openTasksOf(userId: string): Promise<DelegatedTask[]> {
    const rows: Array<{ id: string; proposal_id: string; workflow_id: string }> = await this.dataSource.query(
      `SELECT id, proposal_id, workflow_id FROM tasks WHERE assignee_id = $1 AND status = 'open' ORDER BY opened_at, id`,
      [userId],
    );
    return rows.map((r) => ({ taskId: r.id, proposalId: r.proposal_id, workflowId: r.workflow_id }));
  }

  async person(id: string): Promise<{ id: string; roles: RoleName[] } | null> {
    const u = await this.users.findById(id);
    return u && { id: u.id, roles: u.roles };
  }

  coverFor(userId: string, at: Date): Promise<{ assigneeId: string; onBehalfOfId: string | null }> {
    return this.users.resolveAssignee(userId, at);
  }
}
