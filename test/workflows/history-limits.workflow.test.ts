import { Client } from '@temporalio/client';
import { proposalWorkflowId } from '../../libs/contracts';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { Organisation, seedOrganisation } from '../support/organisation.fixture';
import { ProposalDriver } from '../support/proposal-driver';

/**
 * A burst of actions must not keep a proposal from continuing as new: past the second limit the workflow defers new
 * actions (refused at once, retried by the gateway) until it has. Limits are lowered here so a burst of a few hundred
 * actions shows what thousands would in production (defaults: 2,000 and 5,000 events).
 */
describe('history limits under a burst of actions (real Temporal dev server and PostgreSQL)', () => {
  let stack: AccordStack;
  let org: Organisation;
  let d: ProposalDriver;

  beforeAll(async () => {
    stack = await startAccordStack();
    d = new ProposalDriver(stack);
    org = await seedOrganisation(d.ds);
  });
  afterAll(() => stack?.close());

  it('a continuous stream of 300 actions, 24 in flight: every one applied once, no run past its limit, the timeline whole', async () => {
    const limits = { continueAsNewAfterEvents: 150, deferActionsAfterEvents: 250 };
    const id = await d.create(org.owner, 'RKC', { historyLimits: limits });
    const total = 300;
    const inFlight = 24;
    let next = 0;
    const results: Array<{ eventSeq: number }> = [];
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) {
          next += 1;
          results.push(await d.attach(id, org.owner, 'convention_text'));
        }
      }),
    );
    expect(results).toHaveLength(total);

    const client = stack.api.get(Client);
    const workflowId = proposalWorkflowId(id);
    const runs: Array<{ runId: string; status: string; events: number }> = [];
    for await (const wf of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
      const run = await client.workflow.getHandle(workflowId, wf.runId).describe();
      runs.push({ runId: wf.runId, status: wf.status.name, events: run.historyLength });
    }
    // Without deferral one run would take the whole stream (well over 1,000 events); with it, none goes far past the
    // second limit (what was already in flight when deferral began still lands).
    expect(Math.max(...runs.map((r) => r.events))).toBeLessThan(limits.deferActionsAfterEvents + 200);
    // Several runs, each closed by continue-as-new except the one still waiting.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.filter((r) => r.status === 'RUNNING')).toHaveLength(1);
    expect(runs.filter((r) => r.status !== 'RUNNING').every((r) => r.status === 'CONTINUED_AS_NEW')).toBe(true);

    // Every action landed exactly once, across runs: 300 attachments, and a timeline with no gap and no duplicate.
    const state = await d.gateway.queryState(id);
    expect(state!.documents.filter((doc) => doc.kind === 'convention_text')).toHaveLength(total);
    const timeline = await d.settledTimeline(id);
    expect(timeline.length).toBeGreaterThanOrEqual(state!.eventSeq);
    expect(timeline.map((e) => e.seq)).toEqual(Array.from({ length: timeline.length }, (_, i) => i + 1));
    expect(timeline.filter((e) => e.type === 'DOCUMENT_ADDED')).toHaveLength(total);
  }, 180_000);
});
