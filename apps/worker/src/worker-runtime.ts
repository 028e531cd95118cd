import { LogLevel, LogMetadata } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import pino from 'pino';
import { baseLoggerOptions } from '../../../libs/logging';

const PINO_TO_SDK: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR', silent: 'ERROR' };

/**
 * Installs the SDK runtime once per process: SDK and activity logs go to the same JSON log as the rest of the
 * worker, and the SDK leaves signal handling to Nest (which drains the worker on SIGTERM).
 */
export function installWorkerRuntime(level: string): void {
  if (Runtime._instance) return;
  const log = pino(baseLoggerOptions(level, 'accord-worker'));
  const write = (lvl: LogLevel, message: string, meta?: LogMetadata) => {
    const method = lvl === 'TRACE' ? 'trace' : lvl === 'DEBUG' ? 'debug' : lvl === 'INFO' ? 'info' : lvl === 'WARN' ? 'warn' : 'error';
    log[method]({ temporal: meta }, message);
  };
  Runtime.install({
    shutdownSignals: [],
    logger: {
      log: write,
      trace: (m, meta) => write('TRACE', m, meta),
      debug: (m, meta) => write('DEBUG', m, meta),
      info: (m, meta) => write('INFO', m, meta),
      warn: (m, meta) => write('WARN', m, meta),
      error: (m, meta) => write('ERROR', m, meta),
    },
    telemetryOptions: { logging: { filter: { core: PINO_TO_SDK[level] === 'ERROR' ? 'ERROR' : 'WARN', other: 'ERROR' } } },
  });
}
