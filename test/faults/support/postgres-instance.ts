import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The PostgreSQL server binaries: $ACCORD_FAULTS_PG_BIN, else the newest Debian install, else `pg_config --bindir`. */
async function postgresBinDir(): Promise<string> {
  if (process.env.ACCORD_FAULTS_PG_BIN) return process.env.ACCORD_FAULTS_PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(debian, versions[0], 'bin');
  }
  const { stdout } = await run('pg_config', ['--bindir']).catch(() => ({ stdout: '' }));
  if (stdout.trim() && existsSync(join(stdout.trim(), 'initdb'))) return stdout.trim();
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql or set ACCORD_FAULTS_PG_BIN');
}

/**
 * A PostgreSQL cluster of the fault suite's own: `initdb` in a temporary folder, its own port on 127.0.0.1 and a
 * socket in that folder, so the shared server on 5432 is never touched. PostgreSQL refuses to run as root, so under
 * root every server command runs as the `postgres` user, which owns the folder.
 */
export class PostgresInstance {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: string | null,
  ) {}

  static async create(dir: string, port: number): Promise<PostgresInstance> {
    const bin = await postgresBinDir();
    const asUser = process.getuid?.() === 0 ? 'postgres' : null;
    mkdirSync(dir, { recursive: true });
    if (asUser) {
      const { stdout } = await run('id', ['-u', asUser]);
      const { stdout: gid } = await run('id', ['-g', asUser]);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const pg = new PostgresInstance(bin, dir, port, asUser);
    await pg.exec('initdb', ['-D', pg.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    return pg;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** URL of a database on this server. */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  }

  /**
   * `immediate` is a crash as far as clients can tell: every connection is cut at once, nothing is flushed
   * politely, and the next start runs crash recovery. `fast` is an orderly maintenance stop.
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running()) return;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  running(): boolean {
    return existsSync(join(this.dataDir, 'postmaster.pid'));
  }

  /** Synchronous last resort (process exit): SIGKILL the postmaster named in its pid file. */
  killNow(): void {
    try {
      const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      /* not running */
    }
  }

  logTail(chars = 3000): string {
    try {
      return readFileSync(join(this.dir, 'server.log'), 'utf8').slice(-chars);
    } catch {
      return '';
    }
  }

  private async exec(tool: string, args: string[]): Promise<string> {
    const cmd = join(this.bin, tool);
    const [file, argv] = this.asUser ? ['runuser', ['-u', this.asUser, '--', cmd, ...args]] : [cmd, args];
    try {
      const { stdout } = await run(file, argv, { cwd: this.dir, timeout: 90_000 });
      return stdout;
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${tool} ${args.slice(-1)[0]} failed: ${(e.stderr || e.message).trim().slice(0, 1000)}\n${this.logTail(1500)}`);
    }
  }
}
