import { ProposalActionRefusedError } from '../../libs/temporal';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { Organisation, seedOrganisation } from '../support/organisation.fixture';
import { ProposalDriver } from '../support/proposal-driver';

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
    expect(after!.eventSeq).toBe(before!.eventSeq);
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
});
