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
  private lost?: Promise<never>;
  private watchdog?: NodeJS.Timeout;
  private stopping = false;

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
    this.lost = new Promise<never>((_, reject) => this.watchTemporal(reject));
    this.lost.catch(() => undefined);
    this.logger.log({ taskQueue: t.taskQueue, namespace: t.namespace, address: t.address }, 'worker polling');
  }

  /**
   * Resolves when the worker stops; rejects when it failed, or when Temporal stayed unreachable for longer than
   * WORKER_TEMPORAL_UNREACHABLE_SECONDS (the SDK's pollers retry an unreachable server for ever, silently).
   */
  get done(): Promise<void> {
    return this.running ? Promise.race([this.running, this.lost!]) : Promise.resolve();
  }

  /**
   * Asks Temporal for its system info every few seconds (the SDK retries each ask a little); once every ask has
   * failed for the configured time, gives up with the reason of the last failure.
   */
  private watchTemporal(giveUp: (err: Error) => void): void {
    const t = this.config.temporal;
    const limitMs = t.unreachableExitSeconds * 1000;
    const everyMs = Math.min(5000, Math.max(250, Math.floor(limitMs / 5)));
    let unreachableSince: number | undefined;
    const probe = async () => {
      if (this.stopping || !this.connection) return;
      const startedAt = Date.now();
      try {
        await this.connection.withDeadline(startedAt + Math.min(5000, Math.max(1000, limitMs / 2)), () => this.connection!.workflowService.getSystemInfo({}));
        if (unreachableSince !== undefined) this.logger.log({ address: t.address, downForMs: Date.now() - unreachableSince }, 'Temporal reachable again');
        unreachableSince = undefined;
      } catch (err) {
        if (this.stopping) return;
        unreachableSince ??= startedAt;
        const downForMs = Date.now() - unreachableSince;
        const reason = describeTemporalError(err, t);
        if (downForMs >= limitMs) {
          const message = `${reason}; gave up after ${Math.round(downForMs / 1000)} s of retries`;
          this.logger.error({ address: t.address, downForMs }, message);
          giveUp(new Error(message));
          return;
        }
        this.logger.warn({ address: t.address, downForMs, reason }, 'Temporal unreachable; retrying');
      }
      this.watchdog = setTimeout(() => void probe(), everyMs);
      this.watchdog.unref();
    };
    this.watchdog = setTimeout(() => void probe(), everyMs);
    this.watchdog.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    if (this.worker && this.worker.getState() === 'RUNNING') {
      this.logger.log('draining: no new tasks, finishing in-flight activities');
      this.worker.shutdown();
    }
    await this.running?.catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }
}
