import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthorizationService } from '../../apps/api/src/common/authorization/authorization.service';
import { DelegationRepository } from '../../libs/db';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { createUserAndLogin, SignedInUser } from '../support/users';

/**
 * Object-level rules: whose proposal, whose task, whose approval. Refusals answer 404 (not visible) or 403 (not
 * yours) and are audited. The HTTP part drives a real proposal to an open approval task.
 */
describe('object-level authorisation (real Temporal, PostgreSQL)', () => {
  let stack: AccordStack;
  let ds: DataSource;
  let owner: SignedInUser, colleague: SignedInUser, outsider: SignedInUser, head: SignedInUser, lawyer: SignedInUser, leader: SignedInUser;
  let proposalId: string;
  const rid = () => randomUUID();

  const deniedFor = (actorId: string, targetId: string) =>
    ds.query(`SELECT action, status, details, ip FROM audit_events WHERE actor_id = $1 AND target_id = $2 AND outcome = 'denied' ORDER BY id`, [actorId, targetId]);

  beforeAll(async () => {
    stack = await startAccordStack();
    ds = stack.api.get(DataSource);
    head = await createUserAndLogin(stack, ['division_head']);
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    colleague = await createUserAndLogin(stack, ['officer']);
    outsider = await createUserAndLogin(stack, ['officer'], { division: `elsewhere-${randomUUID().slice(0, 6)}` });
    lawyer = await createUserAndLogin(stack, ['legal'], { division: `legal-${randomUUID().slice(0, 6)}` });
    leader = await createUserAndLogin(stack, ['leadership'], { division: null });
    const created = await owner.http
      .post('/api/v1/proposals')
      .send({ kind: 'accession', titleEn: 'Accession to the ATA Convention', titleMn: 'АТА конвенцид нэгдэн орох', conventionCode: 'ATA', requestId: rid() })
      .expect(201);
    proposalId = created.body.id;
  });
  afterAll(() => stack?.close());

  describe('reading and editing a proposal', () => {
    it('an officer of another division gets 404 for a draft, never its data, and the attempt is audited', async () => {
      const res = await outsider.http.get(`/api/v1/proposals/${proposalId}`).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('ATA Convention');
      expect(res.body).toMatchObject({ statusCode: 404, code: 'not_found' });
      const unknown = await outsider.http.get(`/api/v1/proposals/${randomUUID()}`).expect(404);
      expect({ ...unknown.body, requestId: undefined }).toEqual({ ...res.body, requestId: undefined }); // indistinguishable from a missing one
      const rows = await deniedFor(outsider.id, proposalId);
      expect(rows).toContainEqual(expect.objectContaining({ status: 404, ip: expect.stringMatching(/127\.0\.0\.1/) }));
    });

    it('the owner, a colleague of the division and leadership read it', async () => {
      for (const who of [owner, colleague, leader]) {
        const res = await who.http.get(`/api/v1/proposals/${proposalId}`).expect(200);
        expect(res.body.titleEn).toBe('Accession to the ATA Convention');
      }
    });

    it('only the owner edits the draft: a colleague is refused, an outsider sees nothing, leadership changes nothing', async () => {
      await colleague.http.patch(`/api/v1/proposals/${proposalId}`).send({ titleEn: 'Hijacked title', requestId: rid() }).expect((r) => expect([403, 404]).toContain(r.status));
      await outsider.http.patch(`/api/v1/proposals/${proposalId}`).send({ titleEn: 'Hijacked title', requestId: rid() }).expect(404);
      await leader.http.patch(`/api/v1/proposals/${proposalId}`).send({ titleEn: 'Hijacked title', requestId: rid() }).expect(403);
      expect((await owner.http.get(`/api/v1/proposals/${proposalId}`).expect(200)).body.titleEn).toBe('Accession to the ATA Convention');
      expect(await deniedFor(colleague.id, proposalId)).not.toHaveLength(0);
      expect(await deniedFor(outsider.id, proposalId)).not.toHaveLength(0);
    });
  });

  describe('acting on an approval task', () => {
    let task: { id: string; assigneeId: string };

    beforeAll(async () => {
      const upload = (kind: string) =>
        owner.http
          .post(`/api/v1/proposals/${proposalId}/documents`)
          .field('kind', kind)
          .field('requestId', rid())
          .attach('file', Buffer.from(`${kind} ${randomUUID()}`), { filename: `${kind}.pdf`, contentType: 'application/pdf' })
          .expect(201);
      await upload('convention_text');
      await owner.http.post(`/api/v1/proposals/${proposalId}/submit`).send({ requestId: rid() }).expect(200);
      await upload('translation');
      await owner.http.post(`/api/v1/proposals/${proposalId}/complete-stage`).send({ requestId: rid() }).expect(200);
      const res = await eventually(
        () => owner.http.get(`/api/v1/proposals/${proposalId}`),
        (r) => r.body.tasks?.some((t: { status: string; kind: string; assigneeId: string | null }) => t.status === 'open' && t.kind === 'approval' && t.assigneeId),
      );
      task = res.body.tasks.find((t: { status: string; kind: string }) => t.status === 'open' && t.kind === 'approval');
      expect(task.assigneeId).toBe(head.id);
    });

    it('another approver deciding on a task assigned to someone else is refused and audited; nothing moves', async () => {
      const before = (await owner.http.get(`/api/v1/proposals/${proposalId}`).expect(200)).body;
      await lawyer.http.post(`/api/v1/proposals/${proposalId}/decisions`).send({ taskId: task.id, decision: 'approve', requestId: rid() }).expect(403);
      const rows = await deniedFor(lawyer.id, proposalId);
      expect(rows).toContainEqual(expect.objectContaining({ action: 'proposals.decide', status: 403 }));
      const after = (await owner.http.get(`/api/v1/proposals/${proposalId}`).expect(200)).body;
      expect(after.stage).toBe(before.stage);
      expect(after.timeline.filter((e: { actorId: string | null }) => e.actorId === lawyer.id)).toEqual([]);
      expect(after.tasks.find((t: { id: string }) => t.id === task.id)).toMatchObject({ status: 'open', assigneeId: head.id });
    });

    it('the owner cannot approve their own proposal', async () => {
      await owner.http.post(`/api/v1/proposals/${proposalId}/decisions`).send({ taskId: task.id, decision: 'approve', requestId: rid() }).expect(403);
      expect(await deniedFor(owner.id, proposalId)).toContainEqual(expect.objectContaining({ action: 'proposals.decide', status: 403 }));
    });

    it('the assignee can', async () => {
      await head.http.post(`/api/v1/proposals/${proposalId}/decisions`).send({ taskId: task.id, decision: 'approve', requestId: rid() }).expect(200);
    });
  });

  describe('AuthorizationService, as other services call it', () => {
    let authz: AuthorizationService;
    beforeAll(() => {
      authz = stack.api.get(AuthorizationService);
    });

    const status = async (p: Promise<unknown>) => {
      const err = await p.then(() => null, (e: unknown) => e);
      return err instanceof HttpException ? err.getStatus() : err;
    };

    it('segregation of duties: no approving what you created or travel in, in person or as a delegate (403, audited)', async () => {
      const tripId = randomUUID();
      const trip = { type: 'trip', id: tripId, createdBy: owner.id, travellerIds: [colleague.id] };
      expect(await status(authz.assertNotSelfApproval(owner, trip))).toBe(403);
      expect(await status(authz.assertNotSelfApproval(colleague, trip))).toBe(403);
      expect(await status(authz.assertNotSelfApproval(head, trip, owner.id))).toBe(403); // as the creator's delegate
      expect(await status(authz.assertNotSelfApproval(head, trip))).toBeNull();
      const rows = await ds.query(`SELECT actor_id, action, details FROM audit_events WHERE target_id = $1 AND outcome = 'denied' ORDER BY id`, [tripId]);
      expect(rows.map((r: { actor_id: string }) => r.actor_id)).toEqual([owner.id, colleague.id, head.id]);
      expect(rows.every((r: { action: string; details: { reason: string } }) => r.action === 'trip.approve' && r.details.reason === 'self_approval')).toBe(true);
    });

    it('a task is acted on by its assignee or by whoever covers for them today, as a delegate; anyone else gets 404', async () => {
      const taskRef = { id: `task-${randomUUID()}`, assigneeId: head.id };
      expect(await authz.resolveTaskActor(head, taskRef)).toEqual({ actorId: head.id, onBehalfOfId: null });
      expect(await status(authz.resolveTaskActor(colleague, taskRef))).toBe(404);
      await new DelegationRepository(ds).create({
        delegatorId: head.id,
        delegateId: colleague.id,
        startsAt: new Date(Date.now() - 60_000),
        endsAt: new Date(Date.now() + 3600_000),
        reason: 'leave',
        createdBy: head.id,
        createRequestId: null,
      });
      expect(await authz.resolveTaskActor(colleague, taskRef)).toEqual({ actorId: colleague.id, onBehalfOfId: head.id });
      expect(await status(authz.resolveTaskActor(leader, taskRef))).toBe(404);
      const [row] = await ds.query(`SELECT actor_id, details FROM audit_events WHERE target_id = $1 AND outcome = 'denied' ORDER BY id LIMIT 1`, [taskRef.id]);
      expect(row).toMatchObject({ actor_id: colleague.id, details: { reason: 'not_assignee', assigneeId: head.id } });
    });

    it('visibility by owner, division and task; edits by the owner only', async () => {
      const record = { type: 'proposal', id: randomUUID(), ownerId: owner.id, division: owner.division };
      expect(authz.canRead(colleague, record)).toBe(true);
      expect(authz.canRead(outsider, record)).toBe(false);
      expect(authz.canRead(outsider, { ...record, assigneeIds: [outsider.id] })).toBe(true);
      expect(await status(authz.assertCanRead(outsider, record))).toBe(404);
      expect(await status(authz.assertCanEdit(colleague, record))).toBe(403);
      expect(await status(authz.assertCanEdit(leader, record))).toBe(403);
      expect(await status(authz.assertCanEdit(owner, record))).toBeNull();
    });
  });
});
