import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { createUserAndLogin } from '../support/users';
import { TcpProxy } from '../faults/support/tcp-proxy';

const ALLOWED = 'https://accord.customs.example';
const ALSO_ALLOWED = 'http://localhost:5173';
const STRANGER = 'https://evil.example';

describe('HTTP hardening of the real API app: CORS allow-list, helmet headers, one error shape', () => {
  let stack: AccordStack;
  const http = () => request(stack.api.getHttpServer());

  beforeAll(async () => {
    stack = await startAccordStack({ worker: false, env: { CORS_ORIGINS: ` ${ALLOWED}, ${ALSO_ALLOWED} ` } });
  });
  afterAll(() => stack?.close());

  describe('CORS from CORS_ORIGINS', () => {
    it('answers a preflight from an allowed origin with that origin (and credentials), for each origin in the list', async () => {
      for (const origin of [ALLOWED, ALSO_ALLOWED]) {
        const res = await http()
          .options('/api/v1/proposals')
          .set('Origin', origin)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'authorization,content-type');
        expect(res.status).toBeLessThan(300);
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(res.headers['access-control-allow-credentials']).toBe('true');
        expect(res.headers['access-control-allow-methods']).toContain('POST');
      }
      const simple = await http().get('/health').set('Origin', ALLOWED);
      expect(simple.headers['access-control-allow-origin']).toBe(ALLOWED);
    });

    it('gives another origin no Access-Control-Allow-Origin (the browser then refuses to hand it the answer)', async () => {
      for (const origin of [STRANGER, `${ALLOWED}.evil.example`, 'null', ALLOWED.replace('https', 'http')]) {
        const preflight = await http().options('/api/v1/proposals').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
        // (The cors package still sends Allow-Credentials; without Allow-Origin a browser shares nothing.)
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        const get = await http().get('/health').set('Origin', origin);
        expect(get.headers['access-control-allow-origin']).toBeUndefined();
      }
    });

    it('with CORS_ORIGINS empty (the default) no origin gets cross-origin access', async () => {
      const closed = await startAccordStack({ worker: false, env: { CORS_ORIGINS: '' } });
      try {
        for (const origin of [ALLOWED, STRANGER]) {
          const res = await request(closed.api.getHttpServer()).options('/api/v1/proposals').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
          expect(res.headers['access-control-allow-origin']).toBeUndefined();
        }
      } finally {
        await closed.close();
      }
    });
  });

  describe('helmet headers', () => {
    const expectHardened = (res: request.Response, label: string) => {
      const h = res.headers;
      expect({ label, nosniff: h['x-content-type-options'] }).toEqual({ label, nosniff: 'nosniff' });
      expect({ label, frame: h['x-frame-options'] }).toEqual({ label, frame: 'SAMEORIGIN' });
      const csp = String(h['content-security-policy'] ?? '');
      expect({ label, csp }).toEqual({ label, csp: expect.stringContaining("frame-ancestors 'self'") });
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(csp).toContain(directive);
      expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['cross-origin-opener-policy']).toBe('same-origin');
      expect(h['cross-origin-resource-policy']).toBe('same-origin');
      expect(h['x-dns-prefetch-control']).toBe('off');
      expect(h['x-permitted-cross-domain-policies']).toBe('none');
      expect({ label, poweredBy: h['x-powered-by'] }).toEqual({ label, poweredBy: undefined });
    };

    it('are on every kind of answer: JSON success, refusal, validation error, unknown route, HTML page', async () => {
      const officer = await createUserAndLogin(stack, ['officer']);
      expectHardened(await http().get('/health'), 'health');
      expectHardened(await officer.http.get('/api/v1/proposals').expect(200), 'list');
      expectHardened(await http().get('/api/v1/proposals').expect(401), '401');
      expectHardened(await officer.http.post('/api/v1/proposals').send({ kind: 'nonsense' }).expect(400), '400');
      expectHardened(await http().get(`/api/v1/no-such-route-${randomUUID()}`).expect(404), '404');
      expectHardened(await http().get(`/api/v1/actions/${'A'.repeat(43)}`), 'action page');
    });
  });

  describe('error body: { statusCode, error, message } + messageMn, code, details', () => {
    it('has the same shape for 400 (with field details), 401, 404 and unknown routes', async () => {
      const officer = await createUserAndLogin(stack, ['officer']);
      const invalid = await officer.http.post('/api/v1/proposals').send({ kind: 'accession', unknownField: 1 }).expect(400);
      expect(invalid.body).toMatchObject({ statusCode: 400, error: 'Bad request', code: 'validation_failed', message: expect.any(String), messageMn: expect.any(String) });
      expect(invalid.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'unknownField', reason: expect.any(String) })]));

      const anonymous = await http().get('/api/v1/proposals').expect(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'unauthorized', message: expect.any(String), messageMn: expect.any(String) });

      const missing = await officer.http.get(`/api/v1/proposals/${randomUUID()}`).expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not found', code: 'not_found', message: expect.any(String), messageMn: expect.any(String) });

      const route = await http().delete(`/api/v1/nothing-here-${randomUUID()}`).expect(404);
      expect(route.body).toMatchObject({ statusCode: 404, error: 'Not found', code: 'not_found' });
      for (const body of [invalid.body, anonymous.body, missing.body, route.body]) {
        expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(['code', 'error', 'message', 'messageMn', 'statusCode']));
        expect(JSON.stringify(body)).not.toMatch(/\bat [\w.<>]+ \(|node_modules|QueryFailedError/);
      }
    });
  });
});

