import { expectStatus } from './api-client';
import type { FaultWorld } from './fault-world';

/**
 * What a proposal must look like once the world has recovered, built up action by action as the scenario drives it:
 * the stage, exact counts of timeline events, exact counts of emails per template and recipient, and the tasks
 * that must still be open (everything else must be closed).
 */
export interface Expectation {
  id: string;
  /** The workflow's id when it is not the accession proposal's (`proposal-<id>`), e.g. a trip's. */
  workflowId?: string;
  stage: string;
  status: string;
  events: Record<string, number>;
  /** `${template} ${recipientEmail}` -> number of distinct messages. */
  emails: Record<string, number>;
  /** Open tasks as `${kind}:${role}`. */
  openTasks: string[];
  /** The owner's reminder ladder must run to its end (both escalations): proposals on a shortened day. */
  ladder?: boolean;
}

const bump = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);

/** Drives accession proposals through the HTTP API (via whichever API process is up) and keeps their expectations. */
export class AccessionFlow {
  readonly all: Expectation[] = [];

  constructor(private readonly world: FaultWorld) {}

  private get org() {
    return this.world.org;
  }

  async create(opts: { only?: string; title?: string } = {}): Promise<Expectation> {
    const title = opts.title ?? `Fault suite ${Math.random().toString(36).slice(2, 8)}`;
    const res = expectStatus(await this.world.http.post(this.org.owner, '/proposals', { kind: 'accession', titleEn: title, titleMn: title, conventionCode: 'RKC' }, { only: opts.only }), 201, 200);
    const e: Expectation = { id: res.body.id, stage: 'DRAFT', status: 'open', events: { CREATED: 1 }, emails: {}, openTasks: ['work:owner'] };
    this.all.push(e);
    return e;
  }

  async upload(e: Expectation, kind: string): Promise<void> {
    expectStatus(await this.world.http.upload(this.org.owner, e.id, kind), 201, 200);
    bump(e.events, 'DOCUMENT_ADDED');
  }

  /** DRAFT -> TRANSLATION (owner works on the translation). */
  async submit(e: Expectation): Promise<void> {
    await this.upload(e, 'convention_text');
    expectStatus(await this.world.http.post(this.org.owner, `/proposals/${e.id}/submit`), 200);
    bump(e.events, 'SUBMITTED');
    bump(e.events, 'STAGE_CHANGED');
    e.stage = 'TRANSLATION';
  }

  /** Work done in TRANSLATION or RESEARCH: the division head's approval task opens and is emailed to them. */
  async completeStage(e: Expectation, opts: { requestId?: string; only?: string } = {}): Promise<void> {
    expectStatus(await this.world.http.post(this.org.owner, `/proposals/${e.id}/complete-stage`, {}, opts), 200);
    this.completed(e);
  }

  /** The bookkeeping of completeStage, for scenarios that send the request themselves. */
  completed(e: Expectation): void {
    bump(e.events, 'WORK_COMPLETED');
    bump(e.events, 'TASK_ASSIGNED');
    bump(e.emails, `task-assigned ${this.org.head.email}`);
    e.openTasks = ['approval:division_head'];
  }

  /** To TRANSLATION with the translation attached, ready for completeStage. */
  async readyForReview(e: Expectation): Promise<void> {
    await this.submit(e);
    await this.upload(e, 'translation');
  }

  /** The open approval task as the API shows it, once the workflow has assigned it. */
  async openApprovalTask(e: Expectation, timeoutMs = 120_000): Promise<{ id: string; assigneeId: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.world.http.get(this.org.owner, `/proposals/${e.id}`);
      const task = (res.body?.tasks ?? []).find((t: { status: string; kind: string; assigneeId: string | null }) => t.status === 'open' && t.kind === 'approval' && t.assigneeId);
      if (task) return task;
      if (Date.now() > deadline) throw new Error(`proposal ${e.id}: no assigned approval task within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The head approves the open task: the proposal moves to the next stage and the owner is told. */
  async approve(e: Expectation, opts: { requestId?: string; only?: string; deadlineMs?: number } = {}): Promise<void> {
    const task = await this.openApprovalTask(e);
    expectStatus(await this.world.http.post(this.org.head, `/proposals/${e.id}/decisions`, { taskId: task.id, decision: 'approve' }, opts), 200);
    this.approved(e);
  }

  approved(e: Expectation): void {
    bump(e.events, 'APPROVED');
    bump(e.events, 'STAGE_CHANGED');
    bump(e.emails, `owner-notification ${this.org.owner.email}`);
    e.stage = e.stage === 'TRANSLATION' ? 'RESEARCH' : 'COORDINATION';
    e.openTasks = ['work:owner'];
  }

  /** A proposal on a shortened day whose DRAFT reminders and escalations must all happen while it waits. */
  expectLadder(e: Expectation): void {
    e.ladder = true;
  }
}
