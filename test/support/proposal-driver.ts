import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessionProposalInput, proposalWorkflowId } from '../../libs/contracts';
import { ProposalRepository } from '../../libs/db';
import type { PersonAction } from '../../libs/contracts';
import type { Actor } from '../../libs/domain';
import { ProposalWorkflowGateway } from '../../libs/temporal';
import { AccordStack, eventually } from './accord-stack';
import { Organisation, Person } from './organisation.fixture';

const actor = (p: Person): Actor => ({ id: p.id, roles: p.roles });

/** The accession stages before completion, in order. */
export const ACCESSION_STAGES = ['DRAFT', 'TRANSLATION', 'RESEARCH', 'COORDINATION', 'INTERNAL_REVIEW', 'CABINET_REVIEW', 'PARLIAMENT', 'DEPOSIT', 'IMPLEMENTATION'] as const;

/** Drives a proposal through the gateway the API uses (no HTTP), for workflow-level tests. */
export class ProposalDriver {
  readonly gateway: ProposalWorkflowGateway;
  readonly ds: DataSource;

  constructor(readonly stack: AccordStack) {
    this.gateway = stack.api.get(ProposalWorkflowGateway);
    this.ds = stack.api.get(DataSource);
  }

  async create(owner: Person, conventionCode = 'RKC', extra: Pick<AccessionProposalInput, 'historyLimits'> = {}): Promise<string> {
    const id = randomUUID();
    await new ProposalRepository(this.ds).insertDraftOnce({
      id,
      kind: 'accession',
      titleEn: `Accession ${id.slice(0, 8)}`,
      titleMn: `Нэгдэн орох ${id.slice(0, 8)}`,
      summary: '',
      ownerId: owner.id,
      division: owner.division,
      stage: 'DRAFT',
      workflowId: proposalWorkflowId(id),
      definitionVersion: 'accession-v1',
      details: { fields: { conventionCode } },
      createRequestId: `create:${id}`,
    });
    await this.gateway.startAccessionProposal({ proposalId: id, kind: 'accession', ownerId: owner.id, division: owner.division, definitionVersion: 'accession-v1', fields: { conventionCode }, ...extra });
    return id;
  }

  act(id: string, who: Person, build: (a: Actor) => PersonAction, requestId: string = randomUUID()) {
    return this.gateway.act(id, { requestId, action: build(actor(who)) });
  }

  attach(id: string, who: Person, kind: string) {
    return this.act(id, who, (a) => ({ type: 'attach_document', actor: a, document: { kind, documentId: randomUUID(), version: 1, fileName: `${kind}.pdf` } }));
  }

  /** The open approval task once the workflow has assigned it to a person. */
  async openApprovalTask(id: string, timeoutMs = 15000): Promise<{ id: string; role: string; assigneeId: string }> {
    const state = await eventually(
      () => this.gateway.queryState(id),
      (s) => !!s?.tasks.some((t) => t.status === 'open' && t.kind === 'approval' && t.assigneeId),
      timeoutMs,
    );
    const t = state!.tasks.find((x) => x.status === 'open' && x.kind === 'approval' && x.assigneeId)!;
    return { id: t.id, role: t.role, assigneeId: t.assigneeId! };
  }

  /** Approves the open approval task as whoever holds it; returns the task's role. */
  async approveNext(id: string, org: Organisation): Promise<string> {
    const task = await this.openApprovalTask(id);
    const people = Object.values(org).filter((p): p is Person => typeof p === 'object' && p !== null && 'id' in p);
    await this.act(id, people.find((p) => p.id === task.assigneeId)!, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve' }));
    return task.role;
  }

  /** Takes an accession proposal that is in `from` one step forward along the happy path. */
  async step(id: string, from: string, org: Organisation, depositDate = '2026-02-01'): Promise<void> {
    const o = org.owner;
    switch (from) {
      case 'DRAFT':
        await this.attach(id, o, 'convention_text');
        await this.act(id, o, (a) => ({ type: 'submit', actor: a }));
        return;
      case 'TRANSLATION':
      case 'RESEARCH':
        await this.attach(id, o, from === 'TRANSLATION' ? 'translation' : 'research_report');
        await this.act(id, o, (a) => ({ type: 'complete_work', actor: a }));
        await this.approveNext(id, org);
        return;
      case 'COORDINATION':
        if (!(await this.gateway.queryState(id))!.remarks.length) {
          await this.act(id, o, (a) => ({ type: 'record_remark', actor: a, body: 'Ministry of Justice', remarks: 'Check reservations' }));
          await this.act(id, o, (a) => ({ type: 'respond_remark', actor: a, remarkId: 'r1', response: 'Checked' }));
        }
        await this.act(id, o, (a) => ({ type: 'complete_work', actor: a }));
        return;
      case 'INTERNAL_REVIEW':
        for (let i = 0; i < 4; i++) await this.approveNext(id, org);
        return;
      case 'CABINET_REVIEW':
        await this.act(id, o, (a) => ({ type: 'cabinet_outcome', actor: a, outcome: 'approved', resolutionNumber: '101', resolutionDate: '2026-01-10' }));
        return;
      case 'PARLIAMENT':
        await this.act(id, o, (a) => ({ type: 'parliament_outcome', actor: a, outcome: 'ratified', lawNumber: 'L-1', lawDate: '2026-01-20' }));
        return;
      case 'DEPOSIT':
        await this.act(id, o, (a) => ({ type: 'record_deposit', actor: a, depositDate }));
        return;
    }
  }

  /** A new accession proposal taken along the happy path to `stage`. */
  async driveTo(stage: string, org: Organisation, opts: Pick<AccessionProposalInput, 'historyLimits'> & { depositDate?: string } = {}): Promise<string> {
    const { depositDate, ...extra } = opts;
    const id = await this.create(org.owner, 'RKC', extra);
    for (const s of ACCESSION_STAGES) {
      if (s === stage) break;
      await this.step(id, s, org, depositDate);
    }
    return id;
  }

  /**
   * Waits until the read model has caught up with the workflow's last event, then returns the timeline. The workflow
   * is asked again on every poll: mail it is still sending adds events after an action has answered.
   */
  async settledTimeline(id: string): Promise<Array<{ seq: number; type: string; from_stage: string | null; to_stage: string | null }>> {
    const { rows } = await eventually(
      async () => {
        const live = await this.gateway.queryState(id);
        const rows: Array<{ seq: number; type: string; from_stage: string | null; to_stage: string | null }> = await this.ds.query(
          `SELECT seq, type, from_stage, to_stage FROM proposal_events WHERE proposal_id = $1 ORDER BY seq`,
          [id],
        );
        return { expected: live?.eventSeq ?? 0, rows };
      },
      (x) => x.rows.length === x.expected,
    );
    return rows;
  }

  async row(id: string) {
    const [row] = await this.ds.query(`SELECT stage, status, workflow_status, last_event_seq, current_assignees FROM proposals WHERE id = $1`, [id]);
    return row;
  }
}
