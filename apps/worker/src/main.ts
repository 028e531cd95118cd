import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { checkDatabaseReachable, checkTemporalReachable, preflight } from '../../../libs/startup';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';
import { installWorkerRuntime } from './worker-runtime';

async function bootstrap(): Promise<void> {
  process.env.ACCORD_PROCESS_NAME ??= 'accord-worker';
  const config = await preflight('accord-worker', [checkDatabaseReachable, checkTemporalReachable]);
  installWorkerRuntime(config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM/SIGINT: stop polling, let in-flight activities finish, close connections, exit 0.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  const worker = app.get(TemporalWorkerService);
  try {
    await worker.done;
  } catch (err) {
    process.stderr.write(`accord-worker: stopped: ${(err as Error).message.split('\n')[0]}\n`);
    closing = true;
    // With Temporal gone the SDK's shutdown may wait on polls that never end: give it a bounded time, then go.
    await Promise.race([app.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
    process.exit(1);
  }
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`accord-worker: cannot start: ${err.message.split('\n')[0]}\n`);
  process.exit(1);
});
