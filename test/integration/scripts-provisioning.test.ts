import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Runs an expression against one of the scripts' ES modules in a plain node process; returns its JSON result. */
function callScript(module: string, expression: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const code = `import(${JSON.stringify(join(root, module))}).then(async (m) => process.stdout.write(JSON.stringify(await (${expression}))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', code], { env, encoding: 'utf8', stdio: 'pipe' }) || 'null');
}

describe('npm start / npm test provisioning (scripts/lib)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accord-scripts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('dependenciesOutOfDate (ensureDependencies runs npm ci when it names a reason)', () => {
    const check = () => callScript('scripts/lib/process-tools.mjs', `m.dependenciesOutOfDate(${JSON.stringify(dir)})`);
    const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

    it('wants an install when node_modules is missing', () => {
      writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
      expect(check()).toBe('node_modules is missing');
    });

    it('without its own stamp: wants one when package-lock.json is newer than the last install, not otherwise', () => {
      mkdirSync(join(dir, 'node_modules'));
      writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
      writeFileSync(join(dir, 'node_modules', '.package-lock.json'), '{}');
      at(join(dir, 'node_modules', '.package-lock.json'), 1_700_000_000);
      at(join(dir, 'package-lock.json'), 1_700_000_100);
      expect(check()).toBe('package-lock.json is newer than node_modules');
      at(join(dir, 'node_modules', '.package-lock.json'), 1_700_000_200);
      expect(check()).toBeNull();
    });

    it('with the stamp of the last install: only a change of the lock file’s content counts, not its time', () => {
      mkdirSync(join(dir, 'node_modules'));
      writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
      writeFileSync(join(dir, 'node_modules', '.package-lock.json'), '{}');
      const hash = execFileSync('sha256sum', [join(dir, 'package-lock.json')], { encoding: 'utf8' }).split(' ')[0];
      writeFileSync(join(dir, 'node_modules', '.accord-lock-sha256'), `${hash}\n`);
      at(join(dir, 'node_modules', '.package-lock.json'), 1_700_000_000);
      at(join(dir, 'package-lock.json'), 1_700_000_100); // touched by a checkout, same content
      expect(check()).toBeNull();
      writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
      expect(check()).toBe('package-lock.json changed since the last install');
    });
  });

  describe('locateTemporalCli: $TEMPORAL_CLI, then a `temporal` on PATH of the expected version, then the cached build', () => {
    function fakeTemporal(folder: string, version: string): string {
      mkdirSync(folder, { recursive: true });
      const path = join(folder, 'temporal');
      writeFileSync(path, `#!/bin/sh\necho "temporal version ${version}"\n`);
      chmodSync(path, 0o755);
      return path;
    }
    const locate = (env: NodeJS.ProcessEnv, cachedPath: string) =>
      callScript('scripts/lib/temporal-cli.mjs', `m.locateTemporalCli({ env: ${JSON.stringify(env)}, cachedPath: ${JSON.stringify(cachedPath)} })`) as {
        path: string | null;
        source: string | null;
        skipped?: string;
      };

    it('prefers $TEMPORAL_CLI over everything, and refuses one that does not run', () => {
      const explicit = fakeTemporal(join(dir, 'explicit'), '1.4.0 (Server 1.28.0, UI 2.40.0)');
      const pathDir = join(dir, 'path');
      fakeTemporal(pathDir, '1.5.1 (Server 1.29.1, UI 2.42.1)');
      expect(locate({ TEMPORAL_CLI: explicit, PATH: `${pathDir}:/usr/bin:/bin` }, join(dir, 'none'))).toEqual({ path: explicit, source: 'TEMPORAL_CLI' });
      expect(() => locate({ TEMPORAL_CLI: join(dir, 'missing'), PATH: '/usr/bin:/bin' }, join(dir, 'none'))).toThrow(/is not a working temporal binary/);
    });

    it('takes a `temporal` on PATH before the cached build when it is 1.5.x (a release, or a go install build with server 1.29)', () => {
      const cachedPath = fakeTemporal(join(dir, 'cache'), '0.0.0-DEV (Server 1.29.1, UI 2.42.1)');
      const release = fakeTemporal(join(dir, 'release'), '1.5.1 (Server 1.29.1, UI 2.42.1)');
      expect(locate({ PATH: `${join(dir, 'release')}:/usr/bin:/bin` }, cachedPath)).toEqual({ path: release, source: 'PATH' });
      const dev = fakeTemporal(join(dir, 'dev'), '0.0.0-DEV (Server 1.29.1, UI 2.42.1)');
      expect(locate({ PATH: `${join(dir, 'dev')}:/usr/bin:/bin` }, cachedPath)).toEqual({ path: dev, source: 'PATH' });
    });

    it('skips a `temporal` on PATH of another version (saying so), then uses the cached build, else asks for a build', () => {
      const cachedPath = fakeTemporal(join(dir, 'cache'), '0.0.0-DEV (Server 1.29.1, UI 2.42.1)');
      fakeTemporal(join(dir, 'old'), '1.3.0 (Server 1.27.1, UI 2.36.0)');
      const env = { PATH: `${join(dir, 'old')}:/usr/bin:/bin` };
      const found = locate(env, cachedPath);
      expect(found).toMatchObject({ path: cachedPath, source: 'cache' });
      expect(found.skipped).toContain('temporal version 1.3.0');
      expect(locate(env, join(dir, 'no-cache'))).toMatchObject({ path: null, source: null });
      expect(locate({ PATH: '/usr/bin:/bin' }, join(dir, 'no-cache'))).toEqual({ path: null, source: null });
    });
  });
});
