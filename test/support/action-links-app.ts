import { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActionsModule } from '../../apps/api/src/actions/actions.module';
import { TASK_DECISION_PORT, TaskDecisionOutcome, TaskDecisionPort } from '../../apps/api/src/actions/task-decision.port';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApiApp } from '../../apps/api/src/bootstrap/configure-api-app';
import { AppConfig } from '../../libs/config';
import { ActionTokenRepository, ProposalRepository } from '../../libs/db';
import { testConfig } from './accord-stack';

/**
 * Test-only TaskDecisionPort: records decisions in PostgreSQL with the rule the workflow enforces (one decision
 * per task; the same request id again is the same decision). Lets the action-link pages be tested end to end
 * before, and independently of, the workflow wiring.
 */
export class RecordingTaskDecisionPort implements TaskDecisionPort {
  /** Makes the next decide() throw, as if the workflow were unreachable. */
  failNext = false;
  /** Slows decide() down, to widen race windows. */
  delayMs = 0;
  readonly names = new Map<string, string>();

  constructor(private readonly ds: DataSource) {}

  static async createTable(ds: DataSource): Promise<void> {
    await ds.query(`
      CREATE TABLE IF NOT EXISTS test_task_decisions (
        task_id varchar(200) PRIMARY KEY,
        action varchar(48) NOT NULL,
        actor_id uuid NOT NULL,
        comment text NULL,
        request_id varchar(128) NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async decide(taskId: string, action: string, actorId: string, comment: string | null, requestId: string, context?: { sendWhen?: Promise<boolean> }): Promise<TaskDecisionOutcome> {
    if (context?.sendWhen && !(await context.sendWhen)) return { outcome: 'not_sent' };
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('workflow unreachable (test)');
    }
    const inserted: Array<{ decided_at: Date }> = await this.ds.query(
      `INSERT INTO test_task_decisions (task_id, action, actor_id, comment, request_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id) DO NOTHING RETURNING decided_at`,
      [taskId, action, actorId, comment, requestId],
    );
    if (inserted.length) return { outcome: 'applied', decidedAt: inserted[0].decided_at.toISOString() };
    const [d] = await this.ds.query(`SELECT * FROM test_task_decisions WHERE task_id = $1`, [taskId]);
    if (d.request_id === requestId) return { outcome: 'applied', decidedAt: d.decided_at.toISOString() };
    return { outcome: 'already_decided', decidedBy: this.names.get(d.actor_id) ?? d.actor_id, decidedAt: d.decided_at.toISOString(), decision: { mn: d.action, en: d.action } };
  }

  async decisions(taskId: string): Promise<Array<{ action: string; actor_id: string; comment: string | null; request_id: string }>> {
    return this.ds.query(`SELECT action, actor_id, comment, request_id FROM test_task_decisions WHERE task_id = $1`, [taskId]);
  }
}

export interface ActionLinksApp {
  config: AppConfig;
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  /** Set when started with `listen: true` (browser tests). */
  baseUrl?: string;
  dataSource: DataSource;
  tokens: ActionTokenRepository;
  decisions: RecordingTaskDecisionPort;
  /** A proposal in the read model, so pages can show its title. */
  createProposal(title?: { en: string; mn: string }): Promise<string>;
  close(): Promise<void>;
}

/** The real API app (guards, pipes, helmet, cookie parsing) plus the action-link routes on the recording port. */
export async function startActionLinksApp(opts: { env?: NodeJS.ProcessEnv; listen?: boolean } = {}): Promise<ActionLinksApp> {
  const config = testConfig(opts.env);
  let decisions!: RecordingTaskDecisionPort;
  const root = AppModule.forRoot(config);
  // Once the app registers the action links itself (with the workflow port), only the port is swapped here.
  const wired = (root.imports ?? []).some((m) => (m as DynamicModule | undefined)?.module === ActionsModule);
  // A factory, not a value: an overridden value provider counts as already resolved and would stay null.
  const placeholder = { provide: TASK_DECISION_PORT, useFactory: () => null };
  const moduleRef = await Test.createTestingModule({ imports: [root, ...(wired ? [] : [ActionsModule.register({ decisionPort: placeholder })])] })
    .overrideProvider(TASK_DECISION_PORT)
    .useFactory({ inject: [DataSource], factory: (ds: DataSource) => (decisions = new RecordingTaskDecisionPort(ds)) })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false, bodyParser: false, abortOnError: false });
  configureApiApp(app, config);
  await app.init();
  const dataSource = app.get(DataSource);
  decisions ??= app.get(TASK_DECISION_PORT, { strict: false });
  if (!(decisions instanceof RecordingTaskDecisionPort)) throw new Error('the action links did not get the recording decision port');
  await RecordingTaskDecisionPort.createTable(dataSource);
  let baseUrl: string | undefined;
  if (opts.listen) {
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }
  return {
    config,
    app,
    http: () => request(app.getHttpServer()),
    baseUrl,
    dataSource,
    tokens: app.get(ActionTokenRepository),
    decisions,
    async createProposal(title = { en: 'Accession to the Revised Kyoto Convention', mn: 'Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай' }) {
      const id = randomUUID();
      await app.get(ProposalRepository).insertDraftOnce({
        id,
        kind: 'accession',
        titleEn: title.en,
        titleMn: title.mn,
        summary: '',
        ownerId: randomUUID(),
        division: null,
        stage: 'DIVISION_REVIEW',
        workflowId: `proposal-${id}`,
        definitionVersion: 'accession-v1',
        details: {},
        createRequestId: `test-${id}`,
      });
      return id;
    },
    close: () => app.close(),
  };
}
