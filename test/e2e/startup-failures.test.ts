import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Runs an app's real entry point (TypeScript, transpiled on the fly) and collects how it ended. */
function runApp(app: 'api' | 'worker', env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, `apps/${app}/src/main.ts`)], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', TS_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const kill = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

describe('start-up with bad configuration fails fast with a one-line reason', () => {
  const cases: Array<[string, 'api' | 'worker', NodeJS.ProcessEnv, RegExp]> = [
    ['malformed DATABASE_URL', 'api', { DATABASE_URL: 'not a url' }, /^accord-api: cannot start: Invalid configuration: DATABASE_URL must be a URL/],
    ['unreachable PostgreSQL', 'api', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/accord' }, /^accord-api: cannot start: PostgreSQL refused the connection at 127\.0\.0\.1:1\/accord/],
    ['malformed TEMPORAL_ADDRESS', 'worker', { TEMPORAL_ADDRESS: 'nowhere' }, /^accord-worker: cannot start: Invalid configuration: TEMPORAL_ADDRESS must be host:port/],
    ['unreachable Temporal', 'api', { TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_CONNECT_TIMEOUT_MS: '3000' }, /^accord-api: cannot start: (cannot reach Temporal at 127\.0\.0\.1:1|Temporal at 127\.0\.0\.1:1)/],
    ['unreachable Temporal (worker)', 'worker', { TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_CONNECT_TIMEOUT_MS: '3000' }, /^accord-worker: cannot start: (cannot reach Temporal at 127\.0\.0\.1:1|Temporal at 127\.0\.0\.1:1)/],
    ['unreadable SMTP_TLS_CA_PATH', 'worker', { SMTP_TLS_CA_PATH: '/nonexistent/smtp-ca.pem' }, /^accord-worker: cannot start: Invalid configuration: SMTP_TLS_CA_PATH cannot be read \(ENOENT: \/nonexistent\/smtp-ca\.pem\)/],
    ['unknown Temporal namespace', 'api', { TEMPORAL_NAMESPACE: 'no-such-namespace' }, /^accord-api: cannot start: .*namespace.*no-such-namespace/i],
  ];

  it.each(cases)('%s', async (_name, app, env, expected) => {
    const { code, stderr, ms } = await runApp(app, env);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(ms).toBeLessThan(25000);
  });
});
