import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LogTail } from './log-tail';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

/** The temporal CLI: $TEMPORAL_CLI (set by `npm run test:faults`), else the cached build in .tools/bin. */
export function temporalCli(): string {
  const cli = process.env.TEMPORAL_CLI ?? join(root, '.tools', 'bin', 'temporal');
  if (!existsSync(cli)) throw new Error(`the temporal CLI is missing (${cli}): run the suite with \`npm run test:faults\`, which provisions it`);
  return cli;
}

/**
 * `temporal server start-dev` on a state file of its own (SQLite), started the way scripts/lib/temporal-dev-server.mjs
 * starts it (same flags, same search attributes), in its own process group so `kill9()` takes the whole server down
 * at once, like a crashed machine; `start()` again reopens the same file.
 */
export class TemporalDevServer {
  private child?: ChildProcess;
  readonly log = new LogTail();

  constructor(
    readonly port: number,
    readonly dbFile: string,
    private readonly cli = temporalCli(),
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const attributes = JSON.parse(readFileSync(join(root, 'libs', 'contracts', 'search-attributes.json'), 'utf8')) as Record<string, string>;
    const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(this.port), '--headless', '--log-level', 'warn', '--db-filename', this.dbFile];
    for (const [name, type] of Object.entries(attributes)) args.push('--search-attribute', `${name}=${type}`);
    const child = spawn(this.cli, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d) => this.log.add(d));
    child.stderr!.on('data', (d) => this.log.add(d));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Temporal dev server exited (${child.exitCode}) before it served:\n${this.log.text()}`);
      const { stdout } = await run(this.cli, ['operator', 'cluster', 'health', '--address', this.address], { timeout: 5000 }).catch(() => ({ stdout: '' }));
      if (stdout.includes('SERVING')) return;
      if (Date.now() > deadline) throw new Error(`Temporal dev server not serving within 90 s:\n${this.log.text()}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL to the server's process group: no flush, no goodbye. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => this.killNow(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  killNow(): void {
    if (this.child && this.running) {
      try {
        process.kill(-this.child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}
