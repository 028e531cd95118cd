import { DataSource } from 'typeorm';
import type { AssigneeDirectory } from '../../../activities/assignment/resolve-task-assignee.activity';
import type { AssigneeRequest, AssigneeResult } from '../../../libs/contracts';
import { UserDirectoryRepository } from '../../../libs/db';

/**
 * Picks the person for a role's task: an active holder of the role in the proposal's division when there is one,
 * else anywhere; never someone excluded (the owner). The pick is deterministic (first by the directory's order)
 * so a retried activity chooses the same person. Delegation is then applied for the date of assignment.
 */
export class SqlAssigneeDirectory implements AssigneeDirectory {
  private readonly users: UserDirectoryRepository;

  constructor(dataSource: DataSource) {
    this.users = new UserDirectoryRepository(dataSource);
  }

  async resolveForRole(req: AssigneeRequest): Promise<AssigneeResult | null> {
    const eligible = (list: { id: string }[]) => list.filter((u) => !req.excludeUserIds.includes(u.id));
    let holders = req.division ? eligible(await this.users.findActiveByRole(req.role as never, req.division)) : [];
    if (holders.length === 0) holders = eligible(await this.users.findActiveByRole(req.role as never));
    if (holders.length === 0) return null;
    const resolved = await this.users.resolveAssignee(holders[0].id, new Date(req.at));
    // A delegate who is excluded (e.g. the owner) cannot take it: keep the holder.
    if (req.excludeUserIds.includes(resolved.assigneeId)) return { assigneeId: holders[0].id, onBehalfOfId: null };
    return resolved;
  }
}
