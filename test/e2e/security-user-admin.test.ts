import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserDirectoryRepository } from '../../libs/db';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { createUserAndLogin, SignedInUser } from '../support/users';

describe('people administration and delegation over HTTP (real PostgreSQL)', () => {
  let stack: AccordStack;
  let ds: DataSource;
  let admin: SignedInUser;
  const http = () => request(stack.api.getHttpServer());
  const newPerson = (over: Record<string, unknown> = {}) => ({
    email: `person.${randomUUID().slice(0, 8)}@customs.test`,
    nameMn: 'Болдын Сарнай',
    nameLatin: 'Sarnai Bold',
    language: 'mn',
    division: 'international-cooperation',
    roles: ['officer'],
    ...over,
  });

  beforeAll(async () => {
    stack = await startAccordStack({ worker: false, env: { RATE_LIMIT_LOGIN: '1000/60s' } });
    ds = stack.api.get(DataSource);
    admin = await createUserAndLogin(stack, ['admin']);
  });
  afterAll(() => stack?.close());

  describe('users', () => {
    it('admin creates a person with a one-time password shown once; they sign in and are asked to change it', async () => {
      const body = newPerson({ requestId: `create-${randomUUID()}` });
      const created = await admin.http.post('/api/v1/users').send(body).expect(201);
      expect(created.body).toMatchObject({ email: body.email, roles: ['officer'], active: true, mustChangePassword: true, oneTimePassword: expect.stringMatching(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/) });
      const session = await http().post('/api/v1/auth/login').send({ email: body.email, password: created.body.oneTimePassword }).expect(200);
      expect(session.body.user.mustChangePassword).toBe(true);

      const retry = await admin.http.post('/api/v1/users').send(body).expect(200);
      expect(retry.body.id).toBe(created.body.id);
      expect(retry.body.oneTimePassword).toBeUndefined();

      const [event] = await ds.query(`SELECT actor_id, outcome, target_type, target_id, status FROM audit_events WHERE action = 'users.create' AND target_id = $1`, [created.body.id]);
      expect(event).toEqual({ actor_id: admin.id, outcome: 'success', target_type: 'user', target_id: created.body.id, status: 201 });
    });

    it('refuses the same email in another case, unknown roles and fields, and weak passwords', async () => {
      const body = newPerson();
      await admin.http.post('/api/v1/users').send(body).expect(201);
      expect((await admin.http.post('/api/v1/users').send({ ...body, email: body.email.toUpperCase() }).expect(409)).body.code).toBe('conflict');
      const bad = await admin.http.post('/api/v1/users').send(newPerson({ roles: ['officer', 'emperor'], isAdmin: true })).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['roles', 'isAdmin']));
      const weak = await admin.http.post('/api/v1/users').send(newPerson({ password: 'password' })).expect(400);
      expect(weak.body.details).toContainEqual({ field: 'password', reason: expect.stringMatching(/at least/) });
    });

    it('edits roles and supervisor (no supervisor cycles), with the change in the audit trail', async () => {
      const head = (await admin.http.post('/api/v1/users').send(newPerson({ roles: ['division_head'] })).expect(201)).body;
      const officer = (await admin.http.post('/api/v1/users').send(newPerson({ supervisorId: head.id })).expect(201)).body;
      const edited = await admin.http.patch(`/api/v1/users/${officer.id}`).send({ roles: ['officer', 'legal'], language: 'en' }).expect(200);
      expect(edited.body).toMatchObject({ roles: ['officer', 'legal'], language: 'en', supervisorId: head.id });
      const cycle = await admin.http.patch(`/api/v1/users/${head.id}`).send({ supervisorId: officer.id }).expect(400);
      expect(cycle.body.details).toEqual([{ field: 'supervisorId', reason: expect.stringMatching(/own \(indirect\) supervisor/) }]);
      await admin.http.patch(`/api/v1/users/${officer.id}`).send({}).expect(400);
      const [event] = await ds.query(`SELECT details FROM audit_events WHERE action = 'users.update' AND target_id = $1`, [officer.id]);
      expect(event.details).toMatchObject({ rolesBefore: ['officer'], rolesAfter: ['officer', 'legal'] });
      expect([...event.details.changed].sort()).toEqual(['language', 'roles']);
    });

    it('deactivation ends every session at once; activation lets the person back in', async () => {
      const victim = await createUserAndLogin(stack, ['officer']);
      await victim.http.get('/api/v1/auth/me').expect(200);
      await admin.http.post(`/api/v1/users/${victim.id}/deactivate`).expect(200);
      const refused = await victim.http.get('/api/v1/auth/me').expect(401);
      expect(refused.body.message).toMatch(/deactivated/);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(401);
      await http().post('/api/v1/auth/login').send({ email: victim.email, password: victim.password }).expect(401);
      await admin.http.post(`/api/v1/users/${victim.id}/activate`).expect(200);
      await http().post('/api/v1/auth/login').send({ email: victim.email, password: victim.password }).expect(200);
    });

    it('an admin cannot deactivate themselves or drop their own admin role', async () => {
      await admin.http.post(`/api/v1/users/${admin.id}/deactivate`).expect(409);
      await admin.http.patch(`/api/v1/users/${admin.id}`).send({ roles: ['officer'] }).expect(409);
      await admin.http.get('/api/v1/auth/me').expect(200);
    });

    it('password reset: a new one-time password, the old password and sessions stop working', async () => {
      const victim = await createUserAndLogin(stack, ['legal']);
      const reset = await admin.http.post(`/api/v1/users/${victim.id}/reset-password`).expect(200);
      await victim.http.get('/api/v1/auth/me').expect(401);
      await http().post('/api/v1/auth/login').send({ email: victim.email, password: victim.password }).expect(401);
      await http().post('/api/v1/auth/login').send({ email: victim.email, password: reset.body.oneTimePassword }).expect(200);
    });

    it('lists with filters; leadership reads the list, nobody else but admin writes', async () => {
      const leader = await createUserAndLogin(stack, ['leadership']);
      const page = await leader.http.get('/api/v1/users').query({ role: 'admin', active: 'true', limit: 200 }).expect(200);
      expect(page.body.items.map((u: { id: string }) => u.id)).toContain(admin.id);
      expect(page.body.items.every((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);
      await leader.http.post('/api/v1/users').send(newPerson()).expect(403);
      await leader.http.get('/api/v1/users').query({ q: "' OR 1=1 --" }).expect(200);
      await leader.http.get('/api/v1/users').query({ sort: 'email' }).expect(400);
    });
  });

  describe('delegations', () => {
    const hour = 3600_000;
    const period = (fromH: number, toH: number) => ({ startsAt: new Date(Date.now() + fromH * hour).toISOString(), endsAt: new Date(Date.now() + toH * hour).toISOString() });

    it('a person names a delegate for a period; tasks meant for them resolve to the delegate, on their behalf', async () => {
      const away = await createUserAndLogin(stack, ['division_head']);
      const cover = await createUserAndLogin(stack, ['officer']);
      const directory = stack.api.get(UserDirectoryRepository);
      const requestId = `away-${randomUUID()}`;
      const body = { delegateId: cover.id, ...period(-1, 48), reason: 'WCO Council', requestId };
      const made = await away.http.post('/api/v1/delegations').send(body).expect(201);
      expect(made.body).toMatchObject({ delegatorId: away.id, delegateId: cover.id, active: true, createdBy: away.id });
      expect((await away.http.post('/api/v1/delegations').send(body).expect(200)).body.id).toBe(made.body.id);
      await away.http.post('/api/v1/delegations').send({ ...body, ...period(0, 10) }).expect(409);

      expect(await directory.resolveAssignee(away.id)).toEqual({ assigneeId: cover.id, onBehalfOfId: away.id });
      expect(await directory.resolveAssignee(away.id, new Date(Date.now() + 72 * hour))).toEqual({ assigneeId: away.id, onBehalfOfId: null });

      expect((await cover.http.get('/api/v1/delegations').expect(200)).body.map((d: { id: string }) => d.id)).toContain(made.body.id);
      await away.http.post('/api/v1/delegations').send({ delegateId: cover.id, ...period(24, 72) }).expect(409);
      await cover.http.post('/api/v1/delegations').send({ delegateId: away.id, ...period(0, 5) }).expect(409);

      const stranger = await createUserAndLogin(stack, ['officer']);
      await stranger.http.post(`/api/v1/delegations/${made.body.id}/revoke`).expect(404);
      await cover.http.post(`/api/v1/delegations/${made.body.id}/revoke`).expect(403);
      const revoked = await away.http.post(`/api/v1/delegations/${made.body.id}/revoke`).expect(200);
      expect(revoked.body).toMatchObject({ active: false, revokedBy: away.id });
      expect(await directory.resolveAssignee(away.id)).toEqual({ assigneeId: away.id, onBehalfOfId: null });
      const denials = await stack.api.get(DataSource).query(`SELECT actor_id, details FROM audit_events WHERE action = 'delegations.revoke' AND outcome = 'denied' AND target_id = $1`, [made.body.id]);
      expect(denials).toEqual(expect.arrayContaining([expect.objectContaining({ actor_id: stranger.id }), expect.objectContaining({ actor_id: cover.id })]));
    });

    it('only an admin delegates for someone else; bad periods and self-delegation are refused with the field', async () => {
      const a = await createUserAndLogin(stack, ['legal']);
      const b = await createUserAndLogin(stack, ['legal']);
      await b.http.post('/api/v1/delegations').send({ delegatorId: a.id, delegateId: b.id, ...period(0, 5) }).expect(403);
      const byAdmin = await admin.http.post('/api/v1/delegations').send({ delegatorId: a.id, delegateId: b.id, ...period(0, 5) }).expect(201);
      expect(byAdmin.body).toMatchObject({ delegatorId: a.id, createdBy: admin.id });
      const bad = await a.http.post('/api/v1/delegations').send({ delegateId: a.id, ...period(5, 1) }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['endsAt', 'delegateId']));
      await a.http.post('/api/v1/delegations').send({ delegateId: b.id, startsAt: 'tomorrow', endsAt: 'later' }).expect(400);
    });
  });

  it('admins read the audit trail, filtered; others cannot', async () => {
    const officer = await createUserAndLogin(stack, ['officer']);
    await officer.http.get('/api/v1/users').expect(403);
    const trail = await admin.http.get('/api/v1/audit-events').query({ actorId: officer.id, outcome: 'denied' }).expect(200);
    expect(trail.body[0]).toMatchObject({ action: 'access.denied', actorId: officer.id, method: 'GET', path: '/api/v1/users', status: 403, details: { reason: 'role' } });
    await officer.http.get('/api/v1/audit-events').expect(403);
    await admin.http.get('/api/v1/audit-events').query({ limit: 100000 }).expect(400);
  });
});
