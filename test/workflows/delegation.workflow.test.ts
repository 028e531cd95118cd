import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DelegationResult, delegationStateQuery, delegationWorkflowId } from '../../libs/contracts';
import { DelegationRepository } from '../../libs/db';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { recordHistory } from '../support/history-recorder';
import { ReceivedMail, SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

const LINK = /\/api\/v1\/actions\/([A-Za-z0-9_-]{20,})/g;

interface TimelineEvent {
  type: string;
  actorId: string | null;
  onBehalfOfId: string | null;
  data: { taskId?: string; from?: string; to?: string };
}
interface TaskView {
  id: string;
  kind: string;
  status: string;
  assigneeId: string | null;
  onBehalfOfId: string | null;
}

/**
 * A delegation is a workflow of its own (`delegation-<id>`): it moves the delegator's open tasks when the period
 * starts, not when the request is made, and hands the undecided ones back when it ends or is revoked. Real SMTP on
 * loopback, real Temporal, real PostgreSQL.
 */
describe('delegation hand-over and hand-back, end to end', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let client: Client;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: smtp.env() });
    client = stack.api.get(Client);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  /** A division of its own (one head, one officer) and a stand-in from another division. */
  async function world() {
    const division = `deleg-${randomUUID().slice(0, 8)}`;
    const head = await createUserAndLogin(stack, ['division_head'], { division, language: 'en' });
    const owner = await createUserAndLogin(stack, ['officer'], { division, supervisorId: head.id });
    const stand = await createUserAndLogin(stack, ['division_head'], { division: `standin-${randomUUID().slice(0, 8)}`, language: 'en' });
    return { head, owner, stand };
  }

  /** A new proposal whose translation waits for the division head's acceptance; returns it with the head's email. */
  async function taskFor(owner: SignedInUser, head: SignedInUser): Promise<{ id: string; first: ReceivedMail }> {
    const created = await owner.http
      .post('/api/v1/proposals')
      .send({ kind: 'accession', titleEn: `Istanbul Convention ${randomUUID().slice(0, 6)}`, titleMn: 'Истанбулын конвенц', conventionCode: 'ISTANBUL', requestId: randomUUID() })
      .expect(201);
    const id = created.body.id;
    for (const [kind, action] of [['convention_text', 'submit'], ['translation', 'complete-stage']]) {
      await owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', kind).field('requestId', randomUUID()).attach('file', Buffer.from(kind), { filename: `${kind}.pdf`, contentType: 'application/pdf' }).expect(201);
      await owner.http.post(`/api/v1/proposals/${id}/${action}`).send({ requestId: randomUUID() }).expect(200);
    }
    const first = await smtp.waitFor((m) => m.to.includes(head.email) && /Action needed/.test(m.subject) && m.text.includes(id));
    // The read model holds the task with the head (what a delegation's start reads).
    await eventually(() => approval(owner, id), (t) => t?.assigneeId === head.id);
    return { id, first };
  }

  const view = async (who: SignedInUser, id: string) => (await who.http.get(`/api/v1/proposals/${id}`).expect(200)).body as { stage: string; tasks: TaskView[]; timeline: TimelineEvent[] };
  const approval = async (who: SignedInUser, id: string) => (await view(who, id)).tasks.find((t) => t.kind === 'approval' && t.status === 'open');
  const reassignments = async (who: SignedInUser, id: string) => (await view(who, id)).timeline.filter((e) => e.type === 'TASK_REASSIGNED');
  const taskMails = (u: SignedInUser, id: string) => smtp.messages.filter((m) => m.to.includes(u.email) && /Action needed/.test(m.subject) && m.text.includes(id));
  const links = (m: ReceivedMail) => [...new Set([...m.text.matchAll(LINK)].map((x) => x[1]))];
  const linkStatus = async (token: string) => (await stack.http().get(`/api/v1/actions/${token}`)).status;
  const delegate = (from: SignedInUser, to: SignedInUser, startsInMs: number, endsInMs: number, requestId = randomUUID()) => {
    const now = Date.now();
    const body = { delegateId: to.id, startsAt: new Date(now + startsInMs).toISOString(), endsAt: new Date(now + endsInMs).toISOString(), reason: 'Leave', requestId };
    return { body, send: () => from.http.post('/api/v1/delegations').send(body) };
  };
  const result = (delegationId: string) => client.workflow.getHandle(delegationWorkflowId(delegationId)).result() as Promise<DelegationResult>;

  it('a delegation that starts later moves the open task only then (new links, old ones revoked), and its end hands it back', async () => {
    const { head, owner, stand } = await world();
    const { id, first } = await taskFor(owner, head);
    const [oldLink] = links(first);

    const d = delegate(head, stand, 5_000, 14_000);
    const made = await d.send().expect(201);
    const startsAt = Date.parse(d.body.startsAt);
    const wf = client.workflow.getHandle(delegationWorkflowId(made.body.id));
    expect((await wf.query(delegationStateQuery)).phase).toBe('waiting');

    // Before the start nothing moves: the head keeps the task and a working link; the stand-in has no email.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(Date.now()).toBeLessThan(startsAt);
    expect(await approval(owner, id)).toMatchObject({ assigneeId: head.id, onBehalfOfId: null });
    expect(await linkStatus(oldLink)).toBe(200);
    expect(taskMails(stand, id)).toHaveLength(0);

    // At the start: the stand-in gets the task on the head's behalf, with working links; the head's link is revoked.
    const second = await smtp.waitFor((m) => m.to.includes(stand.email) && m.text.includes(id), 20_000);
    expect(second.receivedAt.getTime()).toBeGreaterThanOrEqual(startsAt);
    expect(second.text).toMatch(/on behalf of/i);
    const [standLink] = links(second);
    expect(await linkStatus(standLink)).toBe(200);
    await eventually(() => linkStatus(oldLink), (st) => st === 410);
    expect(await eventually(() => approval(owner, id), (t) => t?.assigneeId === stand.id)).toMatchObject({ assigneeId: stand.id, onBehalfOfId: head.id });

    // The period ends with the task undecided: it returns to the head, with a new email; the stand-in's link dies.
    const back = await smtp.waitFor((m) => m.to.includes(head.email) && /Action needed/.test(m.subject) && m.text.includes(id) && m.messageId !== first.messageId, 25_000);
    expect(back.receivedAt.getTime()).toBeGreaterThanOrEqual(Date.parse(d.body.endsAt));
    const [headLink] = links(back);
    expect(await linkStatus(headLink)).toBe(200);
    await eventually(() => linkStatus(standLink), (st) => st === 410);
    expect(await eventually(() => approval(owner, id), (t) => t?.assigneeId === head.id)).toMatchObject({ assigneeId: head.id, onBehalfOfId: null });

    const moves = await eventually(() => reassignments(owner, id), (r) => r.length >= 2);
    expect(moves).toEqual([
      expect.objectContaining({ actorId: head.id, onBehalfOfId: head.id, data: expect.objectContaining({ from: head.id, to: stand.id }) }),
      expect.objectContaining({ actorId: head.id, onBehalfOfId: null, data: expect.objectContaining({ from: stand.id, to: head.id }) }),
    ]);
    const done = await result(made.body.id);
    expect(done).toMatchObject({ endedBy: 'expired', revoked: false, moved: [expect.objectContaining({ proposalId: id })], returned: [expect.objectContaining({ proposalId: id, outcome: { returnedTo: head.id, onBehalfOfId: null } })] });
    await recordHistory(client, delegationWorkflowId(made.body.id), 'delegation-handed-over-and-back');
  }, 60_000);

  it('a delegation revoked before it starts moves nothing', async () => {
    const { head, owner, stand } = await world();
    const { id, first } = await taskFor(owner, head);
    const d = delegate(head, stand, 4_000, 86_400_000);
    const made = await d.send().expect(201);
    await head.http.post(`/api/v1/delegations/${made.body.id}/revoke`).send({}).expect(200);
    expect(await result(made.body.id)).toMatchObject({ endedBy: 'revoked_before_start', moved: [], returned: [] });

    // Past the moment it would have started: the head still holds the task and its link works.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(d.body.startsAt) + 1_500 - Date.now())));
    expect(await approval(owner, id)).toMatchObject({ assigneeId: head.id, onBehalfOfId: null });
    expect(await linkStatus(links(first)[0])).toBe(200);
    expect(taskMails(stand, id)).toHaveLength(0);
    expect(await reassignments(owner, id)).toHaveLength(0);
    await recordHistory(client, delegationWorkflowId(made.body.id), 'delegation-revoked-before-start');
  });

  it('a create whose workflow never started is healed by its retry, which moves the task once; revocation hands it back', async () => {
    const { head, owner, stand } = await world();
    const { id, first } = await taskFor(owner, head);
    const d = delegate(head, stand, -60_000, 7 * 86_400_000);

    // The first request stored the row, then lost Temporal before starting the workflow.
    const lost = await new DelegationRepository(stack.api.get(DataSource)).create({
      delegatorId: head.id,
      delegateId: stand.id,
      startsAt: new Date(d.body.startsAt),
      endsAt: new Date(d.body.endsAt),
      reason: 'Leave',
      createdBy: head.id,
      createRequestId: `${head.id}:${d.body.requestId}`,
    });
    expect(lost.outcome).toBe('created');
    await expect(client.workflow.getHandle(delegationWorkflowId(lost.delegation.id)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

    // Its retry (same requestId) answers `existing` and starts the workflow; more retries change nothing.
    expect((await d.send().expect(200)).body.id).toBe(lost.delegation.id);
    await smtp.waitFor((m) => m.to.includes(stand.email) && m.text.includes(id), 20_000);
    expect((await d.send().expect(200)).body.id).toBe(lost.delegation.id);
    await eventually(() => approval(owner, id), (t) => t?.assigneeId === stand.id);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await reassignments(owner, id)).toHaveLength(1);
    expect(taskMails(stand, id)).toHaveLength(1);

    // Revoked while in force: the undecided task goes back to the head at once, with a new email.
    await head.http.post(`/api/v1/delegations/${lost.delegation.id}/revoke`).send({}).expect(200);
    await smtp.waitFor((m) => m.to.includes(head.email) && /Action needed/.test(m.subject) && m.text.includes(id) && m.messageId !== first.messageId, 20_000);
    expect(await eventually(() => approval(owner, id), (t) => t?.assigneeId === head.id)).toMatchObject({ assigneeId: head.id, onBehalfOfId: null });
    expect(await result(lost.delegation.id)).toMatchObject({ endedBy: 'revoked', returned: [expect.objectContaining({ outcome: { returnedTo: head.id, onBehalfOfId: null } })] });
    // A second revocation is harmless (the workflow has ended).
    await head.http.post(`/api/v1/delegations/${lost.delegation.id}/revoke`).send({}).expect(200);
    expect(await reassignments(owner, id)).toHaveLength(2);
  });
});
