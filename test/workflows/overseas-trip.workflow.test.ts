import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { tripWorkflowId } from '../../libs/contracts';
import { addDays, ProposalEngineState, ulaanbaatarDate } from '../../libs/domain';
import { ProposalActionRefusedError, ProposalWorkflowGateway } from '../../libs/temporal';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { createUserAndLogin, SignedInUser } from '../support/users';

/** The trip workflow through the gateway the API uses: its guards, idempotency and result. */
describe('overseasTrip workflow', () => {
  let stack: AccordStack;
  let gateway: ProposalWorkflowGateway;
  let owner: SignedInUser;

  beforeAll(async () => {
    stack = await startAccordStack({ env: { ACCORD_WORKFLOW_DAY_MS: '60000', TRIP_LEAD_TIME_WORKING_DAYS: '0' } });
    gateway = stack.api.get(ProposalWorkflowGateway);
    await createUserAndLogin(stack, ['division_head']);
    owner = await createUserAndLogin(stack, ['officer']);
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function newTrip(): Promise<string> {
    const res = await owner.http
      .post('/api/v1/trips')
      .send({
        event: { name: 'Bilateral visit', organiser: 'Korea Customs Service', type: 'bilateral_visit' },
        destination: { country: 'KR', city: 'Daejeon' },
        departureDate: addDays(ulaanbaatarDate(new Date()), 20),
        returnDate: addDays(ulaanbaatarDate(new Date()), 22),
        delegateIds: [owner.id],
        costs: [],
        requestId: randomUUID(),
      })
      .expect(201);
    return res.body.id;
  }
  const actor = () => ({ id: owner.id, roles: owner.roles });

  it('runs under trip-<id> with the request as engine data, and refuses system actions from outside', async () => {
    const id = await newTrip();
    const wf = tripWorkflowId(id);
    const state = await eventually(() => gateway.queryState(id, wf), (s) => !!s);
    expect(state).toMatchObject({ stage: 'DRAFT', definitionVersion: 'trip-v1', data: { delegateIds: [owner.id], destination: { city: 'Daejeon' } } });
    for (const action of [{ type: 'expire' }, { type: 'timer_elapsed', stage: 'DRAFT' }]) {
      await expect(gateway.act(id, { requestId: randomUUID(), action: action as never }, wf)).rejects.toBeInstanceOf(ProposalActionRefusedError);
    }
    expect((await gateway.queryState(id, wf))!.stage).toBe('DRAFT');
  });

  it('performs a repeated request once, and returns its final state when cancelled', async () => {
    const id = await newTrip();
    const wf = tripWorkflowId(id);
    await eventually(() => gateway.queryState(id, wf), (s) => !!s);
    const requestId = randomUUID();
    const change = { type: 'change_request' as const, actor: actor(), data: { returnDate: addDays(ulaanbaatarDate(new Date()), 23) } };
    const first = await gateway.act(id, { requestId, action: change }, wf);
    const again = await gateway.act(id, { requestId, action: change }, wf);
    expect(again).toEqual(first);
    const live = await gateway.queryState(id, wf);
    expect(live!.tasks).toHaveLength(1);
    await gateway.act(id, { requestId: randomUUID(), action: { type: 'cancel', actor: actor(), reason: 'Visit postponed by the host' } }, wf);
    const result = (await stack.api.get(Client).workflow.getHandle(wf).result()) as ProposalEngineState;
    expect(result).toMatchObject({ stage: 'CANCELLED', status: 'cancelled' });
  });
});
