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
  /** Activity attempts that failed in this process (workers log each one), over all its starts. */
  activityFailures = 0;
  /** Set by kill9()/stop(): the process is down because the test wanted it so. */
  private stoppedOnPurpose = false;

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
    const failures = this.log.counter(/"msg":"Activity failed"/);
    this.starts += 1;
    this.stoppedOnPurpose = false;
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, ENTRY[this.kind].main)], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TS_NODE_PROJECT: join(root, 'tsconfig.json'), ACCORD_PROCESS_NAME: `accord-${this.name}`, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const before = this.activityFailures;
    const log = this.log;
    const count = (d: Buffer) => {
      log.add(d);
      this.activityFailures = before + failures.n;
    };
    child.stdout!.on('data', count);
    child.stderr!.on('data', count);
    await this.log.waitFor(ENTRY[this.kind].ready, timeoutMs, () => (child.exitCode !== null || child.signalCode !== null ? `${this.name} exited (${child.exitCode ?? child.signalCode}) before it was ready` : null));
  }

  /** SIGKILL: no drain, no goodbye, exactly like a crashed machine. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.stoppedOnPurpose = true;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, the graceful path; SIGKILL if it does not finish in time. */
  async stop(graceMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.stoppedOnPurpose = true;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  killNow(): void {
    if (this.running) this.child!.kill('SIGKILL');
  }

  /** Why it is not running, if it stopped on its own (a finding: nobody asked it to). */
  exitReason(): string | null {
    const c = this.child;
    if (!c || this.running || this.stoppedOnPurpose) return null;
    return `${this.name} exited with ${c.exitCode ?? c.signalCode}: ${this.log.text(1500)}`;
  }
}
