import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApiApp } from '../../apps/api/src/bootstrap/configure-api-app';
import { AccessRule, SAFE_METHODS } from '../../apps/api/src/common/authorization/access-rule';
import { RouteInfo } from '../../apps/api/src/common/authorization/route-inventory';
import { ROLE_NAMES, RoleName } from '../../libs/domain';
import { AccordStack, startAccordStack, testConfig } from '../support/accord-stack';
import { appRoutes, fillParams, servedRoutes } from '../support/routes';
import { createUserAndLogin, SignedInUser } from '../support/users';

type Caller = 'anonymous' | RoleName;
const CALLERS: Caller[] = ['anonymous', ...ROLE_NAMES];

/**
 * What the route-level guard must answer, written independently of the guard: 401 for the anonymous on any
 * non-public route, 403 for a role the rule does not name, 403 for leadership on any write the rule does not open
 * to it explicitly; otherwise the request reaches the handler.
 */
function expectedGuardAnswer(rule: AccessRule, caller: Caller, method: string): 401 | 403 | 'reaches handler' {
  if (rule.kind === 'public') return 'reaches handler';
  if (caller === 'anonymous') return 401;
  const writing = !SAFE_METHODS.has(method);
  if (caller === 'leadership' && writing && !rule.leadershipMayWrite) return 403;
  if (rule.kind === 'roles' && !rule.roles.includes(caller)) return 403;
  return 'reaches handler';
}

