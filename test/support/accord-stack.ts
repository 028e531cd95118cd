import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApiApp } from '../../apps/api/src/bootstrap/configure-api-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { installWorkerRuntime } from '../../apps/worker/src/worker-runtime';
import { AppConfig, loadConfig } from '../../libs/config';
import { startSmtpTestServer } from './smtp-test-server';

/**
 * The run's config with a task queue of this test file's own, so parallel files never take each other's tasks (nor
 * each other's rate-limit counters, which are per namespace and task queue in the shared database).
 */
export function testConfig(env: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({ ...process.env, TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`, ...env });
}

export interface AccordStack {
  config: AppConfig;
  api: INestApplication;
  worker?: INestApplicationContext;
  http: () => ReturnType<typeof request>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** The real API app and the real worker (same modules as production) against the run's Temporal and PostgreSQL. */
export async function startAccordStack(opts: { env?: NodeJS.ProcessEnv; worker?: boolean } = {}): Promise<AccordStack> {
  // Workflows send email; a stack without a mail server of the test's own gets a real SMTP sink on loopback.
  const sink = opts.env?.SMTP_PORT ? undefined : await startSmtpTestServer();
  const config = testConfig({ ...(sink?.env() ?? {}), ...opts.env });
  const api = await NestFactory.create(AppModule.forRoot(config), { logger: false, bodyParser: false, abortOnError: false });
  configureApiApp(api, config);
  await api.init();
  const stack: AccordStack = {
    config,
    api,
    http: () => request(api.getHttpServer()),
    async startWorker() {
      installWorkerRuntime(config.logLevel);
      const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false, abortOnError: false });
      await ctx.init();
      stack.worker = ctx;
    },
    async stopWorker() {
      await stack.worker?.close();
      stack.worker = undefined;
    },
    async close() {
      await stack.stopWorker();
      await api.close();
      await sink?.stop();
    },
  };
  if (opts.worker !== false) await stack.startWorker();
  return stack;
}

/** Polls until the check passes or the time is up; returns the last value for the assertion that follows. */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await fn();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await fn();
  }
  return last;
}
