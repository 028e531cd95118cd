import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserDirectoryRepository } from '../../../../libs/db';
import { ProposalActionRefusedError, ProposalWorkflowClosedError, ProposalWorkflowGateway } from '../../../../libs/temporal';

/**
 * When someone's delegation starts, the tasks they already hold move to the delegate ("on behalf of" them): each
 * proposal's workflow revokes the old email links and sends the delegate new ones. Tasks opened later are routed
 * to the delegate by the directory when they are assigned.
 */
@Injectable()
export class TaskHandOverService {
  private readonly logger = new Logger(TaskHandOverService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly workflows: ProposalWorkflowGateway,
  ) {}

  /** Hands over every open task of the delegator; returns how many moved. Keyed by delegation, so retries are harmless. */
  async handOverOpenTasks(delegationId: string, delegatorId: string, delegateId: string): Promise<number> {
    const delegator = await new UserDirectoryRepository(this.dataSource).findById(delegatorId);
    if (!delegator) return 0;
    const tasks: Array<{ id: string; proposal_id: string; workflow_id: string }> = await this.dataSource.query(
      `SELECT t.id, t.proposal_id, p.workflow_id FROM tasks t JOIN proposals p ON p.id = t.proposal_id WHERE t.assignee_id = $1 AND t.status = 'open'`,
      [delegatorId],
    );
    let moved = 0;
    for (const t of tasks) {
      try {
        await this.workflows.act(
          t.proposal_id,
          {
            requestId: `handover:${delegationId}:${t.id}`,
            action: { type: 'reassign_task', actor: { id: delegator.id, roles: delegator.roles }, taskId: t.id, assigneeId: delegateId, onBehalfOfId: delegator.id },
          },
          t.workflow_id,
        );
        moved += 1;
      } catch (err) {
        // A task closed meanwhile, or one the delegate may not take (their own proposal): it stays where it is.
        if (err instanceof ProposalActionRefusedError || err instanceof ProposalWorkflowClosedError) {
          this.logger.warn({ taskId: t.id, reason: err.message }, 'task not handed over');
          continue;
        }
        throw err;
      }
    }
    return moved;
  }
}
