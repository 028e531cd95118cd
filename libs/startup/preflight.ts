import { Client } from 'pg';
import { AppConfig, ConfigError, loadConfig } from '../config';
import { describeDatabaseError } from '../db/prepare-database';
import { connectTemporalClient } from '../temporal/temporal-client';

/** A start-up failure with a reason fit for one log line. */
export class StartupError extends Error {}

export async function checkDatabaseReachable(cfg: AppConfig): Promise<void> {
  const client = new Client({ connectionString: cfg.database.url, connectionTimeoutMillis: cfg.database.connectTimeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new StartupError(describeDatabaseError(err, cfg.database.url));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkTemporalReachable(cfg: AppConfig): Promise<void> {
  try {
    const client = await connectTemporalClient(cfg.temporal);
    await client.connection.close();
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
}

/**
 * Loads config and checks dependencies before Nest starts; on failure prints `<app>: <reason>` on stderr and
 * exits 1, so a bad DATABASE_URL or TEMPORAL_ADDRESS costs the operator one line, not a stack trace.
 */
export async function preflight(app: string, checks: Array<(cfg: AppConfig) => Promise<void>>): Promise<AppConfig> {
  try {
    const cfg = loadConfig();
    await Promise.all(checks.map((check) => check(cfg)));
    return cfg;
  } catch (err) {
    const reason = err instanceof ConfigError || err instanceof StartupError ? err.message : `unexpected error: ${(err as Error).message}`;
    process.stderr.write(`${app}: cannot start: ${reason}\n`);
    process.exit(1);
  }
}
