import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { Organisation, Person, seedOrganisation } from '../support/organisation.fixture';
import { ProposalDriver } from '../support/proposal-driver';

const STAGES = ['DRAFT', 'TRANSLATION', 'RESEARCH', 'COORDINATION', 'INTERNAL_REVIEW', 'CABINET_REVIEW', 'PARLIAMENT', 'DEPOSIT', 'IMPLEMENTATION'] as const;

/** Every send-back, rejection and withdrawal path through the real workflow (Temporal dev server + PostgreSQL). */
describe('accession proposal paths (real workflow)', () => {
  let stack: AccordStack;
  let org: Organisation;
  let d: ProposalDriver;
  let byId: Map<string, Person>;

  beforeAll(async () => {
    stack = await startAccordStack();
    d = new ProposalDriver(stack);
    org = await seedOrganisation(d.ds);
    byId = new Map(Object.values(org).filter((p): p is Person => typeof p === 'object').map((p) => [p.id, p]));
  });
  afterAll(() => stack?.close());

  async function approveNext(id: string): Promise<string> {
    const task = await d.openApprovalTask(id);
    await d.act(id, byId.get(task.assigneeId)!, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'approve' }));
    return task.role;
  }

  /** Takes a proposal that is in `from` one step forward along the happy path. */
  async function step(id: string, from: string): Promise<void> {
    const o = org.owner;
    switch (from) {
      case 'DRAFT':
        await d.attach(id, o, 'convention_text');
        await d.act(id, o, (a) => ({ type: 'submit', actor: a }));
        return;
      case 'TRANSLATION':
      case 'RESEARCH':
        await d.attach(id, o, from === 'TRANSLATION' ? 'translation' : 'research_report');
        await d.act(id, o, (a) => ({ type: 'complete_work', actor: a }));
        await approveNext(id);
        return;
      case 'COORDINATION':
        if (!(await d.gateway.queryState(id))!.remarks.length) {
          await d.act(id, o, (a) => ({ type: 'record_remark', actor: a, body: 'Ministry of Justice', remarks: 'Check reservations' }));
          await d.act(id, o, (a) => ({ type: 'respond_remark', actor: a, remarkId: 'r1', response: 'Checked' }));
        }
        await d.act(id, o, (a) => ({ type: 'complete_work', actor: a }));
        return;
      case 'INTERNAL_REVIEW':
        for (let i = 0; i < 4; i++) await approveNext(id);
        return;
      case 'CABINET_REVIEW':
        await d.act(id, o, (a) => ({ type: 'cabinet_outcome', actor: a, outcome: 'approved', resolutionNumber: '101', resolutionDate: '2026-01-10' }));
        return;
      case 'PARLIAMENT':
        await d.act(id, o, (a) => ({ type: 'parliament_outcome', actor: a, outcome: 'ratified', lawNumber: 'L-1', lawDate: '2026-01-20' }));
        return;
      case 'DEPOSIT':
        await d.act(id, o, (a) => ({ type: 'record_deposit', actor: a, depositDate: '2026-02-01' }));
        return;
    }
  }

  async function driveTo(stage: string): Promise<string> {
    const id = await d.create(org.owner);
    for (const s of STAGES) {
      if (s === stage) break;
      await step(id, s);
    }
    expect((await d.gateway.queryState(id))!.stage).toBe(stage);
    return id;
  }

  const stageOf = async (id: string) => (await d.gateway.queryState(id))!.stage;

  it.each(STAGES)('withdrawal from %s ends the workflow as WITHDRAWN with no open task', async (stage) => {
    const id = await driveTo(stage);
    await d.act(id, stage === 'DEPOSIT' ? org.admin : org.owner, (a) => ({ type: 'withdraw', actor: a, reason: 'Superseded' }));
    const row = await eventually(() => d.row(id), (r) => r.stage === 'WITHDRAWN' && r.workflow_status === 'COMPLETED');
    expect(row).toMatchObject({ status: 'withdrawn', current_assignees: [] });
    const open = await eventually(
      (): Promise<unknown[]> => d.ds.query(`SELECT id FROM tasks WHERE proposal_id = $1 AND status = 'open'`, [id]),
      (r) => r.length === 0,
    );
    expect(open).toEqual([]);
  });

  it('each internal approver can send the proposal back to a named stage, and it goes forward again', async () => {
    for (const approver of ['division_head', 'legal', 'deputy_commissioner', 'commissioner_general']) {
      const id = await driveTo('INTERNAL_REVIEW');
      while ((await d.openApprovalTask(id)).role !== approver) await approveNext(id);
      const task = await d.openApprovalTask(id);
      await d.act(id, byId.get(task.assigneeId)!, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'request_changes', comment: 'Rework', returnToStage: 'RESEARCH' }));
      expect(await stageOf(id)).toBe('RESEARCH');
      await step(id, 'RESEARCH');
      expect(await stageOf(id)).toBe('COORDINATION');
    }
  });

  it('translation and research reviewers send back to their own stage; Cabinet and Parliament returns go to the stage the definition names', async () => {
    const t = await driveTo('TRANSLATION');
    await d.attach(t, org.owner, 'translation');
    await d.act(t, org.owner, (a) => ({ type: 'complete_work', actor: a }));
    const task = await d.openApprovalTask(t);
    await d.act(t, org.head, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'request_changes', comment: 'Terminology' }));
    expect(await stageOf(t)).toBe('TRANSLATION');
    await step(t, 'TRANSLATION');
    expect(await stageOf(t)).toBe('RESEARCH');

    const c = await driveTo('CABINET_REVIEW');
    await d.act(c, org.owner, (a) => ({ type: 'cabinet_outcome', actor: a, outcome: 'returned', remarks: 'Consult again' }));
    expect(await stageOf(c)).toBe('COORDINATION');
    await step(c, 'COORDINATION');
    await step(c, 'INTERNAL_REVIEW');
    await step(c, 'CABINET_REVIEW');
    await d.act(c, org.owner, (a) => ({ type: 'parliament_outcome', actor: a, outcome: 'returned', remarks: 'Budget annex missing' }));
    expect(await stageOf(c)).toBe('CABINET_REVIEW');
    await step(c, 'CABINET_REVIEW');
    expect(await stageOf(c)).toBe('PARLIAMENT');
  });

  it.each([
    ['an approver', 'INTERNAL_REVIEW'],
    ['the Cabinet', 'CABINET_REVIEW'],
    ['Parliament', 'PARLIAMENT'],
  ])('rejection by %s ends in REJECTED', async (_who, stage) => {
    const id = await driveTo(stage);
    if (stage === 'INTERNAL_REVIEW') {
      const task = await d.openApprovalTask(id);
      await d.act(id, byId.get(task.assigneeId)!, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'reject', comment: 'No' }));
    } else if (stage === 'CABINET_REVIEW') {
      await d.act(id, org.owner, (a) => ({ type: 'cabinet_outcome', actor: a, outcome: 'rejected', remarks: 'Declined' }));
    } else {
      await d.act(id, org.owner, (a) => ({ type: 'parliament_outcome', actor: a, outcome: 'rejected', remarks: 'Voted down' }));
    }
    const row = await eventually(() => d.row(id), (r) => r.stage === 'REJECTED' && r.workflow_status === 'COMPLETED');
    expect(row.status).toBe('rejected');
  });
});
