import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabase, UserAccountRepository } from '../../../libs/db';
import type { RoleName } from '../../../libs/domain';
import { AccordProcess } from './accord-process';
import { ApiClient, Caller, expectStatus } from './api-client';
import { FaultSmtpServer } from './fault-smtp-server';
import { PostgresInstance } from './postgres-instance';
import { TemporalDevServer } from './temporal-server';

export const TASK_QUEUE = 'accord-faults';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface Person extends Caller {
  id: string;
  email: string;
  roles: RoleName[];
}

export type Organisation = Record<'owner' | 'head' | 'lawyer' | 'deputy' | 'chief' | 'leader', Person>;

/**
 * Everything Accord runs on, built on loopback for the fault suite alone: a PostgreSQL cluster (initdb in a
 * temporary folder, own port), a Temporal dev server on a state file in the same folder, an SMTP server, and the API
 * and worker as OS processes started from the sources. Each part can be killed and brought back.
 */
export class FaultWorld {
  readonly dir = mkdtempSync(join(tmpdir(), 'accord-faults-'));
  pg!: PostgresInstance;
  temporal!: TemporalDevServer;
  readonly smtp = new FaultSmtpServer();
  ds!: DataSource;
  connection!: Connection;
  client!: Client;
  readonly processes = new Map<string, AccordProcess>();
  readonly http = new ApiClient(() => this.liveApis());
  org!: Organisation;
  private bundlePath!: string;
  private readonly jwtSecret = randomBytes(32).toString('base64url');
  private readonly onExit = () => this.killNow();

  static async create(log: (msg: string) => void = () => undefined): Promise<FaultWorld> {
    const w = new FaultWorld();
    process.on('exit', w.onExit);
    chmodSync(w.dir, 0o755);
    const started = Date.now();
    const [pgPort, temporalPort] = [await freePort(), await freePort()];
    w.pg = await PostgresInstance.create(join(w.dir, 'pg'), pgPort);
    w.temporal = new TemporalDevServer(temporalPort, join(w.dir, 'temporal.sqlite'));
    await Promise.all([
      w.pg.start(),
      w.temporal.start(),
      w.smtp.start(),
      bundleWorkflowCode({ workflowsPath: require.resolve('../../../workflows'), logger: silentLogger }).then(({ code }) => {
        w.bundlePath = join(w.dir, 'workflow-bundle.js');
        writeFileSync(w.bundlePath, code);
      }),
    ]);
    log(`PostgreSQL on ${pgPort}, Temporal on ${temporalPort} (${w.temporal.dbFile}), SMTP on ${w.smtp.port} (${Date.now() - started} ms)`);
    await prepareDatabase({ url: w.databaseUrl });
    w.ds = new DataSource(dataSourceOptions({ url: w.databaseUrl, poolSize: 4, connectTimeoutMs: 2000 }));
    await w.ds.initialize();
    w.connection = await Connection.connect({ address: w.temporal.address });
    w.client = new Client({ connection: w.connection, namespace: 'default' });
    return w;
  }

  get databaseUrl(): string {
    return this.pg.url('accord_faults');
  }

  /** The environment of every Accord process: this world's services, one task queue, one signing key. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: this.databaseUrl,
      DATABASE_POOL_SIZE: '5',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      TEMPORAL_ADDRESS: this.temporal.address,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      ...this.smtp.env(),
      SMTP_CONNECT_TIMEOUT_MS: '2000',
      SMTP_SOCKET_TIMEOUT_MS: '10000',
      JWT_SECRET: this.jwtSecret,
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      RATE_LIMIT_LOGIN: '100000/60s',
      RATE_LIMIT_WRITES: '100000/60s',
      RATE_LIMIT_ACTIONS: '100000/60s',
      ACCORD_WORKFLOW_BUNDLE: this.bundlePath,
      ...extra,
    };
  }

  /** Starts (or restarts) an API process; a new one gets a free port, a restart keeps its port. */
  async api(name: string, extra: NodeJS.ProcessEnv = {}): Promise<AccordProcess> {
    let p = this.processes.get(name);
    if (!p) {
      const port = await freePort();
      p = new AccordProcess(name, 'api', this.env({ API_HOST: '127.0.0.1', API_PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...extra }));
      this.processes.set(name, p);
    }
    await p.start();
    return p;
  }

  async worker(name: string, extra: NodeJS.ProcessEnv = {}): Promise<AccordProcess> {
    let p = this.processes.get(name);
    if (!p) {
      p = new AccordProcess(name, 'worker', this.env(extra));
      this.processes.set(name, p);
    }
    await p.start();
    return p;
  }

  /** Names of API processes clients do not pick on their own (e.g. one with a shortened definition day). */
  readonly reserved = new Set<string>();

  /** Running API processes; reserved ones are held out of ordinary traffic. */
  liveApis(): Array<{ name: string; url: string; reserved: boolean }> {
    return [...this.processes.values()].filter((p) => p.kind === 'api' && p.running).map((p) => ({ name: p.name, url: p.url, reserved: this.reserved.has(p.name) }));
  }

  running(kind: 'api' | 'worker'): AccordProcess[] {
    return [...this.processes.values()].filter((p) => p.kind === kind && p.running);
  }

  /** Processes that died although nobody stopped them: a finding on its own. */
  unexpectedExits(): string[] {
    return [...this.processes.values()].map((p) => p.exitReason()).filter((r): r is string => !!r);
  }

  /** Activity attempts that failed so far, over every worker process. */
  activityFailures(): number {
    return [...this.processes.values()].reduce((n, p) => n + p.activityFailures, 0);
  }

  /** A small organisation (owner, the approval chain, leadership), signed in through the API. */
  async seedOrganisation(): Promise<Organisation> {
    const password = `faults-${randomBytes(9).toString('base64url')}`;
    const hash = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const accounts = new UserAccountRepository(this.ds);
    const make = async (key: string, roles: RoleName[], division: string | null, supervisorId: string | null) => {
      const email = `${key}@faults.customs.test`;
      const { user } = await accounts.createOnce({
        email,
        nameMn: `${key} туршилт`,
        nameLatin: `${key} faults`,
        language: key === 'lawyer' ? 'en' : 'mn',
        division,
        roles,
        supervisorId,
        passwordHash: hash,
        mustChangePassword: false,
        createRequestId: null,
      });
      const session = expectStatus(await this.http.call(null, 'POST', '/auth/login', { json: { email, password } }), 200);
      return { id: user.id, email, roles, token: session.body.accessToken as string };
    };
    const division = 'div-faults';
    const chief = await make('chief', ['commissioner_general'], division, null);
    const deputy = await make('deputy', ['deputy_commissioner'], division, chief.id);
    const head = await make('head', ['division_head'], division, deputy.id);
    const lawyer = await make('lawyer', ['legal'], division, deputy.id);
    const owner = await make('owner', ['officer'], division, head.id);
    const leader = await make('leader', ['leadership'], null, null);
    this.org = { chief, deputy, head, lawyer, owner, leader };
    return this.org;
  }

  killNow(): void {
    for (const p of this.processes.values()) p.killNow();
    this.temporal?.killNow();
    this.pg?.killNow();
  }

  async close(keepDir = false): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop(5000)));
    await this.connection?.close().catch(() => undefined);
    if (this.ds?.isInitialized) await this.ds.destroy().catch(() => undefined);
    await this.temporal?.stop().catch(() => undefined);
    await this.pg?.stop('fast').catch(() => this.pg.killNow());
    await this.smtp.stop().catch(() => undefined);
    process.off('exit', this.onExit);
    if (!keepDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

const noop = () => undefined;
const silentLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
