import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessionProposalInput, proposalWorkflowId } from '../../libs/contracts';
import { ProposalRepository } from '../../libs/db';
import type { PersonAction } from '../../libs/contracts';
import type { Actor } from '../../libs/domain';
import { ProposalWorkflowGateway } from '../../libs/temporal';
import { AccordStack, eventually } from './accord-stack';
import { Person } from './organisation.fixture';

const actor = (p: Person): Actor => ({ id: p.id, roles: p.roles });

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

  /** Waits until the read model has caught up with the workflow's last event, then returns the timeline. */
  async settledTimeline(id: string): Promise<Array<{ seq: number; type: string; from_stage: string | null; to_stage: string | null }>> {
    const live = await this.gateway.queryState(id);
    const expected = live?.eventSeq ?? 0;
    const rows = await eventually(
      (): Promise<Array<{ seq: number; type: string; from_stage: string | null; to_stage: string | null }>> =>
        this.ds.query(`SELECT seq, type, from_stage, to_stage FROM proposal_events WHERE proposal_id = $1 ORDER BY seq`, [id]),
      (r) => r.length >= expected,
    );
    return rows;
  }

  async row(id: string) {
    const [row] = await this.ds.query(`SELECT stage, status, workflow_status, last_event_seq, current_assignees FROM proposals WHERE id = $1`, [id]);
    return row;
  }
}
