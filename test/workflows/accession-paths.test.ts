import { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { proposalWorkflowId } from '../../libs/contracts';
import { atUlaanbaatarTime, entryIntoForceDate, REVISED_KYOTO_CONVENTION, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { Organisation, Person, seedOrganisation } from '../support/organisation.fixture';
import { ACCESSION_STAGES, ProposalDriver } from '../support/proposal-driver';

const STAGES = ACCESSION_STAGES;

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

  const approveNext = (id: string) => d.approveNext(id, org);
  const step = (id: string, from: string, depositDate?: string) => d.step(id, from, org, depositDate);
  async function driveTo(stage: string, depositDate?: string): Promise<string> {
    const id = await d.driveTo(stage, org, { depositDate });
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

    // The research reviewer (the division head) sends the report back: RESEARCH again, and it goes forward from there.
    await d.attach(t, org.owner, 'research_report');
    await d.act(t, org.owner, (a) => ({ type: 'complete_work', actor: a }));
    const research = await d.openApprovalTask(t);
    expect(research.role).toBe('division_head');
    await d.act(t, org.head, (a) => ({ type: 'decide', actor: a, taskId: research.id, decision: 'request_changes', comment: 'Budget impact missing' }));
    expect(await stageOf(t)).toBe('RESEARCH');
    const back = (await d.gateway.queryState(t))!;
    expect(back.tasks.filter((x) => x.status === 'open').map((x) => [x.stage, x.kind])).toEqual([['RESEARCH', 'work']]);
    await step(t, 'RESEARCH');
    expect(await stageOf(t)).toBe('COORDINATION');

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

  /** Brings a proposal to the decision of `who` (approvers: their task is open and assigned). */
  async function toDecisionOf(who: string): Promise<string> {
    if (who === 'translation reviewer' || who === 'research reviewer') {
      const stage = who === 'translation reviewer' ? 'TRANSLATION' : 'RESEARCH';
      const id = await driveTo(stage);
      await d.attach(id, org.owner, stage === 'TRANSLATION' ? 'translation' : 'research_report');
      await d.act(id, org.owner, (a) => ({ type: 'complete_work', actor: a }));
      return id;
    }
    if (who === 'Cabinet') return driveTo('CABINET_REVIEW');
    if (who === 'Parliament') return driveTo('PARLIAMENT');
    const id = await driveTo('INTERNAL_REVIEW');
    while ((await d.openApprovalTask(id)).role !== who) await approveNext(id);
    return id;
  }

  it.each(['translation reviewer', 'research reviewer', 'division_head', 'legal', 'deputy_commissioner', 'commissioner_general', 'Cabinet', 'Parliament'])(
    'rejection by the %s ends in REJECTED with no open task',
    async (who) => {
      const id = await toDecisionOf(who);
      const stage = await stageOf(id);
      if (who === 'Cabinet') {
        await d.act(id, org.owner, (a) => ({ type: 'cabinet_outcome', actor: a, outcome: 'rejected', remarks: 'Declined' }));
      } else if (who === 'Parliament') {
        await d.act(id, org.owner, (a) => ({ type: 'parliament_outcome', actor: a, outcome: 'rejected', remarks: 'Voted down' }));
      } else {
        const task = await d.openApprovalTask(id);
        expect(task.role).toBe(who.endsWith('reviewer') ? 'division_head' : who);
        await d.act(id, byId.get(task.assigneeId)!, (a) => ({ type: 'decide', actor: a, taskId: task.id, decision: 'reject', comment: 'No' }));
      }
      const row = await eventually(() => d.row(id), (r) => r.stage === 'REJECTED' && r.workflow_status === 'COMPLETED');
      expect(row).toMatchObject({ stage: 'REJECTED', status: 'rejected', current_assignees: [] });
      const open = await eventually(
        (): Promise<unknown[]> => d.ds.query(`SELECT id FROM tasks WHERE proposal_id = $1 AND status = 'open'`, [id]),
        (r) => r.length === 0,
      );
      expect(open).toEqual([]);
      const timeline = await d.settledTimeline(id);
      expect(timeline).toContainEqual(expect.objectContaining({ from_stage: stage, to_stage: 'REJECTED' }));
    },
  );

  it('implementation waits for entry into force even with every action item done, and completes once it has passed', async () => {
    // Deposited today: the Revised Kyoto Convention enters into force three months later, still ahead.
    const today = ulaanbaatarDate(new Date());
    const eif = entryIntoForceDate(REVISED_KYOTO_CONVENTION.entryIntoForce, today);
    const ahead = await driveTo('DEPOSIT', today);
    await step(ahead, 'DEPOSIT', today);
    expect((await d.gateway.queryState(ahead))!.deposit).toMatchObject({ depositDate: today, entryIntoForce: eif, recordedAt: expect.any(String) });
    await d.act(ahead, org.owner, (a) => ({ type: 'add_action_item', actor: a, title: 'Train officers', ownerId: org.colleague.id, dueDate: '2027-06-30' }));
    const done = await d.act(ahead, org.colleague, (a) => ({ type: 'complete_action_item', actor: a, itemId: 'i1' }));
    expect(done).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open' });
    const waiting = (await d.gateway.queryState(ahead))!;
    expect(waiting).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open' });
    expect(waiting.actionItems.every((i) => i.status === 'done')).toBe(true);
    // It waits on a durable timer that fires at 00:00 Ulaanbaatar on the entry-into-force date. The timer firing and
    // completing the proposal is shown on a shortened calendar in action-item-reminders.workflow.test.ts.
    const history = await stack.api.get(Client).workflow.getHandle(proposalWorkflowId(ahead)).fetchHistory();
    const untilEif = atUlaanbaatarTime(eif).getTime() - Date.now();
    const timers = (history.events ?? []).map((e) => e.timerStartedEventAttributes).filter((t) => !!t).map((t) => tsToMs(t!.startToFireTimeout));
    expect(timers.some((ms) => Math.abs(ms - untilEif) < 10 * 60_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await d.row(ahead)).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open', workflow_status: 'RUNNING' });

    // Deposited long enough ago that entry into force has passed: the last item done completes the proposal, and
    // not before (an item still open keeps it in IMPLEMENTATION).
    const passed = await driveTo('IMPLEMENTATION', '2026-02-01');
    expect((await d.gateway.queryState(passed))!.deposit).toMatchObject({ depositDate: '2026-02-01', entryIntoForce: '2026-05-01' });
    await d.act(passed, org.owner, (a) => ({ type: 'add_action_item', actor: a, title: 'Amend the regulation', ownerId: org.colleague.id, dueDate: '2027-01-31' }));
    await d.act(passed, org.owner, (a) => ({ type: 'add_action_item', actor: a, title: 'Update the system', ownerId: org.colleague.id, dueDate: '2027-01-31' }));
    expect(await d.act(passed, org.colleague, (a) => ({ type: 'complete_action_item', actor: a, itemId: 'i1' }))).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open' });
    expect(await d.act(passed, org.colleague, (a) => ({ type: 'complete_action_item', actor: a, itemId: 'i2' }))).toMatchObject({ stage: 'COMPLETED', status: 'completed' });
    const row = await eventually(() => d.row(passed), (r) => r.stage === 'COMPLETED' && r.workflow_status === 'COMPLETED');
    expect(row.status).toBe('completed');
  });
});
