import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MAX_DOCUMENT_BYTES } from '../../apps/api/src/proposals/document-upload.interceptor';
import { ProposalRepository } from '../../libs/db';
import { entryIntoForceDate, HS_CONVENTION, REVISED_KYOTO_CONVENTION, ulaanbaatarDate } from '../../libs/domain';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { createUserAndLogin, SignedInUser, stackDivision } from '../support/users';

/** The accession lifecycle driven only through the HTTP API, as officers and approvers would. */
describe('accession proposal through the HTTP API (real Temporal, PostgreSQL)', () => {
  let stack: AccordStack;
  let owner: SignedInUser, colleague: SignedInUser, head: SignedInUser, lawyer: SignedInUser, deputy: SignedInUser, chief: SignedInUser;
  let outsider: SignedInUser, leader: SignedInUser, admin: SignedInUser;
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
    admin = await createUserAndLogin(stack, ['admin'], { division: null });
  });
  afterAll(() => stack?.close());

  async function create(conventionCode: string | null = 'RKC'): Promise<string> {
    const res = await owner.http
      .post('/api/v1/proposals')
      .send({ kind: 'accession', titleEn: 'Accession to the Revised Kyoto Convention', titleMn: 'Киотогийн шинэчилсэн конвенцид нэгдэх', ...(conventionCode ? { conventionCode } : {}), requestId: rid() })
      .expect(201);
    return res.body.id;
  }

  function upload(who: SignedInUser, id: string, kind: string, content: string | Buffer = `${kind} ${randomUUID()}`, requestId = rid()) {
    return who.http.post(`/api/v1/proposals/${id}/documents`).field('kind', kind).field('requestId', requestId).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), { filename: `${kind}.pdf`, contentType: 'application/pdf' });
  }

  const db = () => stack.api.get(DataSource);
  const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');
  /** What PostgreSQL holds for the proposal's documents: every version row, and whether these bytes are stored. */
  async function stored(id: string, content: string | Buffer): Promise<{ versions: string[]; bytesStored: boolean }> {
    const rows: Array<{ kind: string; version: number }> = await db().query(`SELECT kind, version FROM documents WHERE proposal_id = $1 ORDER BY kind, version`, [id]);
    const blobs: unknown[] = await db().query(`SELECT 1 FROM document_blobs WHERE sha256 = $1`, [sha256(content)]);
    return { versions: rows.map((r) => `${r.kind}@${r.version}`), bytesStored: blobs.length > 0 };
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
    await post(owner, id, 'parliament-outcome', { outcome: 'ratified', lawNumber: 'XI-45', lawDate: '2026-02-02', annexesAccepted: ['GENERAL', 'A'], reservations: [] }).expect(200);
    const beforeDeposit = await owner.http.get(`/api/v1/proposals/${id}`).expect(200);
    expect(beforeDeposit.body.entryIntoForce).toMatchObject({ status: 'forecast', basis: 'if_deposited_today' });
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
    expect(done.body.entryIntoForce).toMatchObject({ status: 'fixed', basis: 'deposit', conventionCode: 'RKC', depositDate: '2026-03-02', date: '2026-06-02', latestDepositForSameDate: null });
    expect(done.body.entryIntoForce.label.en).toMatch(/^In force for Mongolia from 2026-06-02/);
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

  /** Takes a proposal from DRAFT through the API along the happy path until it is in `stage`. */
  async function driveTo(id: string, stage: string, ratification: Record<string, unknown> = {}): Promise<void> {
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['DRAFT', async () => { await upload(owner, id, 'convention_text').expect(201); await post(owner, id, 'submit').expect(200); }],
      ['TRANSLATION', async () => { await upload(owner, id, 'translation').expect(201); await post(owner, id, 'complete-stage').expect(200); await approveAs(id, head, 'division_head'); }],
      ['RESEARCH', async () => { await upload(owner, id, 'research_report').expect(201); await post(owner, id, 'complete-stage').expect(200); await approveAs(id, head, 'division_head'); }],
      ['COORDINATION', async () => {
        await post(owner, id, 'remarks', { body: 'Ministry of Justice', remarks: 'Check the reservations' }).expect(200);
        await post(owner, id, 'remarks/r1/response', { response: 'Checked' }).expect(200);
        await post(owner, id, 'complete-stage').expect(200);
      }],
      ['INTERNAL_REVIEW', async () => {
        for (const [who, role] of [[head, 'division_head'], [lawyer, 'legal'], [deputy, 'deputy_commissioner'], [chief, 'commissioner_general']] as const) await approveAs(id, who, role);
      }],
      ['CABINET_REVIEW', () => post(owner, id, 'cabinet-outcome', { outcome: 'approved', resolutionNumber: '217', resolutionDate: '2026-01-14' }).expect(200)],
      ['PARLIAMENT', () => post(owner, id, 'parliament-outcome', { outcome: 'ratified', lawNumber: 'XI-45', lawDate: '2026-02-02', ...ratification }).expect(200)],
    ];
    for (const [from, run] of steps) {
      if (from === stage) return;
      await run();
    }
  }

  /** The proposal once the read model holds every event the workflow reported. */
  const settled = (id: string, ok: (body: Record<string, any>) => boolean = () => true) =>
    eventually(
      () => owner.http.get(`/api/v1/proposals/${id}`),
      (r) => !!r.body.live && r.body.timeline?.length === r.body.live.eventSeq && ok(r.body),
    );

  it('a refused upload stores nothing: not the owner nor an assignee, or a proposal that has ended', async () => {
    const id = await create();
    await upload(owner, id, 'convention_text', 'the official text').expect(201);
    const before = await owner.http.get(`/api/v1/proposals/${id}`).expect(200);
    expect(await stored(id, 'the official text')).toEqual({ versions: ['convention_text@1'], bytesStored: true });

    // A colleague of the division reads the proposal but neither owns it nor holds one of its tasks.
    const retried = rid();
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await upload(colleague, id, 'convention_text', 'a colleague’s version', retried).expect(403);
      expect(refused.body.details).toMatchObject({ reason: 'not_your_task', stage: 'DRAFT' });
    }
    expect(await stored(id, 'a colleague’s version')).toEqual({ versions: ['convention_text@1'], bytesStored: false });

    await post(owner, id, 'withdraw', { reason: 'Superseded' }).expect(200);
    const closed = await upload(owner, id, 'convention_text', 'too late').expect(409);
    expect(closed.body.message).toMatch(/withdrawn/);
    expect(await stored(id, 'too late')).toEqual({ versions: ['convention_text@1'], bytesStored: false });
    const after = await owner.http.get(`/api/v1/proposals/${id}`).expect(200);
    expect(after.body.documents).toEqual(before.body.documents);
    // The next accepted upload of the kind on another proposal still numbers from what is really stored.
    const other = await create();
    await upload(colleague, other, 'convention_text', 'refused first').expect(403);
    expect((await upload(owner, other, 'convention_text', 'accepted').expect(201)).body.version).toBe(1);
  });

  it('refuses a document over the size limit with the limit named, and stores nothing', async () => {
    const id = await create();
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61);
    const res = await upload(owner, id, 'convention_text', big).expect(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('25 MB'), details: [{ field: 'file', reason: expect.stringContaining(String(MAX_DOCUMENT_BYTES)) }] });
    expect(await stored(id, big)).toEqual({ versions: [], bytesStored: false });
    const detail = await owner.http.get(`/api/v1/proposals/${id}`).expect(200);
    expect(detail.body.documents).toEqual([]);
  });

  it('shows entry into force as a forecast if deposited today before deposit, and the fixed date after', async () => {
    const today = ulaanbaatarDate(new Date());
    const rkc = await create('RKC');
    const forecast = (await owner.http.get(`/api/v1/proposals/${rkc}`).expect(200)).body.entryIntoForce;
    expect(forecast).toMatchObject({
      status: 'forecast',
      basis: 'if_deposited_today',
      conventionCode: 'RKC',
      depositDate: today,
      date: entryIntoForceDate(REVISED_KYOTO_CONVENTION.entryIntoForce, today),
    });
    expect(forecast.latestDepositForSameDate >= today).toBe(true);
    expect(forecast.label.en).toMatch(/^Forecast: if the instrument is deposited today/);
    expect(forecast.label.mn).toMatch(/^Урьдчилсан тооцоо/);
    expect(forecast.rule.en).toContain('3 month');

    // HS: the 1 January at least 12 months after deposit.
    const hs = await create('HS');
    const hsForecast = (await owner.http.get(`/api/v1/proposals/${hs}`).expect(200)).body.entryIntoForce;
    expect(hsForecast).toMatchObject({ status: 'forecast', date: entryIntoForceDate(HS_CONVENTION.entryIntoForce, today) });
    expect(hsForecast.date).toMatch(/-01-01$/);

    // No convention code: nothing to forecast. A proposal that ended before deposit: no forecast either.
    expect((await owner.http.get(`/api/v1/proposals/${await create(null)}`).expect(200)).body.entryIntoForce).toBeNull();
    await post(owner, rkc, 'withdraw', { reason: 'Superseded' }).expect(200);
    expect((await settled(rkc, (b) => b.stage === 'WITHDRAWN')).body.entryIntoForce).toBeNull();

    const doc = (await stack.http().get('/docs/openapi.json').expect(200)).body;
    expect(doc.components.schemas.ProposalDetailDto.properties.entryIntoForce).toBeDefined();
    expect(doc.components.schemas.EntryIntoForceDto.properties.status.enum).toEqual(['forecast', 'fixed']);
  });

  it('implementation waits for entry into force with every item done; annexes, reservations and reassigned items are kept', async () => {
    const id = await create();
    const reservations = ['Reservation to Recommended Practice 3 of Chapter 1 of Specific Annex B'];
    await driveTo(id, 'DEPOSIT', { annexesAccepted: ['GENERAL', 'A', 'B'], reservations });
    const ratified = await settled(id, (b) => b.stage === 'DEPOSIT');
    expect(ratified.body.details).toMatchObject({ annexesAccepted: ['GENERAL', 'A', 'B'], reservations });
    expect(ratified.body.timeline).toContainEqual(expect.objectContaining({ type: 'PARLIAMENT_RATIFIED', data: expect.objectContaining({ annexesAccepted: ['GENERAL', 'A', 'B'], reservations }) }));

    // Deposited today: entry into force is three months ahead.
    const today = ulaanbaatarDate(new Date());
    const eif = entryIntoForceDate(REVISED_KYOTO_CONVENTION.entryIntoForce, today);
    await post(owner, id, 'deposit', { depositDate: today }).expect(200).expect((r) => expect(r.body.stage).toBe('IMPLEMENTATION'));
    await post(owner, id, 'action-items', { title: 'Amend the customs procedures regulation', ownerId: colleague.id, dueDate: '2027-06-30' }).expect(200);
    await post(owner, id, 'action-items', { title: 'Train the officers', ownerId: colleague.id, dueDate: '2027-06-30' }).expect(200);
    // Reassigned: the new owner completes the item, the previous one no longer can.
    await post(colleague, id, 'action-items/i1/reassign', { assigneeId: head.id }).expect(403);
    await post(owner, id, 'action-items/i1/reassign', { assigneeId: head.id }).expect(200);
    const old = await post(colleague, id, 'action-items/i1/complete').expect(403);
    expect(old.body.details).toMatchObject({ reason: 'not_your_task', stage: 'IMPLEMENTATION' });
    await post(head, id, 'action-items/i1/complete').expect(200);
    await post(colleague, id, 'action-items/i2/complete').expect(200).expect((r) => expect(r.body).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open' }));

    const waiting = await settled(id, (b) => (b.details.actionItems as Array<{ status: string }>).every((i) => i.status === 'done'));
    expect(waiting.body).toMatchObject({ stage: 'IMPLEMENTATION', status: 'open' });
    expect(waiting.body.details.actionItems).toEqual([
      expect.objectContaining({ id: 'i1', ownerId: head.id, status: 'done', completedBy: head.id }),
      expect.objectContaining({ id: 'i2', ownerId: colleague.id, status: 'done', completedBy: colleague.id }),
    ]);
    expect(waiting.body.timeline).toContainEqual(expect.objectContaining({ type: 'ACTION_ITEM_REASSIGNED', data: { itemId: 'i1', from: colleague.id, to: head.id } }));
    expect(waiting.body.entryIntoForce).toMatchObject({ status: 'fixed', depositDate: today, date: eif });
    expect(waiting.body.timeline.some((e: { toStage: string | null }) => e.toStage === 'COMPLETED')).toBe(false);
  });

  it('reassigns an open task: the new assignee decides, the previous one no longer can', async () => {
    const id = await create();
    await driveTo(id, 'TRANSLATION');
    await upload(owner, id, 'translation').expect(201);
    await post(owner, id, 'complete-stage').expect(200);
    const task = await openTask(id, 'division_head');
    expect(task.assigneeId).toBe(head.id);
    await post(colleague, id, `tasks/${task.id}/reassign`, { assigneeId: lawyer.id }).expect(403); // an officer may not
    const self = await post(admin, id, `tasks/${task.id}/reassign`, { assigneeId: owner.id }).expect(403);
    expect(self.body.details.reason).toBe('self_approval');
    await post(admin, id, `tasks/${task.id}/reassign`, { assigneeId: lawyer.id }).expect(200);

    const moved = await settled(id, (b) => b.tasks.some((t: { id: string; assigneeId: string }) => t.id === task.id && t.assigneeId === lawyer.id));
    expect(moved.body.tasks.find((t: { id: string }) => t.id === task.id)).toMatchObject({ status: 'open', assigneeId: lawyer.id });
    expect(moved.body.timeline).toContainEqual(expect.objectContaining({ type: 'TASK_REASSIGNED', data: expect.objectContaining({ taskId: task.id, from: head.id, to: lawyer.id }) }));
    const formerly = await post(head, id, 'decisions', { taskId: task.id, decision: 'approve' }).expect(403);
    expect(formerly.body.details.reason).toBe('not_your_task');
    await post(lawyer, id, 'decisions', { taskId: task.id, decision: 'approve', comment: 'Accepted' }).expect(200)
      .expect((r) => expect(r.body.stage).toBe('RESEARCH'));
  });

  it('edits a draft: title, summary and convention code; an unknown convention code is a 400 listing the known ones', async () => {
    const id = await create();
    await owner.http.patch(`/api/v1/proposals/${id}`)
      .send({ titleEn: 'Accession to the Istanbul Convention', summary: 'Temporary admission of goods', conventionCode: 'ISTANBUL', requestId: rid() })
      .expect(200)
      .expect((r) => expect(r.body).toMatchObject({ stage: 'DRAFT', status: 'open' }));
    const edited = await settled(id, (b) => b.details.fields?.conventionCode === 'ISTANBUL');
    expect(edited.body).toMatchObject({ titleEn: 'Accession to the Istanbul Convention', titleMn: 'Киотогийн шинэчилсэн конвенцид нэгдэх', summary: 'Temporary admission of goods' });
    expect(edited.body.timeline.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'DRAFT_EDITED']);
    expect(edited.body.entryIntoForce).toMatchObject({ status: 'forecast', conventionCode: 'ISTANBUL' });

    await colleague.http.patch(`/api/v1/proposals/${id}`).send({ titleEn: 'Not my draft', requestId: rid() }).expect(403);
    for (const res of [
      await owner.http.patch(`/api/v1/proposals/${id}`).send({ conventionCode: 'NAIROBI', requestId: rid() }).expect(400),
      await owner.http.post('/api/v1/proposals').send({ kind: 'accession', titleEn: 'Accession to the Nairobi Convention', titleMn: 'Найробийн конвенц', conventionCode: 'NAIROBI', requestId: rid() }).expect(400),
    ]) {
      expect(res.body.details).toEqual([{ field: 'conventionCode', reason: expect.stringMatching(/NAIROBI is not in the convention catalogue; known codes: RKC, ISTANBUL, ATA, HS/) }]);
    }
    expect((await owner.http.get(`/api/v1/proposals/${id}`).expect(200)).body.details.fields.conventionCode).toBe('ISTANBUL');

    // After submission the draft is closed to edits: 409 naming the stage.
    await upload(owner, id, 'convention_text').expect(201);
    await post(owner, id, 'submit').expect(200);
    const late = await owner.http.patch(`/api/v1/proposals/${id}`).send({ titleEn: 'Too late now', requestId: rid() }).expect(409);
    expect(late.body.details).toMatchObject({ reason: 'not_allowed_now', stage: 'TRANSLATION' });
  });

  it('checks annexes and reservations against the convention on ratification', async () => {
    const id = await create();
    await driveTo(id, 'PARLIAMENT');
    const ratify = (extra: Record<string, unknown>) => post(owner, id, 'parliament-outcome', { outcome: 'ratified', lawNumber: 'XI-46', lawDate: '2026-02-02', ...extra });
    const unknown = await ratify({ annexesAccepted: ['GENERAL', 'I'] }).expect(400);
    expect(unknown.body.details).toEqual([{ field: 'annexesAccepted', reason: expect.stringMatching(/has no annex I\. Its annexes: GENERAL, A, B, C, D, E, F, G, H, J, K\./) }]);
    expect((await settled(id)).body.stage).toBe('PARLIAMENT');
    await ratify({ annexesAccepted: ['K'], reservations: ['Reservation to Standard 2 of Chapter 1 of Specific Annex K'] }).expect(200);
    const hs = await create('HS');
    await driveTo(hs, 'PARLIAMENT');
    const noReservations = await post(owner, hs, 'parliament-outcome', { outcome: 'ratified', lawNumber: 'XI-47', lawDate: '2026-02-02', reservations: ['Any'] }).expect(400);
    expect(noReservations.body.details).toEqual([{ field: 'reservations', reason: expect.stringMatching(/permits no reservations/) }]);
  });

  it('filters the list by kind, owner, division and overdue, and pages by due date and last update in order', async () => {
    const tag = `list-${randomUUID().slice(0, 8)}`;
    const division = stackDivision(stack);
    const repo = new ProposalRepository(db());
    /** A read-model row only (lists read nothing else), with a due date `dueInDays` from now and an update `updatedMinutesAgo`. */
    const row = async (name: string, kind: string, who: SignedInUser, dueInDays: number | null, updatedMinutesAgo: number) => {
      const id = randomUUID();
      await repo.insertDraftOnce({
        id, kind, titleEn: `${tag} ${name}`, titleMn: `${tag} ${name}`, summary: '', ownerId: who.id, division: who.division, stage: 'DRAFT',
        workflowId: `proposal-${id}`, definitionVersion: `${kind}-v1`, details: {}, createRequestId: `${tag}:${name}`,
      });
      await db().query(
        `UPDATE proposals SET due_at = CASE WHEN $2::int IS NULL THEN NULL ELSE now() + make_interval(days => $2::int) END, updated_at = now() - make_interval(mins => $3::int) WHERE id = $1`,
        [id, dueInDays, updatedMinutesAgo],
      );
      return id;
    };
    const r1 = await row('r1', 'accession', owner, -2, 10);
    const r2 = await row('r2', 'accession', colleague, 5, 8);
    const r3 = await row('r3', 'trip', owner, 1, 6);
    const r4 = await row('r4', 'accession', outsider, -1, 4);
    const r5 = await row('r5', 'accession', owner, null, 2);
    const ids = async (who: SignedInUser, query: Record<string, unknown>) =>
      ((await who.http.get('/api/v1/proposals').query({ q: tag, ...query }).expect(200)).body.items as Array<{ id: string }>).map((p) => p.id).sort();
    const sorted = (...xs: string[]) => [...xs].sort();

    expect(await ids(leader, { kind: 'trip' })).toEqual([r3]);
    expect(await ids(leader, { kind: 'accession' })).toEqual(sorted(r1, r2, r4, r5));
    expect(await ids(leader, { ownerId: colleague.id })).toEqual([r2]);
    expect(await ids(leader, { division: outsider.division })).toEqual([r4]);
    expect(await ids(leader, { division })).toEqual(sorted(r1, r2, r3, r5));
    expect(await ids(leader, { overdue: 'true' })).toEqual(sorted(r1, r4));
    expect(await ids(leader, { overdue: 'false' })).toEqual(sorted(r2, r3, r5));
    expect(await ids(leader, { overdue: 'true', kind: 'accession', division })).toEqual([r1]);
    // Filters never widen what a person sees: the outsider asking for the division still sees none of it.
    expect(await ids(outsider, { division })).toEqual([]);
    await leader.http.get('/api/v1/proposals').query({ overdue: 'maybe' }).expect(400);
    await leader.http.get('/api/v1/proposals').query({ kind: 'treaty' }).expect(400);

    /** Every page in turn, two at a time, following nextCursor. */
    const pages = async (sort: string, order: string) => {
      const out: string[][] = [];
      let cursor: string | undefined;
      do {
        const res = await leader.http.get('/api/v1/proposals').query({ q: tag, sort, order, limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
        out.push(res.body.items.map((p: { id: string }) => p.id));
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor && out.length < 10);
      return out;
    };
    // Due date: soonest first, or latest first; a proposal without a due date comes last either way.
    expect(await pages('dueAt', 'asc')).toEqual([[r1, r4], [r3, r2], [r5]]);
    expect(await pages('dueAt', 'desc')).toEqual([[r2, r3], [r4, r1], [r5]]);
    expect(await pages('updatedAt', 'desc')).toEqual([[r5, r4], [r3, r2], [r1]]);
    expect(await pages('updatedAt', 'asc')).toEqual([[r1, r2], [r3, r4], [r5]]);
  });

  it('documents every proposal route’s errors in OpenAPI with one error body and an example', async () => {
    const doc = (await stack.http().get('/docs/openapi.json').expect(200)).body;
    const body = doc.components.schemas.ApiErrorBodyDto;
    expect(body.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'code', 'message', 'messageMn']));
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['details', 'requestId']));
    const routes = Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string }; examples?: Record<string, { value: unknown }> }> }> }>>)
      .filter(([path]) => path.startsWith('/api/v1/proposals'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, method, path, responses: op.responses })));
    expect(routes.length).toBeGreaterThanOrEqual(18);
    const missing: string[] = [];
    for (const { route, method, path, responses } of routes) {
      // Every action on one proposal (a POST or PATCH under /{id}) can also be refused (403) and not be allowed now (409).
      const action = method !== 'get' && path.includes('{id}');
      for (const status of ['400', '404', ...(action ? ['403', '409'] : [])]) {
        const json = responses[status]?.content?.['application/json'];
        if (!json) { missing.push(`${route} ${status}`); continue; }
        expect(json.schema?.$ref).toBe('#/components/schemas/ApiErrorBodyDto');
        const example = Object.values(json.examples ?? {})[0]?.value as Record<string, unknown> | undefined;
        expect(example).toMatchObject({ statusCode: Number(status), error: expect.any(String), code: expect.any(String), message: expect.any(String), messageMn: expect.any(String) });
      }
    }
    expect(missing).toEqual([]);
    const conflict = doc.paths['/api/v1/proposals/{id}/submit'].post.responses['409'].content['application/json'].examples;
    expect(Object.values(conflict)[0]).toMatchObject({ value: { details: { stage: 'DRAFT' } } });
  });
});
