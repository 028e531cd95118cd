import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { createUser, createUserAndLogin, TestUser } from '../support/users';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sign-in, sessions and their limits (real PostgreSQL)', () => {
  let stack: AccordStack;
  let ds: DataSource;
  const http = () => request(stack.api.getHttpServer());
  const login = (email: string, password: string) => http().post('/api/v1/auth/login').send({ email, password });

  beforeAll(async () => {
    stack = await startAccordStack({
      worker: false,
      env: { ACCESS_TOKEN_TTL_SECONDS: '2', LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '3', RATE_LIMIT_LOGIN: '1000/60s' },
    });
    ds = stack.api.get(DataSource);
  });
  afterAll(() => stack?.close());

  const auditRows = (action: string, actorId: string | null) =>
    ds.query(`SELECT outcome, ip, details, status FROM audit_events WHERE action = $1 AND actor_id IS NOT DISTINCT FROM $2 ORDER BY id`, [action, actorId]);

  describe('login', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createUser(stack, ['officer']);
    });

    it('signs in with email (any case) and password: access token, refresh token, httpOnly cookie; audited', async () => {
      const res = await login(user.email.toUpperCase(), user.password).expect(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 2, user: { id: user.id, email: user.email, roles: ['officer'], division: user.division } });
      expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/accord_refresh=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      const me = await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ id: user.id, roles: ['officer'], mustChangePassword: false });
      expect(JSON.stringify(me.body)).not.toMatch(/password_?hash|argon2/i);
      const [row] = await auditRows('auth.login', user.id);
      expect(row).toMatchObject({ outcome: 'success', ip: expect.stringMatching(/127\.0\.0\.1/) });
      const [{ hash }] = await ds.query(`SELECT password_hash AS hash FROM users WHERE id = $1`, [user.id]);
      expect(hash).toMatch(/^\$argon2id\$/);
    });

    it('answers a wrong password and an unknown email alike (401, both languages), and audits both', async () => {
      const wrong = await login(user.email, 'not-the-password').expect(401);
      const unknown = await login(`nobody-${Date.now()}@customs.test`, 'whatever').expect(401);
      const { requestId: _a, ...wrongBody } = wrong.body;
      const { requestId: _b, ...unknownBody } = unknown.body;
      expect(wrongBody).toEqual(unknownBody);
      expect(wrong.body).toMatchObject({ statusCode: 401, code: 'invalid_credentials', message: 'The email or password is wrong.', messageMn: expect.stringMatching(/нууц үг/) });
      const denied = await auditRows('auth.login', user.id);
      expect(denied).toContainEqual(expect.objectContaining({ outcome: 'denied', status: 401, details: expect.objectContaining({ reason: 'bad_credentials' }) }));
    });

    it('locks an account for a while after repeated failures, even for the right password, then lets it in', async () => {
      const victim = await createUser(stack, ['officer']);
      for (let i = 0; i < 3; i++) await login(victim.email, `guess-${i}`).expect(401);
      const locked = await login(victim.email, victim.password).expect(429);
      expect(locked.body).toMatchObject({ code: 'account_locked', messageMn: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(await auditRows('auth.login', null)).toContainEqual(expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ reason: 'locked', email: victim.email }) }));
      const attempts = await ds.query(`SELECT outcome FROM login_attempts WHERE email = $1 ORDER BY id`, [victim.email]);
      expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['bad_credentials', 'bad_credentials', 'bad_credentials', 'locked']);
      await sleep(3200);
      await login(victim.email, victim.password).expect(200);
    });

    it('locks unknown emails the same way, so lockout tells nothing about which accounts exist', async () => {
      const ghost = `ghost-${Date.now()}@customs.test`;
      for (let i = 0; i < 3; i++) await login(ghost, 'x').expect(401);
      expect((await login(ghost, 'x').expect(429)).body.code).toBe('account_locked');
    });
  });

  describe('access tokens', () => {
    it('expire: the same token works, then is refused as expired, and a refresh gives a working one', async () => {
      const u = await createUserAndLogin(stack, ['officer']);
      await u.http.get('/api/v1/auth/me').expect(200);
      await sleep(3100);
      const expired = await u.http.get('/api/v1/auth/me').expect(401);
      expect(expired.headers['www-authenticate']).toMatch(/error_description="expired"/);
      expect(expired.body).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/expired/) });
      expect(await auditRows('access.denied', null)).toContainEqual(expect.objectContaining({ details: expect.objectContaining({ reason: 'token_expired' }) }));
      const refreshed = await http().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
    });

    it('refuses tampered, foreign and malformed tokens', async () => {
      const u = await createUserAndLogin(stack, ['officer']);
      const [h, p, sig] = u.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
      for (const token of [`${h}.${forged}.${sig}`, none, 'garbage', `${h}.${p}.${sig.slice(0, -4)}AAAA`]) {
        const res = await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
        expect(res.body.code).toBe('unauthorized');
      }
      await http().get('/api/v1/auth/me').set('Authorization', u.accessToken).expect(401); // no "Bearer "
    });
  });

  describe('refresh tokens', () => {
    it('rotate at every use; reusing a spent one is refused and ends the whole family, access tokens included', async () => {
      const u = await createUserAndLogin(stack, ['officer']);
      const r1 = await http().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      expect(r1.body.refreshToken).not.toBe(u.refreshToken);
      const r2 = await http().post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken }).expect(200);
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${r2.body.accessToken}`).expect(200);

      // The first token, already spent, shows up again: someone kept a copy.
      const reuse = await http().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      expect(reuse.body.message).toMatch(/reused/);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: r2.body.refreshToken }).expect(401);
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${r2.body.accessToken}`).expect(401);

      const family = await ds.query(`SELECT revoke_reason, used_at IS NOT NULL AS used FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at`, [u.id]);
      expect(family).toEqual([
        { revoke_reason: 'reuse_detected', used: true },
        { revoke_reason: 'reuse_detected', used: true },
        { revoke_reason: 'reuse_detected', used: false },
      ]);
      expect(await auditRows('auth.refresh', u.id)).toContainEqual(expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ reason: 'reused' }) }));
      // Stored as SHA-256 only.
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE token_hash = $1`, [u.refreshToken]);
      expect(n).toBe(0);
    });

    it('two concurrent uses of one token: at most one wins, and the family ends', async () => {
      const u = await createUserAndLogin(stack, ['officer']);
      const [a, b] = await Promise.all([0, 1].map(() => http().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken })));
      expect([a.status, b.status].sort()).toEqual([200, 401]);
      const winner = a.status === 200 ? a : b;
      await http().post('/api/v1/auth/refresh').send({ refreshToken: winner.body.refreshToken }).expect(401);
    });

    it('work from the httpOnly cookie (browsers); logout revokes the session and clears the cookie', async () => {
      const u = await createUser(stack, ['officer']);
      const browser = request.agent(stack.api.getHttpServer());
      const signedIn = await browser.post('/api/v1/auth/login').send({ email: u.email, password: u.password }).expect(200);
      const refreshed = await browser.post('/api/v1/auth/refresh').send({}).expect(200);
      const access = refreshed.body.accessToken;
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${access}`).expect(200);
      const out = await browser.post('/api/v1/auth/logout').send({}).expect(204);
      expect(String(out.headers['set-cookie'])).toMatch(/accord_refresh=;/);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }).expect(401);
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${access}`).expect(401);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: signedIn.body.refreshToken }).expect(401);
      await http().post('/api/v1/auth/logout').send({ refreshToken: refreshed.body.refreshToken }).expect(204); // twice is fine
    });
  });

  describe('password change', () => {
    it('checks the current password and the policy, ends every session, and returns a fresh one', async () => {
      const u = await createUserAndLogin(stack, ['leadership']);
      const other = await http().post('/api/v1/auth/login').send({ email: u.email, password: u.password }).expect(200);
      await u.http.post('/api/v1/auth/password').send({ currentPassword: 'wrong', newPassword: 'Tsagaan-Sar-2026-Bayar' }).expect(401);
      const weak = await u.http.post('/api/v1/auth/password').send({ currentPassword: u.password, newPassword: 'short' }).expect(400);
      expect(weak.body.details).toContainEqual({ field: 'newPassword', reason: expect.stringMatching(/at least 12/) });

      // Leadership is read-only, but changing one's own password is explicitly allowed.
      const changed = await u.http.post('/api/v1/auth/password').send({ currentPassword: u.password, newPassword: 'Tsagaan-Sar-2026-Bayar' }).expect(200);
      await u.http.get('/api/v1/auth/me').expect(401);
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${other.body.accessToken}`).expect(401);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
      await login(u.email, u.password).expect(401);
      await login(u.email, 'Tsagaan-Sar-2026-Bayar').expect(200);
    });

    it('a password someone else set opens nothing but changing it (and reading who one is, and the language)', async () => {
      const u = await createUser(stack, ['officer']);
      await ds.query('UPDATE users SET must_change_password = true WHERE id = $1', [u.id]);
      const first = await login(u.email, u.password).expect(200);
      expect(first.body.user.mustChangePassword).toBe(true);
      const bearer = { Authorization: `Bearer ${first.body.accessToken}` };

      const refused = await http().get('/api/v1/proposals').set(bearer).expect(403);
      expect(refused.body).toMatchObject({ code: 'password_change_required', messageMn: expect.stringMatching(/нууц үг/) });
      await http().post('/api/v1/proposals').set(bearer).send({ kind: 'accession', titleEn: 'Not yet', titleMn: 'Хараахан үгүй' }).expect(403);
      expect((await auditRows('access.denied', u.id)).map((r: { details: { reason?: string } }) => r.details.reason)).toContain('password_change_required');
      expect((await http().get('/api/v1/auth/me').set(bearer).expect(200)).body.mustChangePassword).toBe(true);
      await http().put('/api/v1/dashboard/preferences').set(bearer).send({ language: 'mn' }).expect(200);

      const changed = await http().post('/api/v1/auth/password').set(bearer).send({ currentPassword: u.password, newPassword: 'Naadam-Khuree-2026-Own' }).expect(200);
      expect(changed.body.user.mustChangePassword).toBe(false);
      await http().get('/api/v1/proposals').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
    });
  });
});

