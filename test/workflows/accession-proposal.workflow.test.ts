import { ProposalActionRefusedError } from '../../libs/temporal';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { Organisation, seedOrganisation } from '../support/organisation.fixture';
import { ProposalDriver } from '../support/proposal-driver';
import { recordHistory } from '../support/history-recorder';
import { Client } from '@temporalio/client';

describe('accessionProposal workflow (real Temporal dev server and PostgreSQL)', () => {
  let stack: AccordStack;
  let org: Organisation;
  let d: ProposalDriver;

  beforeAll(async () => {
    stack = await startAccordStack();
    d = new ProposalDriver(stack);
    org = await seedOrganisation(d.ds);
  });
  afterAll(() => stack?.close());

  async function toInternalReview(): Promise<string> {
    const id = await d.create(org.owner);
    await d.attach(id, org.owner, 'convention_text');
    await d.act(id, org.owner, (a) => ({ type: 'submit', actor: a }));
    await d.attach(id, org.owner, 'translation');
    await d.act(id, org.owner, (a) => ({ type: 'complete_work', actor: a }));
    let task = await d.openApprovalTask(id);
    await d.act(id, org.head, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve' }));
    await d.attach(id, org.owner, 'research_report');
    await d.act(id, org.owner, (a) => ({ type: 'complete_work', actor: a }));
    task = await d.openApprovalTask(id);
    await d.act(id, org.head, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve' }));
    await d.act(id, org.owner, (a) => ({ type: 'record_remark', actor: a, body: 'Ministry of Finance', remarks: 'Budget?' }));
    await d.act(id, org.owner, (a) => ({ type: 'respond_remark', actor: a, remarkId: 'r1', response: 'Covered' }));
    const r = await d.act(id, org.owner, (a) => ({ type: 'complete_work', actor: a }));
    expect(r.stage).toBe('INTERNAL_REVIEW');
    return id;
  }

  it('assigns internal review to people by role in order, resolving through the directory', async () => {
    const id = await toInternalReview();
    const expected = [org.head, org.lawyer, org.deputy, org.chief];
    for (const person of expected) {
      const task = await d.openApprovalTask(id);
      expect(task.assigneeId).toBe(person.id);
      await d.act(id, person, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve', comment: 'ok' }));
    }
    const row = await eventually(() => d.row(id), (r) => r.stage === 'CABINET_REVIEW');
    expect(row).toMatchObject({ stage: 'CABINET_REVIEW', status: 'open', current_assignees: [org.owner.id] });
    await recordHistory(stack.api.get(Client), `proposal-${id}`, 'accession-to-cabinet-review');
  });

  it('an action of the wrong person or stage is refused with the reason and changes nothing', async () => {
    const id = await toInternalReview();
    const task = await d.openApprovalTask(id);
    const before = await d.gateway.queryState(id);
    await expect(d.act(id, org.lawyer, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve' }))).rejects.toMatchObject({
      refusal: { code: 'not_your_task', stage: 'INTERNAL_REVIEW' },
    });
    await expect(d.act(id, org.owner, (a) => ({ type: 'record_deposit', actor: a, depositDate: '2026-01-01' }))).rejects.toBeInstanceOf(ProposalActionRefusedError);
    const after = await d.gateway.queryState(id);
    // Emails may still add EMAIL_SENT events meanwhile; the proposal's own state must be exactly as before.
    const { eventSeq: _b, ...stateBefore } = before!;
    const { eventSeq: _a, ...stateAfter } = after!;
    expect(stateAfter).toEqual(stateBefore);
    expect(after!.stage).toBe('INTERNAL_REVIEW');
  });

  it('a repeated request id performs the action once', async () => {
    const id = await d.create(org.owner);
    const first = await d.act(id, org.owner, (a) => ({ type: 'record_remark' as never, actor: a }) as never, 'dup-request-1').catch((e) => e);
    expect(first).toBeInstanceOf(ProposalActionRefusedError); // remarks belong to COORDINATION: refused, not recorded
    const a1 = await d.attach(id, org.owner, 'convention_text');
    const r1 = await d.act(id, org.owner, (a) => ({ type: 'submit', actor: a }), 'submit-once-1');
    const r2 = await d.act(id, org.owner, (a) => ({ type: 'submit', actor: a }), 'submit-once-1');
    expect(r2).toEqual(r1);
    expect(a1.eventSeq).toBeLessThan(r1.eventSeq);
    const timeline = await d.settledTimeline(id);
    expect(timeline.filter((e) => e.type === 'SUBMITTED')).toHaveLength(1);
    await recordHistory(stack.api.get(Client), `proposal-${id}`, 'accession-duplicate-request');
  });

  it('the timeline in PostgreSQL is complete and gap-free, and search attributes follow the stage', async () => {
    const id = await toInternalReview();
    const timeline = await d.settledTimeline(id);
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
    expect(timeline.filter((e) => e.type === 'STAGE_CHANGED').map((e) => `${e.from_stage}>${e.to_stage}`)).toEqual([
      'DRAFT>TRANSLATION',
      'TRANSLATION>RESEARCH',
      'RESEARCH>COORDINATION',
      'COORDINATION>INTERNAL_REVIEW',
    ]);
    const desc = await eventually(
      () => stack.api.get(require('@temporalio/client').Client).workflow.getHandle(`proposal-${id}`).describe(),
      (x: { searchAttributes: Record<string, unknown> }) => (x.searchAttributes.AccordStage as string[])?.[0] === 'INTERNAL_REVIEW',
    );
    expect(desc.searchAttributes).toMatchObject({ AccordStage: ['INTERNAL_REVIEW'], AccordKind: ['accession'], AccordOwner: [org.owner.id] });
  });

  it('runs the whole lifecycle to COMPLETED once action items are done and the convention is in force', async () => {
    const id = await toInternalReview();
    for (let i = 0; i < 4; i++) {
      const task = await d.openApprovalTask(id);
      const who = [org.head, org.lawyer, org.deputy, org.chief].find((p) => p.id === task.assigneeId)!;
      await d.act(id, who, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve' }));
    }
    await d.act(id, org.owner, (a) => ({ type: 'cabinet_outcome', actor: a, outcome: 'returned', remarks: 'Consult the Ministry of Justice' }));
    expect((await d.gateway.queryState(id))!.stage).toBe('COORDINATION');
    await d.act(id, org.owner, (a) => ({ type: 'complete_work', actor: a }));
    for (let i = 0; i < 4; i++) {
      const task = await d.openApprovalTask(id);
      const who = [org.head, org.lawyer, org.deputy, org.chief].find((p) => p.id === task.assigneeId)!;
      await d.act(id, who, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve' }));
    }
    await d.act(id, org.owner, (a) => ({ type: 'cabinet_outcome', actor: a, outcome: 'approved', resolutionNumber: '217', resolutionDate: '2026-01-14' }));
    await d.act(id, org.owner, (a) => ({ type: 'parliament_outcome', actor: a, outcome: 'ratified', lawNumber: 'XI-45', lawDate: '2026-02-02', annexesAccepted: ['GA', 'A', 'B'], reservations: ['Standard 3.32'] }));
    // Deposited long enough ago that the three months of the Revised Kyoto Convention have passed.
    await d.act(id, org.owner, (a) => ({ type: 'record_deposit', actor: a, depositDate: '2026-03-02' }));
    const state = await d.gateway.queryState(id);
    expect(state!.deposit).toMatchObject({ depositDate: '2026-03-02', entryIntoForce: '2026-06-02' });
    await d.act(id, org.owner, (a) => ({ type: 'add_action_item', actor: a, title: 'Amend customs procedures regulation', ownerId: org.colleague.id, dueDate: '2026-12-31' }));
    await d.act(id, org.colleague, (a) => ({ type: 'complete_action_item', actor: a, itemId: 'i1' }));
    const row = await eventually(() => d.row(id), (r) => r.stage === 'COMPLETED');
    expect(row).toMatchObject({ stage: 'COMPLETED', status: 'completed', workflow_status: 'COMPLETED', current_assignees: [] });
    const result = await stack.api.get(Client).workflow.getHandle(`proposal-${id}`).result();
    expect(result.stage).toBe('COMPLETED');
    const [{ open }] = await d.ds.query(`SELECT count(*)::int AS open FROM tasks WHERE proposal_id = $1 AND status = 'open'`, [id]);
    expect(open).toBe(0);
    await recordHistory(stack.api.get(Client), `proposal-${id}`, 'accession-completed');
  });

  it('rejection and withdrawal end the workflow with no open task', async () => {
    const rejected = await toInternalReview();
    const task = await d.openApprovalTask(rejected);
    await d.act(rejected, org.head, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'reject', comment: 'Not a priority this year' }));
    const withdrawn = await d.create(org.owner);
    await d.act(withdrawn, org.owner, (a) => ({ type: 'withdraw', actor: a, reason: 'Duplicate of another draft' }));
    for (const [id, stage] of [[rejected, 'REJECTED'], [withdrawn, 'WITHDRAWN']]) {
      const row = await eventually(() => d.row(id), (r) => r.stage === stage);
      expect(row).toMatchObject({ stage, workflow_status: 'COMPLETED' });
      const [{ open }] = await d.ds.query(`SELECT count(*)::int AS open FROM tasks WHERE proposal_id = $1 AND status = 'open'`, [id]);
      expect(open).toBe(0);
    }
    // The row says COMPLETED from the workflow's last projection, a moment before the workflow itself has ended.
    await eventually(() => stack.api.get(Client).workflow.getHandle(`proposal-${withdrawn}`).describe(), (w) => w.status.name === 'COMPLETED');
    await expect(d.act(withdrawn, org.owner, (a) => ({ type: 'submit', actor: a }))).rejects.toThrow(/closed/);
    await recordHistory(stack.api.get(Client), `proposal-${rejected}`, 'accession-rejected');
    await recordHistory(stack.api.get(Client), `proposal-${withdrawn}`, 'accession-withdrawn');
  });
});
