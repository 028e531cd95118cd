import { createHash, randomUUID } from 'node:crypto';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { createUserAndLogin, SignedInUser } from '../support/users';

/** The accession lifecycle driven only through the HTTP API, as officers and approvers would. */
describe('accession proposal through the HTTP API (real Temporal, PostgreSQL)', () => {
  let stack: AccordStack;
  let owner: SignedInUser, colleague: SignedInUser, head: SignedInUser, lawyer: SignedInUser, deputy: SignedInUser, chief: SignedInUser;
  let outsider: SignedInUser, leader: SignedInUser;
  const rid = () => randomUUID();

  beforeAll(async () => {
    stack = await startAccordStack();
    chief = await createUserAndLogin(stack, ['commissioner_general']);
    deputy = await createUserAndLogin(stack, ['deputy_commissioner'], { supervisorId: chief.id });
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id });
    lawyer = await createUserAndLogin(stack, ['legal'], { supervisorId: deputy.id });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    colleague = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    outsider = await createUserAndLogin(stack, ['officer'], { division: `elsewhere-${randomUUID().slice(0, 6)}` });
    leader = await createUserAndLogin(stack, ['leadership'], { division: null });
  });
  afterAll(() => stack?.close());

  async function create(): Promise<string> {
    const res = await owner.http
      .post('/api/v1/proposals')
      .send({ kind: 'accession', titleEn: 'Accession to the Revised Kyoto Convention', titleMn: 'Киотогийн шинэчилсэн конвенцид нэгдэх', conventionCode: 'RKC', requestId: rid() })
      .expect(201);
    return res.body.id;
  }

  function upload(who: SignedInUser, id: string, kind: string, content = `${kind} ${randomUUID()}`) {
    return who.http.post(`/api/v1/proposals/${id}/documents`).field('kind', kind).field('requestId', rid()).attach('file', Buffer.from(content), { filename: `${kind}.pdf`, contentType: 'application/pdf' });
  }

  const post = (who: SignedInUser, id: string, path: string, body: Record<string, unknown> = {}) => who.http.post(`/api/v1/proposals/${id}/${path}`).send({ requestId: rid(), ...body });

  async function openTask(id: string, role: string): Promise<{ id: string; assigneeId: string }> {
    const res = await eventually(
      () => owner.http.get(`/api/v1/proposals/${id}`),
      // The read model must have caught up first: until then it may still show the previous stage's task as open.
      (r) => !!r.body.live && r.body.timeline?.length === r.body.live.eventSeq && r.body.tasks?.some((t: { status: string; role: string; assigneeId: string | null }) => t.status === 'open' && t.role === role && t.assigneeId),
    );
    return res.body.tasks.find((t: { status: string; role: string }) => t.status === 'open' && t.role === role);
  }

  async function approveAs(id: string, who: SignedInUser, role: string) {
    const task = await openTask(id, role);

    expect(task.assigneeId).toBe(who.id);
    await post(who, id, 'decisions', { taskId: task.id, decision: 'approve', comment: 'Agreed' }).expect(200);
  }

  it('goes through every stage to COMPLETED with the timeline complete', async () => {
    const id = await create();
    await upload(owner, id, 'convention_text').expect(201);
    await post(owner, id, 'submit').expect(200)
      .expect((r) => expect(r.body).toMatchObject({ stage: 'TRANSLATION', status: 'open', eventSeq: expect.any(Number) }));
    await upload(owner, id, 'translation').expect(201);
    await post(owner, id, 'complete-stage', { comment: 'Translated with annexes' }).expect(200);
    await approveAs(id, head, 'division_head');
    await upload(owner, id, 'research_report').expect(201);
    await post(owner, id, 'complete-stage').expect(200);
    await approveAs(id, head, 'division_head');
    await post(owner, id, 'remarks', { body: 'Ministry of Finance', remarks: 'Estimate the budget impact', replyDeadline: '2026-12-15' }).expect(200);
    await post(owner, id, 'remarks/r1/response', { response: 'Estimate added to section 4' }).expect(200);
    const csv = await owner.http.get(`/api/v1/proposals/${id}/remarks.csv`).expect(200);
    expect(csv.text).toContain('"Ministry of Finance","Estimate the budget impact","2026-12-15","Estimate added to section 4"');
    await post(owner, id, 'complete-stage').expect(200);
    await approveAs(id, head, 'division_head');
    await approveAs(id, lawyer, 'legal');
    await approveAs(id, deputy, 'deputy_commissioner');
    await approveAs(id, chief, 'commissioner_general');
    await post(owner, id, 'cabinet-outcome', { outcome: 'approved', resolutionNumber: '217', resolutionDate: '2026-01-14' }).expect(200);
    await post(owner, id, 'parliament-outcome', { outcome: 'ratified', lawNumber: 'XI-45', lawDate: '2026-02-02', annexesAccepted: ['GA', 'A'], reservations: [] }).expect(200);
    await post(owner, id, 'deposit', { depositDate: '2026-03-02' }).expect(200)
      .expect((r) => expect(r.body).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open', eventSeq: expect.any(Number) }));
    await post(owner, id, 'action-items', { title: 'Amend the customs procedures regulation', ownerId: colleague.id, dueDate: '2026-12-31' }).expect(200);
    await post(colleague, id, 'action-items/i1/complete').expect(200);

    // The read model catches up event by event: wait until it holds every event the workflow reported.
    const done = await eventually(
      () => owner.http.get(`/api/v1/proposals/${id}`),
      (r) => r.body.stage === 'COMPLETED' && !!r.body.live && r.body.timeline.length === r.body.live.eventSeq,
    );
    expect(done.body).toMatchObject({ stage: 'COMPLETED', status: 'completed', workflowStatus: 'COMPLETED' });
    const timeline = done.body.timeline as Array<{ seq: number; type: string; fromStage: string; toStage: string }>;
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
    expect(timeline.filter((e) => e.type === 'STAGE_CHANGED').map((e) => e.toStage)).toEqual([
      'TRANSLATION', 'RESEARCH', 'COORDINATION', 'INTERNAL_REVIEW', 'CABINET_REVIEW', 'PARLIAMENT', 'DEPOSIT', 'IMPLEMENTATION', 'COMPLETED',
    ]);
    expect(timeline.filter((e) => e.type === 'APPROVED')).toHaveLength(6);
    expect(done.body.details).toMatchObject({ deposit: { depositDate: '2026-03-02', entryIntoForce: '2026-06-02' }, fields: { cabinetResolutionNumber: '217', lawNumber: 'XI-45' } });
    expect(done.body.tasks.every((t: { status: string }) => t.status !== 'open')).toBe(true);
    expect(done.body.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(['convention_text', 'research_report', 'translation']);
  });

  it('refuses invalid actions with the reason and changes nothing', async () => {
    const id = await create();
    const missing = await post(owner, id, 'submit').expect(409);
    expect(missing.body).toMatchObject({ code: 'conflict', details: { reason: 'missing_requirement', stage: 'DRAFT', missing: ['document:convention_text'] } });
    const wrongStage = await post(owner, id, 'cabinet-outcome', { outcome: 'approved', resolutionNumber: '1', resolutionDate: '2026-01-01' }).expect(409);
    expect(wrongStage.body.message).toMatch(/not allowed in stage DRAFT/);
    const notOwner = await post(colleague, id, 'withdraw', { reason: 'Not mine to withdraw' }).expect(403);
    expect(notOwner.body.details).toMatchObject({ reason: 'not_your_task' });
    const badBody = await post(owner, id, 'decisions', { taskId: 'x', decision: 'maybe' }).expect(400);
    expect(badBody.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'decision' })]));
    await owner.http.post(`/api/v1/proposals/${id}/submit`).send({}).expect(400); // no request id
    const after = await owner.http.get(`/api/v1/proposals/${id}`).expect(200);
    expect(after.body.stage).toBe('DRAFT');
    expect(after.body.timeline.map((e: { type: string }) => e.type)).toEqual(['CREATED']);
  });

  it('approvers act only on their own tasks; nobody approves their own proposal', async () => {
    const id = await create();
    await upload(owner, id, 'convention_text').expect(201);
    await post(owner, id, 'submit').expect(200);
    await upload(owner, id, 'translation').expect(201);
    await post(owner, id, 'complete-stage').expect(200);
    const task = await openTask(id, 'division_head');
    const other = await post(lawyer, id, 'decisions', { taskId: task.id, decision: 'approve' }).expect(403);
    expect(other.body.details.reason).toBe('not_your_task');
    const self = await post(owner, id, 'decisions', { taskId: task.id, decision: 'approve' }).expect(403);
    expect(self.body.details.reason).toBe('self_approval');
    // Request changes back to DRAFT, with a comment; then the owner can go forward again.
    await post(head, id, 'decisions', { taskId: task.id, decision: 'request_changes', returnToStage: 'DRAFT', comment: 'Attach the official text' }).expect(200)
      .expect((r) => expect(r.body).toMatchObject({ stage: 'DRAFT', status: 'open', eventSeq: expect.any(Number) }));
    await post(owner, id, 'submit').expect(200);
  });

  it('hides proposals from other divisions (404), shows them to leadership, and leadership cannot act', async () => {
    const id = await create();
    await outsider.http.get(`/api/v1/proposals/${id}`).expect(404);
    await post(outsider, id, 'withdraw', { reason: 'probing' }).expect(404);
    await leader.http.get(`/api/v1/proposals/${id}`).expect(200);
    await post(leader, id, 'withdraw', { reason: 'not allowed' }).expect(403);
    const list = await outsider.http.get('/api/v1/proposals').query({ q: 'Kyoto' }).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('withdraws from a later stage; closed proposals refuse further actions with 409', async () => {
    const id = await create();
    await upload(owner, id, 'convention_text').expect(201);
    await post(owner, id, 'submit').expect(200);
    await post(owner, id, 'withdraw', { reason: 'Superseded by the regional agreement' }).expect(200)
      .expect((r) => expect(r.body).toMatchObject({ stage: 'WITHDRAWN', status: 'withdrawn', eventSeq: expect.any(Number) }));
    const again = await post(owner, id, 'submit').expect(409);
    expect(again.body.message).toMatch(/withdrawn/);
  });

  it('keeps every upload as a new version and serves the exact bytes back', async () => {
    const id = await create();
    const first = await upload(owner, id, 'convention_text', 'version one').expect(201);
    const second = await upload(owner, id, 'convention_text', 'version two').expect(201);
    expect([first.body.version, second.body.version]).toEqual([1, 2]);
    const dl = await owner.http.get(`/api/v1/proposals/${id}/documents/${first.body.id}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((dl.body as Buffer).toString()).toBe('version one');
    expect(dl.headers['x-content-sha256']).toBe(createHash('sha256').update('version one').digest('hex'));
    await owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'translation').field('requestId', rid())
      .attach('file', Buffer.from('MZ...'), { filename: 'x.exe', contentType: 'application/x-msdownload' }).expect(400);
    await owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', 'nonsense').field('requestId', rid())
      .attach('file', Buffer.from('x'), { filename: 'x.pdf', contentType: 'application/pdf' }).expect(400);
  });

  it('lists with filters and keyset pagination', async () => {
    const ids = [await create(), await create(), await create()];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await owner.http.get('/api/v1/proposals').query({ limit: 2, sort: 'createdAt', order: 'asc', ...(cursor ? { cursor } : {}) }).expect(200);
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    const drafts = await owner.http.get('/api/v1/proposals').query({ stage: 'DRAFT', q: 'Киото' }).expect(200);
    expect(drafts.body.items.every((p: { stage: string }) => p.stage === 'DRAFT')).toBe(true);
    await owner.http.get('/api/v1/proposals').query({ cursor: 'garbage!' }).expect(400);
    await owner.http.get('/api/v1/proposals').query({ sort: 'title; DROP TABLE proposals' }).expect(400);
  });
});
