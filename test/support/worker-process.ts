import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig } from '../../libs/config';

const root = join(__dirname, '..', '..');

/** The real worker entry point as its own OS process, so a test can kill -9 it like a crash would. */
export class WorkerProcess {
  private child?: ChildProcess;
  output = '';

  /** `env`: variables beyond the config's task queue and SMTP server, e.g. another TEMPORAL_ADDRESS. */
  constructor(
    private readonly config: AppConfig,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'apps/worker/src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        TEMPORAL_TASK_QUEUE: this.config.temporal.taskQueue,
        SMTP_HOST: this.config.smtp.host,
        SMTP_PORT: String(this.config.smtp.port),
        LOG_LEVEL: 'info',
        TS_NODE_PROJECT: join(root, 'tsconfig.json'),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 60000;
    while (!/worker polling/.test(this.output)) {
      if (child.exitCode !== null) throw new Error(`worker exited early (${child.exitCode}): ${this.output.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`worker did not start: ${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit code when the process ends on its own (or at once if it already has). */
  exited(timeoutMs: number): Promise<number | null> {
    const child = this.child;
    if (!child) return Promise.resolve(null);
    if (!this.running) return Promise.resolve(child.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker still running after ${timeoutMs} ms: ${this.output.slice(-2000)}`)), timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  /** SIGKILL: no drain, no goodbye, exactly like a crashed machine. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the graceful path; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    return exited;
  }
}
