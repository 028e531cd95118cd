import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { requestScopedId } from '../../apps/api/src/proposals/request-scoped-id';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { createUserAndLogin, SignedInUser } from '../support/users';

describe('first proposal through the whole stack (HTTP -> Temporal -> worker -> PostgreSQL)', () => {
  let stack: AccordStack;
  let officer: SignedInUser;
  beforeAll(async () => {
    stack = await startAccordStack();
    officer = await createUserAndLogin(stack, ['officer']);
  });
  afterAll(() => stack?.close());

  const draft = { kind: 'accession', titleEn: 'Accession to the Revised Kyoto Convention', titleMn: 'Киотогийн шинэчилсэн конвенцид нэгдэх' };

  it('reports PostgreSQL and Temporal healthy', async () => {
    const res = await stack.http().get('/health').expect(200);
    expect(res.body.info).toMatchObject({ postgres: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('stores the draft, starts its workflow, and shows the status the workflow reported', async () => {
    const created = await officer.http.post('/api/v1/proposals').send(draft).expect(201);
    expect(created.body).toMatchObject({ kind: 'accession', stage: 'DRAFT', workflowId: `proposal-${created.body.id}` });

    const res = await eventually(
      () => officer.http.get(`/api/v1/proposals/${created.body.id}`),
      (r) => r.body.workflowStatus === 'RUNNING',
    );
    expect(res.status).toBe(200);
    expect(res.body.workflowStatus).toBe('RUNNING');
    expect(res.body.timeline).toEqual([expect.objectContaining({ seq: 1, type: 'CREATED', toStage: 'DRAFT' })]);
    expect(res.body.live).toMatchObject({ stage: 'DRAFT', status: 'open', eventSeq: 1 });
  });

  it('a retried create (same request id) returns the same proposal and starts no second workflow', async () => {
    const body = { ...draft, requestId: `retry-${Date.now()}` };
    const first = await officer.http.post('/api/v1/proposals').send(body).expect(201);
    const again = await officer.http.post('/api/v1/proposals').send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);

    const viaHeader = await officer.http.post('/api/v1/proposals').set('Idempotency-Key', `hdr-${Date.now()}`).send(draft).expect(201);
    expect(viaHeader.body.id).not.toBe(first.body.id);

    const client = stack.api.get(require('@temporalio/client').Client);
    const runs = [];
    for await (const wf of client.workflow.list({ query: `WorkflowId = 'proposal-${first.body.id}'` })) runs.push(wf);
    expect(runs).toHaveLength(1);
  });

  it('a create whose row cannot be stored ends the workflow it started, and its retry succeeds', async () => {
    // The row insert and the workflow start run at the same time; a real PostgreSQL trigger refuses this one insert.
    const ds = stack.api.get(DataSource);
    const title = `Refused by the database ${Date.now()}`;
    const fn = `refuse_${Date.now()}`;
    await ds.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'insert refused for the test'; END $$`);
    await ds.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON proposals FOR EACH ROW WHEN (NEW.title_en = '${title}') EXECUTE FUNCTION ${fn}()`);
    const body = { ...draft, titleEn: title, requestId: `refused-${Date.now()}` };
    const id = requestScopedId(`create:${officer.id}:${body.requestId}`);
    const client = stack.api.get(Client);
    try {
      await officer.http.post('/api/v1/proposals').send(body).expect(500);
      const stray = await client.workflow.getHandle(`proposal-${id}`).describe();
      expect(stray.status.name).toBe('TERMINATED');
      expect(await ds.query('SELECT 1 FROM proposals WHERE id = $1', [id])).toHaveLength(0);
    } finally {
      await ds.query(`DROP TRIGGER ${fn} ON proposals`);
      await ds.query(`DROP FUNCTION ${fn}()`);
    }
    const retried = await officer.http.post('/api/v1/proposals').send(body).expect(201);
    expect(retried.body.id).toBe(id);
    const shown = await eventually(
      () => officer.http.get(`/api/v1/proposals/${id}`),
      (r) => r.body.workflowStatus === 'RUNNING' && r.body.timeline.length === 1,
    );
    expect(shown.body.timeline).toEqual([expect.objectContaining({ seq: 1, type: 'CREATED', toStage: 'DRAFT' })]);
    const runs = [];
    for await (const wf of client.workflow.list({ query: `WorkflowId = 'proposal-${id}'` })) runs.push(wf.status.name);
    expect(runs.sort()).toEqual(['RUNNING', 'TERMINATED']);
  });

  it('a create retried after its proposal was withdrawn returns it and does not start the workflow again', async () => {
    const body = { ...draft, requestId: `withdrawn-${Date.now()}` };
    const first = await officer.http.post('/api/v1/proposals').send(body).expect(201);
    await eventually(() => officer.http.get(`/api/v1/proposals/${first.body.id}`), (r) => r.body.timeline?.length === 1);
    await officer.http.post(`/api/v1/proposals/${first.body.id}/withdraw`).send({ reason: 'No longer needed', requestId: `w-${Date.now()}` }).expect(200);
    const client = stack.api.get(Client);
    await eventually(() => client.workflow.getHandle(`proposal-${first.body.id}`).describe(), (d) => d.status.name === 'COMPLETED');
    const again = await officer.http.post('/api/v1/proposals').send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const runs = [];
    for await (const wf of client.workflow.list({ query: `WorkflowId = 'proposal-${first.body.id}'` })) runs.push(wf.status.name);
    expect(runs).toEqual(['COMPLETED']);
  });

  it('refuses a request id reused for a different proposal', async () => {
    const requestId = `reuse-${Date.now()}`;
    await officer.http.post('/api/v1/proposals').send({ ...draft, requestId }).expect(201);
    const res = await officer.http.post('/api/v1/proposals').send({ ...draft, titleEn: 'Something else entirely', requestId }).expect(409);
    expect(res.body.code).toBe('conflict');
  });

  it('refuses bad input with the field and reason, in one error shape', async () => {
    const res = await officer.http.post('/api/v1/proposals').send({ kind: 'treaty', titleEn: 'x', extra: 1 }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed', messageMn: expect.any(String) });
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'titleEn', 'titleMn', 'extra']));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers 404 for an unknown proposal and 400 for a malformed id', async () => {
    await officer.http.get('/api/v1/proposals/6f1c0f5e-3f4e-4c5a-9b1a-2d3e4f5a6b7c').expect(404);
    const bad = await officer.http.get('/api/v1/proposals/not-a-uuid').expect(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('serves the OpenAPI document', async () => {
    const res = await stack.http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/proposals', '/api/v1/proposals/{id}', '/health']));
  });
});
