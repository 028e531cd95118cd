import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SAFE_METHODS } from '../../apps/api/src/common/authorization/access-rule';
import { RouteInfo } from '../../apps/api/src/common/authorization/route-inventory';
import type { RoleName } from '../../libs/domain';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { createPrivateDatabase, PrivateDatabase } from '../support/private-database';
import { appRoutes } from '../support/routes';
import { createUserAndLogin, SignedInUser } from '../support/users';

const RUNS = Number(process.env.ACCORD_FUZZ_RUNS ?? 25);

const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "1; UPDATE users SET roles = '{admin}' --",
  "admin'--",
  "\" OR \"\"=\"",
  "' UNION SELECT password_hash FROM users --",
  '$1',
  "%' OR email LIKE '%",
  "1' AND pg_sleep(5)--",
  "\\'; SELECT 1; --",
  '{"$ne": null}',
];

const WILD_STRINGS = fc.oneof(
  fc.constantFrom(...SQL_INJECTION),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '<script>alert(1)</script>', 'x'.repeat(10_000), 'NaN', '-1', '1e309', 'true', 'null'),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const WILD_VALUES = fc.oneof(
  WILD_STRINGS,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(WILD_STRINGS, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Keys of a JSON request body and the query parameters of an operation, from the OpenAPI document. */
interface KnownInput {
  bodyKeys: string[];
  queryKeys: string[];
}

function knownInputs(doc: { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, any> } }, route: RouteInfo): KnownInput {
  const op = doc.paths[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
  if (!op) return { bodyKeys: [], queryKeys: [] };
  const schemaOf = (s: any): any => (s?.$ref ? doc.components?.schemas?.[s.$ref.split('/').pop()] : s);
  const content = op.requestBody?.content ?? {};
  const schema = schemaOf((content['application/json'] ?? content['multipart/form-data'])?.schema);
  const allOf = (s: any): string[] => [...Object.keys(s?.properties ?? {}), ...(s?.allOf ?? []).flatMap((x: any) => allOf(schemaOf(x)))];
  return {
    bodyKeys: allOf(schema),
    queryKeys: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
  };
}

/**
 * Fuzzes every route discovered at runtime, as a caller the route admits: random and hostile bodies, query strings
 * and path parameters. Every answer must be a 4xx or a success, never a 5xx, in the one error shape with no stack or
 * SQL, and a refused request must leave every table as it was. The stack runs on a database of its own, so "as it
 * was" covers whole tables.
 */
describe('fuzzing every request body and query string (fast-check, real PostgreSQL)', () => {
  let db: PrivateDatabase;
  let stack: AccordStack;
  let ds: DataSource;
  let routes: RouteInfo[];
  let doc: any;
  const people = new Map<RoleName, SignedInUser>();
  let tablesQuery: string;

  beforeAll(async () => {
    db = await createPrivateDatabase();
    stack = await startAccordStack({
      worker: false,
      env: { DATABASE_URL: db.url, RATE_LIMIT_WRITES: '1000000/60s', RATE_LIMIT_LOGIN: '1000000/60s', RATE_LIMIT_ACTIONS: '1000000/60s', LOGIN_MAX_FAILURES: '1000000' },
    });
    ds = stack.api.get(DataSource);
    routes = appRoutes(stack.api);
    doc = (await request(stack.api.getHttpServer()).get('/docs/openapi.json').expect(200)).body;
    for (const role of ['admin', 'officer', 'division_head', 'legal', 'finance', 'deputy_commissioner', 'commissioner_general', 'leadership'] as RoleName[]) {
      people.set(role, await createUserAndLogin(stack, [role]));
    }
    // Everything but the trails that refusals are meant to write (audit events, login attempts, rate-limit counters).
    const tables: string[] = (
      await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('audit_events', 'login_attempts', 'rate_limit_counters', 'migrations') ORDER BY tablename`)
    ).map((r: { tablename: string }) => r.tablename);
    expect(tables).toEqual(expect.arrayContaining(['users', 'delegations', 'refresh_tokens', 'proposals']));
    tablesQuery = tables.map((t) => `SELECT '${t}' AS t, count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`).join(' UNION ALL ');
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  const snapshot = async () => JSON.stringify(await ds.query(tablesQuery));

  /** Someone the route lets in (the fuzzing is about input, not about roles: the access table covers those). */
  function callerFor(route: RouteInfo): SignedInUser | null {
    const rule = route.rule!;
    if (rule.kind === 'public') return null;
    const writing = !SAFE_METHODS.has(route.method);
    if (rule.kind === 'authenticated') return people.get(writing ? 'officer' : 'leadership')!;
    const role = ['admin', 'officer', ...rule.roles].find((r) => rule.roles.includes(r as RoleName) && (!writing || r !== 'leadership')) as RoleName;
    return people.get(role)!;
  }

  function checkAnswer(res: request.Response, label: string): void {
    if (res.status >= 500) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    const text = res.text ?? '';
    if (/QueryFailedError|syntax error at or near|violates .* constraint|\bat [\w.<>]+ \(.*\.[jt]s:\d+:\d+\)|node_modules/.test(text)) {
      throw new Error(`${label}: internal detail leaked: ${text.slice(0, 500)}`);
    }
    if (res.status >= 400 && /json/.test(res.headers['content-type'] ?? '')) {
      const b = res.body;
      // { statusCode, error, message } (+ code, messageMn, details): `error` is the status's name, as Nest's own errors say it.
      const shaped =
        b.statusCode === res.status &&
        typeof b.error === 'string' &&
        b.error.length > 0 &&
        typeof b.code === 'string' &&
        typeof b.message === 'string' &&
        typeof b.messageMn === 'string' &&
        (b.details === undefined || (typeof b.details === 'object' && b.details !== null));
      if (!shaped) throw new Error(`${label}: error body not in the common shape: ${text.slice(0, 300)}`);
    }
  }

  it('covers every route', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.every((r) => r.rule)).toBe(true);
    // Query DTOs are fuzzed by their documented names: the people picker's search among them.
    const people = routes.find((r) => r.method === 'GET' && r.path === '/api/v1/people')!;
    expect(knownInputs(doc, people).queryKeys.sort()).toEqual(['ids', 'limit', 'q']);
  });

  it('every route answers hostile bodies, query strings and ids with 4xx (never 5xx), and refusals change nothing', async () => {
    let requests = 0;
    let refused = 0;
    for (const route of routes) {
      const known = knownInputs(doc, route);
      const caller = callerFor(route);
      const keyArb = (names: string[]) => (names.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }) : fc.string({ minLength: 1, maxLength: 12 }));
      const bodyArb = fc.oneof(
        { weight: 4, arbitrary: fc.dictionary(keyArb(known.bodyKeys), WILD_VALUES, { maxKeys: 6 }) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
        { weight: 1, arbitrary: fc.constantFrom(JSON.parse('{"__proto__": {"roles": ["admin"], "admin": true}}'), JSON.parse('{"constructor": {"prototype": {"admin": true}}}'), [], '') },
      );
      const queryArb = fc.oneof(
        { weight: 2, arbitrary: fc.constant({}) },
        { weight: 3, arbitrary: fc.dictionary(keyArb(known.queryKeys), fc.oneof(WILD_STRINGS, fc.array(WILD_STRINGS, { maxLength: 3 })), { maxKeys: 4 }) },
      );
      const paramArb = fc.oneof({ weight: 3, arbitrary: fc.uuid({ version: 4 }) }, { weight: 2, arbitrary: WILD_STRINGS.filter((s) => s.length > 0 && s.length < 300) });

      await fc.assert(
        fc.asyncProperty(bodyArb, queryArb, paramArb, async (body, query, param) => {
          const before = await snapshot();
          const path = route.path.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(param));
          let req = request(stack.api.getHttpServer())[route.method.toLowerCase() as 'post'](path).query(query as Record<string, string>);
          if (caller) req = req.set(caller.auth);
          if (!SAFE_METHODS.has(route.method)) req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
          const res = await req;
          requests++;
          checkAnswer(res, `${route.method} ${path}?${JSON.stringify(query)} ${JSON.stringify(body).slice(0, 200)}`);
          if (res.status >= 400) {
            refused++;
            expect({ route: `${route.method} ${route.path}`, tables: await snapshot() }).toEqual({ route: `${route.method} ${route.path}`, tables: before });
          }
        }),
        { numRuns: RUNS },
      );
    }
    expect(requests).toBe(routes.length * RUNS);
    expect(refused).toBeGreaterThan(requests * 0.5);
    // Nothing polluted the prototype of every object in the process.
    expect(({} as Record<string, unknown>).roles).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  }, 300_000);

  // Random bodies found a `null` reaching a NOT NULL column once; this sweeps that class deterministically.
  it('every documented body field set to null, or to a value of the wrong type, never causes a 5xx, and a refusal changes nothing', async () => {
    let tried = 0;
    for (const route of routes) {
      if (SAFE_METHODS.has(route.method)) continue;
      const known = knownInputs(doc, route);
      const caller = callerFor(route);
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, () => '00000000-0000-4000-8000-000000000000');
      for (const key of known.bodyKeys) {
        for (const value of [null, { nested: true }, [[]]]) {
          const before = await snapshot();
          let req = request(stack.api.getHttpServer())[route.method.toLowerCase() as 'post'](path);
          if (caller) req = req.set(caller.auth);
          const res = await req.set('Content-Type', 'application/json').send(JSON.stringify({ [key]: value }));
          tried++;
          checkAnswer(res, `${route.method} ${path} {${key}: ${JSON.stringify(value)}}`);
          if (res.status >= 400) expect({ route: `${route.method} ${route.path}`, key, tables: await snapshot() }).toEqual({ route: `${route.method} ${route.path}`, key, tables: before });
        }
      }
    }
    expect(tried).toBeGreaterThan(60);
  }, 300_000);

  // Random query strings found a NUL character (U+0000) reaching PostgreSQL, which cannot store it, as a 500.
  it('a NUL character in any documented query or body field is refused with 400 naming the field, and changes nothing', async () => {
    let refused = 0;
    for (const route of routes) {
      const known = knownInputs(doc, route);
      const caller = callerFor(route);
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, () => '00000000-0000-4000-8000-000000000000');
      const attempts = [
        ...known.queryKeys.map((key) => ({ key, query: { [key]: 'a\u0000b' }, body: undefined })),
        ...(SAFE_METHODS.has(route.method) ? [] : known.bodyKeys.map((key) => ({ key, query: {}, body: { [key]: 'a\u0000b' } }))),
      ];
      for (const a of attempts) {
        const before = await snapshot();
        let req = request(stack.api.getHttpServer())[route.method.toLowerCase() as 'post'](path).query(a.query);
        if (caller) req = req.set(caller.auth);
        const res = a.body ? await req.set('Content-Type', 'application/json').send(JSON.stringify(a.body)) : await req;
        const label = `${route.method} ${path} ${a.key}=NUL`;
        checkAnswer(res, label);
        // A caller the route admits gets the validation error; others are refused earlier (401/403), as they should be.
        // (Pages such as the printable report answer the same 400 as HTML.)
        if (res.status === 400 && /json/.test(String(res.headers['content-type']))) {
          expect({ label, code: res.body.code }).toEqual({ label, code: 'validation_failed' });
          if (res.body.details?.some((d: { reason: string }) => /NUL/.test(d.reason))) refused++;
        }
        if (res.status >= 400) expect({ label, tables: await snapshot() }).toEqual({ label, tables: before });
      }
    }
    expect(refused).toBeGreaterThan(20);
  }, 300_000);

  it('SQL-injection strings are data: refused where invalid, stored literally where valid, tables intact', async () => {
    const officer = people.get('officer')!;
    const admin = people.get('admin')!;
    const http = () => request(stack.api.getHttpServer());
    const [{ n: usersBefore }] = await ds.query(`SELECT count(*)::int AS n FROM users`);
    for (const [i, s] of SQL_INJECTION.entries()) {
      expect((await http().post('/api/v1/auth/login').send({ email: s, password: s })).status).toBe(400);
      expect((await http().post('/api/v1/auth/login').send({ email: admin.email, password: s })).status).toBe(401);
      expect((await http().post('/api/v1/auth/login').send({ email: `sql.${i}@customs.test`, password: s })).status).toBe(401);
      const list = await admin.http.get('/api/v1/users').query({ q: s });
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      // The people picker's search (open to every signed-in person) treats the text as a literal name fragment.
      const people = await officer.http.get('/api/v1/people').query({ q: s });
      expect(people.status).toBe(200);
      expect(people.body.items).toEqual([]);
      expect((await officer.http.get('/api/v1/people').query({ ids: s })).status).toBe(400);
      expect([400, 404]).toContain((await officer.http.get(`/api/v1/proposals/${encodeURIComponent(s)}`)).status);
    }
    const title = "Kyoto'); DELETE FROM proposals; --";
    const created = await officer.http.post('/api/v1/proposals').send({ kind: 'accession', titleEn: title, titleMn: title, conventionCode: 'RKC', requestId: randomUUID() }).expect(201);
    // Read back from the table (no worker runs here, so the API's live-state query would only wait).
    expect((await ds.query(`SELECT title_en FROM proposals WHERE id = $1`, [created.body.id]))[0].title_en).toBe(title);
    const [{ n: usersAfter }] = await ds.query(`SELECT count(*)::int AS n FROM users`);
    expect(usersAfter).toBe(usersBefore);
    const [{ admins }] = await ds.query(`SELECT count(*)::int AS admins FROM users WHERE 'admin' = ANY(roles)`);
    expect(admins).toBe(1);
  });

  it('a 10 MB body is refused cleanly with 413, before authentication and before any handler', async () => {
    const big = JSON.stringify({ kind: 'accession', titleEn: 'x'.repeat(10 * 1024 * 1024), titleMn: 'y' });
    const before = await snapshot();
    for (const [path, who] of [
      ['/api/v1/proposals', people.get('officer')!],
      ['/api/v1/auth/login', null],
      ['/api/v1/users', people.get('admin')!],
    ] as const) {
      let req = request(stack.api.getHttpServer()).post(path).set('Content-Type', 'application/json');
      if (who) req = req.set(who.auth);
      const res = await req.send(big);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'payload_too_large', messageMn: expect.any(String) });
    }
    expect(await snapshot()).toBe(before);
  });

  it('malformed JSON and wrong content types are 4xx in the common shape', async () => {
    const officer = people.get('officer')!;
    const bad = await officer.http.post('/api/v1/proposals').set('Content-Type', 'application/json').send('{"kind": "accession", "titleEn": ');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'validation_failed', messageMn: expect.any(String) });
    expect(bad.text).not.toMatch(/node_modules|\.js:\d+/);
    const xml = await officer.http.post('/api/v1/proposals').set('Content-Type', 'application/xml').send('<proposal/>');
    expect(xml.status).toBeGreaterThanOrEqual(400);
    expect(xml.status).toBeLessThan(500);
  });
});
