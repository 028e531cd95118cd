import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserDirectoryRepository } from '../../../../libs/db';
import { DECISION_LABELS, EngineRefusal } from '../../../../libs/domain';
import type { Localized } from '../../../../libs/mail';
import { ProposalActionRefusedError, ProposalWorkflowClosedError, ProposalWorkflowGateway } from '../../../../libs/temporal';
import { TaskDecisionOutcome, TaskDecisionPort } from '../actions/task-decision.port';


const REFUSAL_MN: Record<EngineRefusal['code'], string> = {
  not_allowed_now: 'Энэ үйлдлийг одоогийн үе шатанд хийх боломжгүй.',
  missing_requirement: 'Шаардлагатай баримт эсвэл мэдээлэл дутуу байна.',
  not_your_task: 'Энэ даалгавар танд оноогдоогүй байна.',
  self_approval: 'Өөрийн саналыг өөрөө батлах боломжгүй.',
  invalid_input: 'Оруулсан мэдээлэл буруу байна.',
};

/**
 * Decisions from emailed action links reach the proposal workflow as the same Update the web app sends, with the
 * link's request id as the update id, so a retried click decides once.
 */
@Injectable()
export class ProposalTaskDecisions implements TaskDecisionPort {
  private readonly users: UserDirectoryRepository;

  constructor(
    private readonly workflows: ProposalWorkflowGateway,
    private readonly dataSource: DataSource,
  ) {
    this.users = new UserDirectoryRepository(dataSource);
  }

  async decide(
    taskId: string,
    action: string,
    actorId: string,
    comment: string | null,
    requestId: string,
    context: { proposalId: string; sendWhen?: Promise<boolean> },
  ): Promise<TaskDecisionOutcome> {
    if (!['approve', 'request_changes', 'reject'].includes(action)) {
      return { outcome: 'not_allowed', reason: { en: `Unknown action ${action}.`, mn: 'Тодорхойгүй үйлдэл.' } };
    }
    // The person and the proposal's workflow id (trips run under their own; the row knows it), read together.
    const [actor, [row]] = await Promise.all([
      this.users.findById(actorId),
      this.dataSource.query(`SELECT workflow_id FROM proposals WHERE id = $1`, [context.proposalId]) as Promise<Array<{ workflow_id: string | null }>>,
    ]);
    if (context.sendWhen && !(await context.sendWhen)) return { outcome: 'not_sent' };
    if (!actor?.active) return { outcome: 'not_allowed', reason: { en: 'Your account is not active.', mn: 'Таны бүртгэл идэвхгүй байна.' } };
    const workflowId = row?.workflow_id ?? undefined;
    try {
      await this.workflows.act(context.proposalId, {
        requestId,
        action: { type: 'decide', actor: { id: actor.id, roles: actor.roles }, taskId, decision: action as 'approve', comment: comment ?? undefined },
      }, workflowId);
      return { outcome: 'applied', decidedAt: new Date().toISOString() };
    } catch (err) {
      if (err instanceof ProposalActionRefusedError || err instanceof ProposalWorkflowClosedError) {
        const decided = await this.decidedTask(context.proposalId, taskId, workflowId);
        if (decided) return decided;
        if (err instanceof ProposalWorkflowClosedError) {
          return { outcome: 'not_allowed', reason: { en: 'The proposal is closed.', mn: 'Санал хаагдсан байна.' } };
        }
        return { outcome: 'not_allowed', reason: { en: err.refusal.message, mn: REFUSAL_MN[err.refusal.code] } };
      }
      throw err;
    }
  }

  /** When the task is already closed: who decided it and when, for the "already decided" page. */
  private async decidedTask(proposalId: string, taskId: string, workflowId?: string): Promise<TaskDecisionOutcome | null> {
    // The workflow's own state is exact; the read model (which may lag by a moment) answers if Temporal cannot.
    const live = await this.workflows.queryState(proposalId, workflowId).catch(() => null);
    const t = live?.tasks.find((x) => x.id === taskId);
    let row: { status: string; decision: string | null; decidedBy: string | null; closedAt: string | null } | undefined = t
      ? { status: t.status, decision: t.decision ?? null, decidedBy: t.decidedBy ?? null, closedAt: t.closedAt ?? null }
      : undefined;
    if (!row) {
      const [db]: Array<{ status: string; decision: string | null; decided_by: string | null; closed_at: Date | null }> = await this.dataSource.query(
        `SELECT status, decision, decided_by, closed_at FROM tasks WHERE id = $1`,
        [taskId],
      );
      row = db && { status: db.status, decision: db.decision, decidedBy: db.decided_by, closedAt: db.closed_at?.toISOString() ?? null };
    }
    if (!row || row.status === 'open') return null;
    const by = row.decidedBy ? await this.users.findById(row.decidedBy) : null;
    return {
      outcome: 'already_decided',
      decidedBy: by ? `${by.nameMn} / ${by.nameLatin}` : null,
      decidedAt: row.closedAt,
      decision: (row.decision && DECISION_LABELS[row.decision]) || (row.decision ? { en: row.decision, mn: row.decision } : null),
    };
  }
}