/** Routes whose rule is pinned here, so loosening one is a deliberate edit of this table. */
const PINNED: Record<string, 'public' | 'authenticated' | 'self-service' | 'authenticated, password change' | 'self-service, password change' | RoleName[]> = {
  'GET /health': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  // The only routes open to a person whose password someone else set (besides public ones and the language).
  'GET /api/v1/auth/me': 'authenticated, password change',
  'POST /api/v1/auth/password': 'self-service, password change',
  'GET /api/v1/users': ['admin', 'leadership'],
  'GET /api/v1/users/:id': ['admin', 'leadership'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/:id': ['admin'],
  'POST /api/v1/users/:id/deactivate': ['admin'],
  'POST /api/v1/users/:id/activate': ['admin'],
  'POST /api/v1/users/:id/reset-password': ['admin'],
  // The people picker's directory: anyone signed in may read names and divisions (no emails, no roles).
  'GET /api/v1/people': 'authenticated',
  'GET /api/v1/delegations': 'authenticated',
  'POST /api/v1/delegations': 'authenticated',
  'POST /api/v1/delegations/:id/revoke': 'authenticated',
  'GET /api/v1/audit-events': ['admin', 'leadership'],
  'GET /api/v1/proposals/:id': 'authenticated',
};

function pinnedRule(p: (typeof PINNED)[string]): AccessRule {
  if (p === 'public') return { kind: 'public' };
  if (p === 'authenticated') return { kind: 'authenticated', leadershipMayWrite: false };
  if (p === 'self-service') return { kind: 'authenticated', leadershipMayWrite: true };
  if (p === 'authenticated, password change') return { kind: 'authenticated', leadershipMayWrite: false, duringPasswordChange: true };
  if (p === 'self-service, password change') return { kind: 'authenticated', leadershipMayWrite: true, duringPasswordChange: true };
  return { kind: 'roles', roles: p, leadershipMayWrite: false };
}

const key = (r: Pick<RouteInfo, 'method' | 'path'>) => `${r.method} ${r.path}`;

/**
 * The whole access table, committed: every route with its declared rule. The guard and the table test below both
 * read the same @Access metadata, so without this file a loosened or new rule would pass unnoticed; with it, any
 * change of who may call what is an explicit, reviewed change of this file.
 */
const ACCESS_SNAPSHOT = join(__dirname, 'access-table.snapshot.txt');
const UPDATE_SNAPSHOT = 'ACCORD_UPDATE_ACCESS_SNAPSHOT';

function describeRule(r: RouteInfo): string {
  const rule = r.rule;
  if (!rule) return 'NO RULE (refused to everyone)';
  const base = rule.kind === 'public' ? 'public' : rule.kind === 'authenticated' ? 'authenticated' : `roles: ${[...rule.roles].sort().join(', ')}`;
  const flags: string[] = [];
  if (rule.kind !== 'public' && rule.leadershipMayWrite) flags.push('leadership may write');
  if (rule.kind === 'authenticated' && rule.duringPasswordChange) flags.push('open during password change');
  if (r.rateLimit) flags.push(`rate limit: ${r.rateLimit}`);
  return [base, ...flags].join('; ');
}

function accessTable(routes: RouteInfo[]): string {
  const header = [
    '# Who may call each route (method path => rule), as declared by @Access and @RateLimited. Object-level rules',
    '# (own drafts, assigned tasks, segregation of duties) are checked in the services: security-object-level.test.ts.',
    `# Checked by test/e2e/security-route-table.test.ts; after an intended change: ${UPDATE_SNAPSHOT}=1 npm test -- test/e2e/security-route-table.test.ts`,
  ];
  return [...header, ...routes.map((r) => `${key(r)} => ${describeRule(r)}`)].join('\n') + '\n';
}

function snapshotDiff(expected: string, actual: string): string[] {
  const body = (t: string) => t.split('\n').filter((l) => l && !l.startsWith('#'));
  const before = new Map(body(expected).map((l) => [l.split(' => ')[0], l]));
  const after = new Map(body(actual).map((l) => [l.split(' => ')[0], l]));
  const out: string[] = [];
  for (const [route, line] of after) {
    const old = before.get(route);
    if (!old) out.push(`  added:   ${line}`);
    else if (old !== line) out.push(`  changed: ${old}\n       to: ${line}`);
  }
  for (const [route, line] of before) if (!after.has(route)) out.push(`  removed: ${line}`);
  return out;
}

/** The check that makes a new endpoint without a rule fail this file. */
function routesWithoutRule(routes: RouteInfo[]): string[] {
  return routes.filter((r) => !r.rule).map((r) => `${key(r)} (${r.controller}.${r.handler})`);
}

describe('access table: every endpoint x every role (and anonymous), from the routes discovered at runtime', () => {
  let stack: AccordStack;
  let routes: RouteInfo[];
  const callers = new Map<Caller, SignedInUser | null>();

  beforeAll(async () => {
    // Limits high enough for ~500 requests from one address; the limits themselves are tested in security-auth.
    stack = await startAccordStack({ worker: false, env: { RATE_LIMIT_WRITES: '100000/60s', RATE_LIMIT_LOGIN: '100000/60s', RATE_LIMIT_ACTIONS: '100000/60s' } });
    routes = appRoutes(stack.api);
    callers.set('anonymous', null);
    for (const role of ROLE_NAMES) callers.set(role, await createUserAndLogin(stack, [role]));
  });
  afterAll(() => stack?.close());

  it('finds the routes (health, auth, users, delegations, audit, proposals at least)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(PINNED).length);
    expect(routes.map(key)).toEqual(expect.arrayContaining(Object.keys(PINNED)));
  });

  it('lists exactly the routes express serves (nothing hides from the table)', () => {
    // The OpenAPI document and its viewer are SwaggerModule's own express routes: public by design, no data.
    const served = servedRoutes(stack.api).filter((r) => !/^GET \/docs(\/|-yaml$|$)/.test(r));
    expect(routes.map(key).sort()).toEqual(served);
  });

  it('every route declares an access rule', () => {
    expect(routesWithoutRule(routes)).toEqual([]);
  });

  it('the whole access table matches the committed snapshot (test/e2e/access-table.snapshot.txt)', () => {
    const actual = accessTable(routes);
    if (process.env[UPDATE_SNAPSHOT] === '1' && !process.env.CI) {
      writeFileSync(ACCESS_SNAPSHOT, actual);
      return;
    }
    const expected = existsSync(ACCESS_SNAPSHOT) ? readFileSync(ACCESS_SNAPSHOT, 'utf8') : '';
    const diff = snapshotDiff(expected, actual);
    if (diff.length || expected !== actual) {
      throw new Error(
        [
          `The access table differs from the committed snapshot ${ACCESS_SNAPSHOT}:`,
          ...(diff.length ? diff : ['  (only the header or the order of lines differs)']),
          '',
          'Every line is who may call a route. If this change is intended, regenerate the snapshot with',
          `  ${UPDATE_SNAPSHOT}=1 npm test -- test/e2e/security-route-table.test.ts`,
          'and commit test/e2e/access-table.snapshot.txt with the change, so the loosened or new rule is reviewed.',
        ].join('\n'),
      );
    }
  });

  it('the pinned routes keep their rules', () => {
    for (const [route, pinned] of Object.entries(PINNED)) {
      const found = routes.find((r) => key(r) === route)!;
      expect({ route, rule: found.rule }).toEqual({ route, rule: pinnedRule(pinned) });
    }
    const create = routes.find((r) => key(r) === 'POST /api/v1/proposals')!.rule!;
    expect(create.kind === 'roles' && create.roles.includes('officer') && !create.roles.includes('leadership')).toBe(true);
  });

  it('answers every (route, caller) pair as the rule says, and audits every refusal with the address', async () => {
    const ds = stack.api.get(DataSource);
    const rows: string[] = [];
    const mismatches: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        const expected = expectedGuardAnswer(route.rule!, caller, route.method);
        const requestId = `table-${randomUUID()}`;
        const path = fillParams(route.path, randomUUID);
        const user = callers.get(caller);
        let req = request(stack.api.getHttpServer())[route.method.toLowerCase() as 'get'](path).set('X-Request-Id', requestId);
        if (user) req = req.set(user.auth);
        if (!SAFE_METHODS.has(route.method)) req = req.send({});
        const res = await req;
        const [denied] = await ds.query(`SELECT status, ip, actor_id, details FROM audit_events WHERE request_id = $1 AND action = 'access.denied'`, [requestId]);
        const actual = denied ? denied.status : 'reaches handler';
        rows.push(`${key(route).padEnd(55)} ${caller.padEnd(22)} ${res.status}`);
        if (res.status >= 500) mismatches.push(`${key(route)} as ${caller}: ${res.status} ${JSON.stringify(res.body)}`);
        if (actual !== expected || (expected !== 'reaches handler' && res.status !== expected)) {
          mismatches.push(`${key(route)} as ${caller}: expected ${expected}, got ${res.status} (guard: ${actual})`);
        }
        if (denied) {
          expect(denied.ip).toMatch(/127\.0\.0\.1|::1/);
          expect(denied.actor_id).toBe(user?.id ?? null);
        }
      }
    }
    // The table as measured, for reading (artifacts/ is git-ignored).
    mkdirSync(join(__dirname, '..', '..', 'artifacts'), { recursive: true });
    writeFileSync(join(__dirname, '..', '..', 'artifacts', 'access-table.txt'), rows.join('\n') + '\n');
    expect(mismatches).toEqual([]);
    // Every route was tried by every caller.
    expect(rows).toHaveLength(routes.length * CALLERS.length);
  }, 180_000);

  it('a route added without @Access is refused to everyone, admin included, and fails the rule check', async () => {
    @Controller('undeclared-probe')
    class UndeclaredController {
      @Get()
      secret() {
        return { secret: 'should never be served' };
      }
    }
    @Module({ imports: [AppModule.forRoot(stack.config)], controllers: [UndeclaredController] })
    class AppWithUndeclaredRoute {}
    const config = testConfig();
    const app = await NestFactory.create(AppWithUndeclaredRoute, { logger: false, bodyParser: false, abortOnError: false });
    configureApiApp(app, config);
    await app.init();
    try {
      const admin = callers.get('admin')!;
      const asAdmin = await request(app.getHttpServer()).get('/api/v1/undeclared-probe').set(admin.auth).expect(403);
      expect(JSON.stringify(asAdmin.body)).not.toContain('should never be served');
      await request(app.getHttpServer()).get('/api/v1/undeclared-probe').expect(403);
      expect(routesWithoutRule(appRoutes(app))).toEqual(['GET /api/v1/undeclared-probe (UndeclaredController.secret)']);
    } finally {
      await app.close();
    }
  });
});
