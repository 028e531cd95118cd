import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { APP_CONFIG, AppConfig } from '../../../libs/config';
import { describeTemporalError, temporalConnectionSettings } from '../../../libs/temporal';
import { ActivityDependencies, createActivities } from '../../../activities';
import { ACTIVITY_DEPENDENCIES } from './activity-dependencies.provider';
import { workflowSource } from './workflow-source';

/**
 * Owns the Temporal worker inside the Nest context: activities are built from injected repositories, the worker
 * runs until shutdown, and on SIGTERM it stops polling and drains in-flight activities before the process exits.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TemporalWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ACTIVITY_DEPENDENCIES) private readonly deps: ActivityDependencies,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const t = this.config.temporal;
    try {
      this.connection = await NativeConnection.connect(temporalConnectionSettings(t));
    } catch (err) {
      throw new Error(describeTemporalError(err, t));
    }
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: t.namespace,
      taskQueue: t.taskQueue,
      ...workflowSource(),
      ...(t.maxCachedWorkflows ? { maxCachedWorkflows: t.maxCachedWorkflows } : {}),
      activities: createActivities(this.deps),
    });
    this.running = this.worker.run();
    this.logger.log({ taskQueue: t.taskQueue, namespace: t.namespace, address: t.address }, 'worker polling');
  }

  /** Resolves when the worker stops; rejects when it failed (e.g. Temporal unreachable after its retries). */
  get done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') {
      this.logger.log('draining: no new tasks, finishing in-flight activities');
      this.worker.shutdown();
    }
    await this.running?.catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }
}
