import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { LogTail } from './log-tail';

const root = join(__dirname, '..', '..', '..');

const ENTRY = {
  api: { main: 'apps/api/src/main.ts', ready: /"msg":"listening"/ },
  worker: { main: 'apps/worker/src/main.ts', ready: /worker polling/ },
} as const;

/**
 * The real API or worker entry point as an OS process of its own (ts-node, transpile only, so the suite runs the
 * sources in the tree), with the environment it is given and nothing inherited from the test runner's world.
 */
export class AccordProcess {
  private child?: ChildProcess;
  log = new LogTail();
  /** How often this process was started (a restart keeps the name and port). */
  starts = 0;

  constructor(
    readonly name: string,
    readonly kind: 'api' | 'worker',
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.env.API_PORT}`;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    if (this.running) return;
    this.log = new LogTail();
    this.starts += 1;
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, ENTRY[this.kind].main)], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TS_NODE_PROJECT: join(root, 'tsconfig.json'), ACCORD_PROCESS_NAME: `accord-${this.name}`, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => this.log.add(d));
    child.stderr!.on('data', (d) => this.log.add(d));
    await this.log.waitFor(ENTRY[this.kind].ready, timeoutMs, () => (child.exitCode !== null || child.signalCode !== null ? `${this.name} exited (${child.exitCode ?? child.signalCode}) before it was ready` : null));
  }

  /** SIGKILL: no drain, no goodbye, exactly like a crashed machine. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, the graceful path; SIGKILL if it does not finish in time. */
  async stop(graceMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  killNow(): void {
    if (this.running) this.child!.kill('SIGKILL');
  }

  /** Why it is not running, if it stopped on its own (for the report when a process dies unasked). */
  exitReason(): string | null {
    const c = this.child;
    if (!c || this.running) return null;
    return `${this.name} exited with ${c.exitCode ?? c.signalCode}: ${this.log.text(1500)}`;
  }
}
