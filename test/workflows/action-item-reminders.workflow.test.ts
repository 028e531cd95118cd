import { Client } from '@temporalio/client';
import { proposalWorkflowId } from '../../libs/contracts';
import { addDays, entryIntoForceDate, entryIntoForceMoment, REVISED_KYOTO_CONVENTION, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { Organisation, seedOrganisation } from '../support/organisation.fixture';
import { ProposalDriver } from '../support/proposal-driver';
import { recordHistory } from '../support/history-recorder';
import { SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';

const DAY_MS = 100;

type TimelineRow = { seq: number; type: string; data: Record<string, unknown> };

/**
 * Implementation action items are reminded like tasks (before and after their due date, then the holder's
 * supervisor); implementation completes by itself when entry into force comes; and a proposal that continues as new
 * neither re-sends assignment emails nor repeats a reminder or an escalation. Real Temporal dev server, PostgreSQL and SMTP on loopback; one definition day is 100 ms.
 */
describe('action item reminders, and mail across continue-as-new (real workflow)', () => {
  let stack: AccordStack;
  let sink: SmtpTestServer;
  let org: Organisation;
  let d: ProposalDriver;

  beforeAll(async () => {
    sink = await startSmtpTestServer();
    stack = await startAccordStack({ env: { ...sink.env(), ACCORD_WORKFLOW_DAY_MS: String(DAY_MS) } });
    d = new ProposalDriver(stack);
    org = await seedOrganisation(d.ds);
  });
  afterAll(async () => {
    await stack?.close();
    await sink?.stop();
  });

  const timeline = (id: string): Promise<TimelineRow[]> => d.ds.query(`SELECT seq, type, data FROM proposal_events WHERE proposal_id = $1 ORDER BY seq`, [id]);
  const mailTo = (email: string, title: RegExp) => sink.messages.filter((m) => m.to.includes(email) && title.test(m.subject));

  it('reminds the holder before and after the due date, then tells their supervisor, in order; a done item goes quiet', async () => {
    const id = await d.driveTo('IMPLEMENTATION', org);
    const today = ulaanbaatarDate(new Date());
    const title = `Train officers ${id.slice(0, 6)}`;
    await d.act(id, org.owner, (a) => ({ type: 'add_action_item', actor: a, title, ownerId: org.colleague.id, dueDate: addDays(today, 2) }));
    // A second item, finished at once: nothing more is sent about it.
    const quiet = `Publish notice ${id.slice(0, 6)}`;
    await d.act(id, org.owner, (a) => ({ type: 'add_action_item', actor: a, title: quiet, ownerId: org.colleague.id, dueDate: addDays(today, 5) }));
    await d.act(id, org.colleague, (a) => ({ type: 'complete_action_item', actor: a, itemId: 'i2' }));

    // Due 3 shortened days after it was added (the end of its due date): -1 day, +1, +7, then the supervisor at +14.
    const rows = await eventually(
      () => timeline(id),
      (r) => r.some((e) => e.type === 'ACTION_ITEM_ESCALATED'),
      15_000,
    );
    const ladder = rows.filter((e) => e.type === 'ACTION_ITEM_REMINDED' || e.type === 'ACTION_ITEM_ESCALATED').map((e) => `${e.type}:${e.data.itemId}:${e.data.n}:${e.data.overdue ?? e.data.to}`);
    expect(ladder).toEqual(['ACTION_ITEM_REMINDED:i1:2:false', 'ACTION_ITEM_REMINDED:i1:3:true', 'ACTION_ITEM_REMINDED:i1:4:true', 'ACTION_ITEM_ESCALATED:i1:1:supervisor']);

    // The holder's inbox: given, due soon, overdue twice; the supervisor (the division head): one escalation.
    await eventually(
      async () => mailTo(org.head.email, /./).filter((m) => m.text.includes(title)),
      (m) => m.length > 0,
    );
    const holder = mailTo(org.colleague.email, /./).filter((m) => m.text.includes(title));
    expect(holder.map((m) => m.subject)).toEqual([
      expect.stringContaining('Танд хэрэгжүүлэх ажил оноолоо'),
      expect.stringContaining('Хэрэгжүүлэх ажлын хугацаа'),
      expect.stringContaining('хугацаа хэтэрлээ'),
      expect.stringContaining('хугацаа хэтэрлээ'),
    ]);
    // Mongolian first, English below: the holder prefers Mongolian.
    expect(holder[0].text.indexOf('Хэрэгжүүлэх ажил')).toBeLessThan(holder[0].text.indexOf('Action item'));
    const head = mailTo(org.head.email, /./).filter((m) => m.text.includes(title));
    expect(head).toHaveLength(1);
    expect(head[0].text).toContain('Шууд удирдлагын хувьд');
    // Each message once, and each in the timeline with its message id.
    const delivered = [...holder, ...head].map((m) => m.messageId).sort();
    const logged = await eventually(
      async () => (await timeline(id)).filter((e) => e.type === 'EMAIL_SENT' && e.data.purpose === 'action-item' && delivered.includes(e.data.messageId as string)),
      (r) => r.length >= delivered.length,
    );
    expect(logged.map((e) => e.data.messageId).sort()).toEqual(delivered);

    // The finished item: only its assignment email.
    await new Promise((r) => setTimeout(r, 20 * DAY_MS));
    expect(mailTo(org.colleague.email, /./).filter((m) => m.text.includes(quiet))).toHaveLength(1);

    // Done: the proposal completes (entry into force 2026-05-01 has passed) and nothing more is sent.
    await d.act(id, org.colleague, (a) => ({ type: 'complete_action_item', actor: a, itemId: 'i1' }));
    const end = await eventually(
      () => d.gateway.queryState(id),
      (s) => s?.stage === 'COMPLETED',
    );
    expect(end?.stage).toBe('COMPLETED');
    await recordHistory(stack.api.get(Client), proposalWorkflowId(id), 'accession-action-items-reminded');
  }, 120_000);

  it('waits for entry into force with every item done, then completes on its own when the date comes', async () => {
    // Deposited today: the Revised Kyoto Convention enters into force three months later, about 92 shortened days.
    const today = ulaanbaatarDate(new Date());
    const eif = entryIntoForceDate(REVISED_KYOTO_CONVENTION.entryIntoForce, today);
    const id = await d.driveTo('DEPOSIT', org);
    await d.step(id, 'DEPOSIT', org, today);
    const deposited = await d.gateway.queryState(id);
    expect(deposited).toMatchObject({ stage: 'IMPLEMENTATION', deposit: { depositDate: today, entryIntoForce: eif } });
    const eifAt = entryIntoForceMoment(deposited!.deposit!, DAY_MS, new Date())!;
    await d.act(id, org.owner, (a) => ({ type: 'add_action_item', actor: a, title: 'Train officers on the General Annex', ownerId: org.colleague.id, dueDate: addDays(today, 2) }));
    expect(await d.act(id, org.colleague, (a) => ({ type: 'complete_action_item', actor: a, itemId: 'i1' }))).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open' });

    // Every item done, entry into force still ahead: it waits.
    expect(eifAt - Date.now()).toBeGreaterThan(3_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await d.gateway.queryState(id))!.stage).toBe('IMPLEMENTATION');

    // The timer fires at the entry-into-force moment and the workflow completes the proposal by itself.
    const row = await eventually(
      () => d.row(id),
      (r) => r.stage === 'COMPLETED' && r.workflow_status === 'COMPLETED',
      eifAt - Date.now() + 15_000,
    );
    expect(row.status).toBe('completed');
    const [completed] = await d.ds.query(`SELECT occurred_at FROM proposal_events WHERE proposal_id = $1 AND type = 'STAGE_CHANGED' AND to_stage = 'COMPLETED'`, [id]);
    expect(new Date(completed.occurred_at).getTime()).toBeGreaterThanOrEqual(eifAt);
    await recordHistory(stack.api.get(Client), proposalWorkflowId(id), 'accession-completed-at-entry-into-force');
  }, 120_000);

  it('continuing as new sends no second assignment email and repeats no reminder or escalation', async () => {
    const client = stack.api.get(Client);
    const continuations = async (id: string) => {
      let n = 0;
      for await (const wf of client.workflow.list({ query: `WorkflowId = '${proposalWorkflowId(id)}'` })) if (wf.status.name === 'CONTINUED_AS_NEW') n += 1;
      return n;
    };
    const settled = async (id: string) => {
      const live = await d.gateway.queryState(id);
      return eventually(
        () => timeline(id),
        (r) => r.length >= live!.eventSeq,
      );
    };
    const noPointTwice = (rows: TimelineRow[]) => {
      const points = rows
        .filter((e) => ['TASK_REMINDED', 'TASK_ESCALATED', 'ACTION_ITEM_REMINDED', 'ACTION_ITEM_ESCALATED'].includes(e.type))
        .map((e) => `${e.type}:${e.data.taskId ?? e.data.itemId}:${e.data.n}`);
      expect(points.length).toBeGreaterThan(0);
      expect(new Set(points).size).toBe(points.length);
    };
    const sentFor = (rows: TimelineRow[], purpose: string) => rows.filter((e) => e.type === 'EMAIL_SENT' && e.data.purpose === purpose).length;

    // The same path twice: once in one run, once continuing as new whenever it is quiet past 40 events.
    const single = await d.driveTo('INTERNAL_REVIEW', org);
    const continued = await d.driveTo('INTERNAL_REVIEW', org, { historyLimits: { continueAsNewAfterEvents: 40, deferActionsAfterEvents: 2_000 } });
    // The division head's review task runs its whole ladder (due, then two escalations), then the proposal goes quiet
    // and continues as new with the task still open.
    for (const id of [single, continued]) {
      await eventually(
        () => timeline(id),
        (r) => r.filter((e) => e.type === 'TASK_ESCALATED').length >= 2,
        20_000,
      );
    }
    await eventually(() => continuations(continued), (n) => n >= 1, 30_000);
    // Time for a resumed run to repeat anything it would repeat.
    await new Promise((r) => setTimeout(r, 10 * DAY_MS));
    const [a, b] = [await settled(single), await settled(continued)];
    expect(await continuations(single)).toBe(0);
    expect(sentFor(b, 'task-assigned')).toBeGreaterThan(0);
    expect(sentFor(b, 'task-assigned')).toBe(sentFor(a, 'task-assigned'));
    noPointTwice(a);
    noPointTwice(b);

    // On to implementation: an action item's ladder across another continuation.
    const before = await continuations(continued);
    for (const s of ['INTERNAL_REVIEW', 'CABINET_REVIEW', 'PARLIAMENT', 'DEPOSIT']) await d.step(continued, s, org);
    await d.act(continued, org.owner, (x) => ({ type: 'add_action_item', actor: x, title: 'Update the ASYCUDA procedure codes', ownerId: org.colleague.id, dueDate: addDays(ulaanbaatarDate(new Date()), 1) }));
    await eventually(
      () => timeline(continued),
      (r) => r.some((e) => e.type === 'ACTION_ITEM_ESCALATED'),
      20_000,
    );
    await eventually(() => continuations(continued), (n) => n > before, 30_000);
    await new Promise((r) => setTimeout(r, 10 * DAY_MS));
    const c = await settled(continued);
    noPointTwice(c);
    // One assignment email for the item, however many runs it lived through.
    const itemMails = sink.messages.filter((m) => m.to.includes(org.colleague.email) && m.text.includes('Update the ASYCUDA procedure codes'));
    expect(itemMails.filter((m) => m.subject.includes('Танд хэрэгжүүлэх ажил оноолоо'))).toHaveLength(1);
    // The timeline stays gap-free across runs.
    expect(c.map((e) => e.seq)).toEqual(Array.from({ length: c.length }, (_, i) => i + 1));
    // The run now waiting began from continue-as-new with open work: its history proves the resume path on replay.
    await recordHistory(client, proposalWorkflowId(continued), 'accession-resumed-after-continue-as-new');
  }, 180_000);
});