/**
 * GET /health is built from Terminus: TypeOrmHealthIndicator's ping of PostgreSQL and TemporalHealthIndicator's
 * GetSystemInfo, each through a loopback proxy the test closes after the app has started (a dependency lost while
 * running, the case the endpoint exists for).
 */
describe('GET /health when a dependency becomes unreachable after start', () => {
  async function appBehindProxy(which: 'postgres' | 'temporal'): Promise<{ stack: AccordStack; proxy: TcpProxy }> {
    let proxy: TcpProxy;
    if (which === 'postgres') {
      const db = new URL(process.env.DATABASE_URL!);
      proxy = new TcpProxy({ host: db.hostname, port: Number(db.port || 5432) });
      await proxy.start();
      db.host = proxy.address;
      return { proxy, stack: await startAccordStack({ worker: false, env: { DATABASE_URL: db.toString(), DATABASE_CONNECT_TIMEOUT_MS: '1000' } }) };
    }
    const [host, port] = process.env.TEMPORAL_ADDRESS!.split(':');
    proxy = new TcpProxy({ host, port: Number(port) });
    await proxy.start();
    return { proxy, stack: await startAccordStack({ worker: false, env: { TEMPORAL_ADDRESS: proxy.address } }) };
  }

  for (const [which, name, other] of [
    ['temporal', 'Temporal', 'postgres'],
    ['postgres', 'PostgreSQL', 'temporal'],
  ] as const) {
    it(`answers 503 naming ${name} (and still reports the other as up)`, async () => {
      const { stack, proxy } = await appBehindProxy(which);
      try {
        const ok = await stack.http().get('/health').expect(200);
        expect(ok.body.info).toMatchObject({ postgres: { status: 'up' }, temporal: { status: 'up' } });

        await proxy.stop();
        const started = Date.now();
        const down = await stack.http().get('/health');
        expect(down.status).toBe(503);
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(down.body).toMatchObject({
          statusCode: 503,
          error: 'Service unavailable',
          code: 'service_unavailable',
          message: `not reachable: ${name}`,
          messageMn: expect.any(String),
          details: { [which]: { status: 'down' }, [other]: { status: 'up' } },
        });
        // No address, driver message or stack for an anonymous caller.
        expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|\bat [\w.<>]+ \(/);
        if (which === 'postgres') {
          // A write cannot have its rate limit counted (rate_limit_counters): refused as an outage, not a 500.
          const login = await stack.http().post('/api/v1/auth/login').send({ email: 'nobody@customs.test', password: 'x' });
          expect(login.body).toMatchObject({ statusCode: 503, code: 'service_unavailable', message: 'the database is unreachable; try again shortly' });
        }
      } finally {
        await stack.close().catch(() => undefined);
        await proxy.stop().catch(() => undefined);
      }
    }, 60_000);
  }
});
