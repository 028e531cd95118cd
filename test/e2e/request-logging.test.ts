import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApiApp } from '../../apps/api/src/bootstrap/configure-api-app';
import { httpLoggerParams } from '../../libs/logging';
import { testConfig } from '../support/accord-stack';

interface LogLine {
  msg?: string;
  app?: string;
  req?: { id?: string; method?: string; url?: string; headers?: unknown };
  res?: { statusCode?: number };
  [key: string]: unknown;
}

/**
 * The real API app with the production logger settings (httpLoggerParams), writing to a stream the test reads
 * instead of stdout: what these lines hold is exactly what a production log would hold.
 */
describe('request logs (JSON lines from the real API app, captured)', () => {
  let app: INestApplication;
  const output: string[] = [];
  const http = () => request(app.getHttpServer());
  const lines = (): LogLine[] => output.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
  const requestLines = () => lines().filter((l) => l.req);

  beforeAll(async () => {
    const config = testConfig();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(PARAMS_PROVIDER_TOKEN)
      .useValue(httpLoggerParams('info', { write: (chunk: string) => void output.push(chunk) }))
      .compile();
    app = moduleRef.createNestApplication({ logger: false, bodyParser: false, abortOnError: false });
    configureApiApp(app, config);
    await app.init();
  });
  afterAll(() => app?.close());

  it('never writes an action link token (GET, HEAD, POST, short or long), a secret query value, the Authorization header or a cookie', async () => {
    const token = randomBytes(32).toString('base64url');
    const shortToken = `short${randomBytes(6).toString('hex')}`;
    const bearer = `Bearer secret-bearer-${randomUUID()}`;
    const cookie = `accord_refresh=secret-cookie-${randomUUID()}`;
    const queryToken = `q${randomBytes(8).toString('hex')}`;
    const secrets = [token, shortToken, bearer, cookie.split('=')[1], queryToken];

    const before = output.length;
    await http().get(`/api/v1/actions/${token}`).set('X-Request-Id', 'log-get');
    await http().head(`/api/v1/actions/${token}`).set('X-Request-Id', 'log-head');
    await http().post(`/api/v1/actions/${token}`).type('form').send({ csrf: 'x', comment: 'c' }).set('X-Request-Id', 'log-post');
    await http().get(`/api/v1/actions/${shortToken}?utm_source=mail`).set('X-Request-Id', 'log-short');
    await http().get(`/api/v1/proposals?access_token=${queryToken}&kind=accession`).set('Authorization', bearer).set('Cookie', cookie).set('X-Request-Id', 'log-query');
    await new Promise((r) => setTimeout(r, 50));

    const text = output.slice(before).join('');
    for (const s of secrets) expect(text).not.toContain(s);
    const byId = new Map(requestLines().map((l) => [l.req!.id, l]));
    expect(byId.get('log-get')!.req).toEqual({ id: 'log-get', method: 'GET', url: '/api/v1/actions/[redacted]' });
    expect(byId.get('log-head')!.req!.url).toBe('/api/v1/actions/[redacted]');
    expect(byId.get('log-post')!.req).toMatchObject({ method: 'POST', url: '/api/v1/actions/[redacted]' });
    expect(byId.get('log-short')!.req!.url).toBe('/api/v1/actions/[redacted]?utm_source=mail');
    // What is not secret stays readable: the path, the other parameters, the status.
    expect(byId.get('log-query')!.req!.url).toBe('/api/v1/proposals?access_token=[redacted]&kind=accession');
    expect(byId.get('log-query')!.res).toEqual({ statusCode: 401 });
    // Headers are not logged at all.
    for (const l of requestLines()) expect(l.req!.headers).toBeUndefined();
  });

  it('every request line carries the request id: the caller’s X-Request-Id when well-formed (echoed), else a new UUID', async () => {
    const given = `req-${randomUUID()}`;
    const res = await http().get('/health').set('X-Request-Id', given);
    expect(res.headers['x-request-id']).toBe(given);
    const bad = await http().get('/api/v1/auth/me').set('X-Request-Id', 'not a valid id; <script>');
    const generated = bad.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const none = await http().get('/api/v1/auth/me');
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));

    const mine = requestLines().find((l) => l.req!.id === given)!;
    expect(mine).toMatchObject({ app: 'accord-api', msg: 'request completed', req: { id: given, method: 'GET', url: '/health' }, res: { statusCode: 200 } });
    expect(typeof mine.time).toBe('string');
    expect(requestLines().find((l) => l.req!.id === generated)).toMatchObject({ req: { url: '/api/v1/auth/me' }, res: { statusCode: 401 } });
    expect(JSON.stringify(lines())).not.toContain('<script>');
    // The error body names the same id, so a person's report can be found in the log.
    expect(bad.body.requestId).toBe(generated);
  });
});