describe('login rate limit per address (real PostgreSQL)', () => {
  let stack: AccordStack;
  beforeAll(async () => {
    stack = await startAccordStack({ worker: false, env: { RATE_LIMIT_LOGIN: '5/60s', LOGIN_MAX_FAILURES: '100' } });
  });
  afterAll(() => stack?.close());

  it('refuses the 6th sign-in attempt in a minute from one address with 429 and Retry-After, audited once', async () => {
    const http = () => request(stack.api.getHttpServer());
    const statuses: number[] = [];
    // Request ids of this test's own: other files' apps (on the same database) write rate-limit refusals too.
    const attempt = (i: number, password = 'Winter2026!') => http().post('/api/v1/auth/login').set('X-Request-Id', `spray-${i}`).send({ email: `spray-${i}@customs.test`, password });
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const blocked = await attempt(5).expect(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, code: 'too_many_requests', messageMn: expect.any(String) });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await attempt(6, 'x').expect(429);
    // Other routes are not limited by it.
    await http().get('/health').expect(200);
    const ds = stack.api.get(DataSource);
    const rows = await ds.query(`SELECT details FROM audit_events WHERE action = 'access.rate_limited' AND details->>'route' = 'AuthController.login' AND request_id LIKE 'spray-%'`);
    expect(rows).toHaveLength(1);
    // Throttled attempts never reached the password check.
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM login_attempts WHERE email LIKE 'spray-%'`);
    expect(n).toBe(5);
  });
});

describe('write and action-link rate limits (real PostgreSQL)', () => {
  let stack: AccordStack;
  beforeAll(async () => {
    stack = await startAccordStack({ worker: false, env: { RATE_LIMIT_WRITES: '4/60s', RATE_LIMIT_ACTIONS: '3/60s' } });
  });
  afterAll(() => stack?.close());

  it('limits writes per person, not per address, and leaves reads alone', async () => {
    const busy = await createUserAndLogin(stack, ['officer']);
    const other = await createUserAndLogin(stack, ['officer']);
    const write = (u: typeof busy) => u.http.post('/api/v1/delegations').send({});
    for (let i = 0; i < 4; i++) expect((await write(busy)).status).toBe(400);
    const limited = await write(busy).expect(429);
    expect(limited.body.code).toBe('too_many_requests');
    expect((await write(other)).status).toBe(400); // same address, another person
    await busy.http.get('/api/v1/auth/me').expect(200);
  });

  it('limits email action links per address', async () => {
    const http = () => request(stack.api.getHttpServer());
    const token = 'A'.repeat(43);
    for (let i = 0; i < 3; i++) expect((await http().get(`/api/v1/actions/${token}`)).status).not.toBe(429);
    await http().get(`/api/v1/actions/${token}`).expect(429);
    const [row] = await stack.api.get(DataSource).query(`SELECT path FROM audit_events WHERE action = 'access.rate_limited' AND path LIKE '/api/v1/actions/%'`);
    expect(row.path).toBe('/api/v1/actions/:token'); // the token itself never reaches the trail
  });
});
