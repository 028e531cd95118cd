import { tripWorkflowId } from '../../../libs/contracts';
import { addDays, ulaanbaatarDate } from '../../../libs/domain';
import type { Expectation } from './accession-flow';
import { expectStatus } from './api-client';
import type { FaultWorld } from './fault-world';

const bump = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);

/**
 * Overseas trips through the HTTP API, with the same kind of expectations as accession proposals. A host-funded
 * trip of one traveller is routed to the division head, then the deputy commissioner; after approval it waits for
 * its departure and return timers, then for the report, which closes it.
 */
export class TripFlow {
  constructor(private readonly world: FaultWorld) {}

  private get org() {
    return this.world.org;
  }

  /** A trip leaving `departInDays` (scaled) days after the request, back the day after; created through `only`. */
  async create(opts: { only?: string; departInDays: number }): Promise<Expectation> {
    const today = ulaanbaatarDate(new Date());
    const res = expectStatus(
      await this.world.http.post(
        this.org.owner,
        '/trips',
        {
          event: { name: `WCO Council ${Math.random().toString(36).slice(2, 8)}`, organiser: 'World Customs Organization', type: 'wco_council' },
          destination: { country: 'BE', city: 'Brussels' },
          departureDate: addDays(today, opts.departInDays),
          returnDate: addDays(today, opts.departInDays + 1),
          delegateIds: [this.org.owner.id],
          costs: [{ category: 'accommodation', amount: 800, currency: 'USD', fundingSource: 'host' }],
        },
        { only: opts.only },
      ),
      201,
      200,
    );
    return { id: res.body.id, workflowId: tripWorkflowId(res.body.id), stage: 'DRAFT', status: 'open', events: { CREATED: 1 }, emails: {}, openTasks: ['work:owner'] };
  }

  /** Invitation letter, submit: the division head's task opens and is emailed. */
  async submit(e: Expectation): Promise<void> {
    expectStatus(await this.world.http.upload(this.org.owner, e.id, 'invitation_letter'), 201, 200);
    bump(e.events, 'DOCUMENT_ADDED');
    expectStatus(await this.world.http.post(this.org.owner, `/trips/${e.id}/submit`), 200);
    bump(e.events, 'SUBMITTED');
    bump(e.events, 'STAGE_CHANGED');
    bump(e.events, 'TASK_ASSIGNED');
    bump(e.emails, `task-assigned ${this.org.head.email}`);
    e.stage = 'SUBMITTED';
    e.openTasks = ['approval:division_head'];
  }

  /** Both approvals, each by the person the task went to; the owner hears of each decision. */
  async approveAll(e: Expectation): Promise<void> {
    for (const approver of [this.org.head, this.org.deputy]) {
      const task = await this.openTask(e, approver.id);
      expectStatus(await this.world.http.post(approver, `/trips/${e.id}/decisions`, { taskId: task.id, decision: 'approve' }), 200);
      bump(e.events, 'APPROVED');
      bump(e.emails, `owner-notification ${this.org.owner.email}`);
    }
    bump(e.events, 'TASK_ASSIGNED');
    bump(e.emails, `task-assigned ${this.org.deputy.email}`);
    bump(e.events, 'STAGE_CHANGED');
    e.stage = 'APPROVED';
    e.openTasks = [];
  }

  /** What departure and return do on their own: two timers, two stage moves the owner is told of, the report task. */
  travelled(e: Expectation): void {
    bump(e.events, 'TIMER_ELAPSED', 2);
    bump(e.events, 'STAGE_CHANGED', 2);
    bump(e.emails, `owner-notification ${this.org.owner.email}`, 2);
    bump(e.emails, `report-due ${this.org.owner.email}`);
    e.stage = 'REPORT_DUE';
    e.openTasks = ['work:owner'];
  }

  /** The report closes the trip. */
  async report(e: Expectation): Promise<void> {
    expectStatus(await this.world.http.postFile(this.org.owner, `/trips/${e.id}/report`, 'trip_report'), 200);
    bump(e.events, 'DOCUMENT_ADDED');
    bump(e.events, 'WORK_COMPLETED');
    bump(e.events, 'STAGE_CHANGED');
    e.stage = 'CLOSED';
    e.status = 'completed';
    e.openTasks = [];
  }

  async openTask(e: Expectation, assigneeId: string, timeoutMs = 60_000): Promise<{ id: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.world.http.get(this.org.owner, `/trips/${e.id}`);
      const task = (res.body?.tasks ?? []).find((t: { status: string; kind: string; assigneeId: string | null }) => t.status === 'open' && t.kind === 'approval' && t.assigneeId === assigneeId);
      if (task) return task;
      if (Date.now() > deadline) throw new Error(`trip ${e.id}: no approval task for ${assigneeId} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
