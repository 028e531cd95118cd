import * as argon2 from 'argon2';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEV_ORGANISATION, DEV_PASSWORD } from '../../apps/api/src/cli/dev-organisation';
import { createPrivateDatabase, PrivateDatabase } from '../support/private-database';

const root = join(__dirname, '..', '..');

/** Runs `npm run accord -- ...` the way an operator would (the same node command the npm script runs). */
function accord(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'apps/api/src/cli/accord.cli.ts'), ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', TS_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(stdin ?? '');
    const kill = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run accord -- users:create-admin / seed:dev (real PostgreSQL, a database of its own)', () => {
  let db: PrivateDatabase;
  let env: NodeJS.ProcessEnv;
  const hashOf = async (email: string) => (await db.dataSource.query(`SELECT password_hash, roles, active, must_change_password FROM users WHERE lower(email) = lower($1)`, [email]))[0];

  beforeAll(async () => {
    db = await createPrivateDatabase();
    env = { DATABASE_URL: db.url, NODE_ENV: 'development' };
  });
  afterAll(() => db?.drop());

  it('creates the first admin and prints a one-time password that signs in; running it again changes nothing', async () => {
    const first = await accord(['users:create-admin', '--email', 'First.Admin@customs.test', '--name-latin', 'First Admin'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const password = /one-time password .*: (\S+)$/m.exec(first.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const row = await hashOf('first.admin@customs.test');
    expect(row).toMatchObject({ roles: ['admin'], active: true, must_change_password: true });
    expect(await argon2.verify(row.password_hash, password!)).toBe(true);

    const again = await accord(['users:create-admin', '--email', 'first.admin@customs.test'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already an active admin .*nothing changed/);
    expect((await hashOf('first.admin@customs.test')).password_hash).toBe(row.password_hash);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'cli.users_create_admin'`);
    expect(n).toBe(1);
  });

  it('reads the password from stdin when asked, and refuses a weak one in one line', async () => {
    const weak = await accord(['users:create-admin', '--email', 'second@customs.test', '--password-stdin'], env, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^accord users:create-admin: password must be at least 12 characters/)]);
    const ok = await accord(['users:create-admin', '--email', 'second@customs.test', '--password-stdin', '--language', 'en'], env, 'Khuvsgul-Lake-2026-Spring\n');
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toMatch(/one-time password/);
    const row = await hashOf('second@customs.test');
    expect(row.must_change_password).toBe(false);
    expect(await argon2.verify(row.password_hash, 'Khuvsgul-Lake-2026-Spring')).toBe(true);
  });

  it('refuses a malformed email', async () => {
    const bad = await accord(['users:create-admin', '--email', 'not-an-email'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--email must be an email address/);
  });

  it('seed:dev creates the development organisation once, with supervisors, and refuses production', async () => {
    const refused = await accord(['seed:dev'], { ...env, NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-forty-characters!!' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^accord seed:dev: refused: this command never runs with NODE_ENV=production/);
    const [{ before }] = await db.dataSource.query(`SELECT count(*)::int AS before FROM users WHERE email LIKE '%@customs.example'`);
    expect(before).toBe(0);

    const seeded = await accord(['seed:dev'], env);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout.match(/^created /gm)).toHaveLength(DEV_ORGANISATION.length);
    const people = await db.dataSource.query(
      `SELECT u.email, u.roles, s.email AS supervisor FROM users u LEFT JOIN users s ON s.id = u.supervisor_id WHERE u.email LIKE '%@customs.example'`,
    );
    const roles = new Set(people.flatMap((p: { roles: string[] }) => p.roles));
    expect([...roles].sort()).toEqual(['admin', 'commissioner_general', 'deputy_commissioner', 'division_head', 'finance', 'leadership', 'legal', 'officer']);
    expect(people.find((p: { email: string }) => p.email === 'temuulen.b@customs.example').supervisor).toBe('enkhtuya.s@customs.example');
    expect(await argon2.verify((await hashOf('nomin.g@customs.example')).password_hash, DEV_PASSWORD)).toBe(true);

    const again = await accord(['seed:dev'], env);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/^exists /gm)).toHaveLength(DEV_ORGANISATION.length);
  });
});
