import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PostgresThrottlerStorage } from '../../apps/api/src/common/authorization/postgres-throttler-storage';
import { AccordStack, startAccordStack } from '../support/accord-stack';

/**
 * Rate limits live in PostgreSQL (rate_limit_counters), so several API processes count together: the README's
 * "run several API processes" must not multiply every limit by the number of processes.
 */
describe('rate limits shared by API processes through PostgreSQL', () => {
  // One deployment = one Temporal namespace and task queue: its API processes share the counters.
  const queue = `shared-${randomUUID()}`;
  const scope = `default/${queue}`;
  let a: AccordStack;
  let b: AccordStack;
  let other: AccordStack;

  beforeAll(async () => {
    // Two API apps of one deployment (same database, same task queue), and one of another deployment on the same database.
    const env = { RATE_LIMIT_LOGIN: '6/3600s', LOGIN_MAX_FAILURES: '1000', TEMPORAL_TASK_QUEUE: queue };
    a = await startAccordStack({ worker: false, env });
    b = await startAccordStack({ worker: false, env });
    other = await startAccordStack({ worker: false, env: { ...env, TEMPORAL_TASK_QUEUE: `other-${randomUUID()}` } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await other?.close();
  });

  const login = (stack: AccordStack, i: number) =>
    request(stack.api.getHttpServer()).post('/api/v1/auth/login').set('X-Request-Id', `shared-limit-${queue}-${i}`).send({ email: `shared-${i}@customs.test`, password: 'Winter2026!' });

  it('sign-in attempts split across two apps hit 429 at the configured limit, on both', async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 6; i++) statuses.push(`${i % 2 ? 'b' : 'a'}:${(await login(i % 2 ? b : a, i)).status}`);
    expect(statuses).toEqual(['a:401', 'b:401', 'a:401', 'b:401', 'a:401', 'b:401']);
    const onA = await login(a, 6);
    const onB = await login(b, 7);
    expect([onA.status, onB.status]).toEqual([429, 429]);
    expect(onA.body).toMatchObject({ statusCode: 429, error: 'Too many requests', code: 'too_many_requests' });
    expect(Number(onB.headers['retry-after'])).toBeGreaterThan(0);
    // Each app alone saw only half the attempts: with per-process counters neither would have refused.
    const ds = a.api.get(DataSource);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM login_attempts WHERE email LIKE 'shared-%@customs.test'`);
    expect(n).toBe(6);
    const rows = await ds.query(`SELECT key, hits, blocked_until > now() AS blocked FROM rate_limit_counters WHERE key LIKE $1`, [`${scope}|login|%`]);
    // One counter for the address, in the deployment's scope; the refused attempts past the block are not counted.
    expect(rows).toEqual([{ key: expect.stringMatching(/\|login\|ip:.*127\.0\.0\.1$/), hits: 7, blocked: true }]);
    expect(rows[0].key.startsWith(`${scope}|`)).toBe(true);

    // Another deployment (another task queue) on the same database keeps its own counters.
    expect((await login(other, 8)).status).toBe(401);
  });

  it('counts concurrent hits from two processes exactly (atomic upsert), blocks, and starts afresh after the block', async () => {
    const ds = a.api.get(DataSource);
    const s1 = new PostgresThrottlerStorage(ds, scope);
    const s2 = new PostgresThrottlerStorage(b.api.get(DataSource), scope);
    const key = `concurrent-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? s1 : s2).increment(key, 60_000, 10, 1500, 'test')));
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(10);
    expect(results.filter((r) => r.isBlocked)).toHaveLength(20);
    expect(results.filter((r) => !r.isBlocked).map((r) => r.totalHits).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const blocked = await s1.increment(key, 60_000, 10, 1500, 'test');
    expect(blocked).toMatchObject({ isBlocked: true, timeToBlockExpire: expect.any(Number) });
    expect(blocked.timeToBlockExpire).toBeLessThanOrEqual(2);

    // The block (1.5 s) ends before the window (60 s): counting starts again at 1.
    await new Promise((r) => setTimeout(r, 1700));
    expect(await s2.increment(key, 60_000, 10, 1500, 'test')).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });

    // The cleanup deletes a row once both its window and its block have ended, and nothing else.
    const shortKey = `short-${randomUUID()}`;
    await s1.increment(shortKey, 200, 10, 200, 'test');
    await new Promise((r) => setTimeout(r, 400));
    expect(await s1.deleteExpired()).toBeGreaterThanOrEqual(1);
    const left = await ds.query(`SELECT key FROM rate_limit_counters WHERE key IN ($1, $2)`, [`${scope}|${shortKey}`, `${scope}|${key}`]);
    expect(left).toEqual([{ key: `${scope}|${key}` }]);
    // A window that ended starts a new one at the next hit.
    expect(await s1.increment(shortKey, 200, 10, 200, 'test')).toMatchObject({ totalHits: 1, isBlocked: false });
    s1.onModuleDestroy();
    s2.onModuleDestroy();
  });
});
