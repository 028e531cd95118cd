import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, DatabaseSettings } from './data-source-options';

function describeTarget(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
}

/** Turns a pg / network error into a short reason an operator can act on. */
export function describeDatabaseError(err: unknown, url: string): string {
  const e = err as { code?: string; message?: string };
  const target = describeTarget(url);
  switch (e.code) {
    case 'ECONNREFUSED':
      return `PostgreSQL refused the connection at ${target} (is it running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `PostgreSQL host not found for ${target}`;
    case 'ETIMEDOUT':
      return `PostgreSQL at ${target} did not answer in time`;
    case '28P01':
    case '28000':
      return `PostgreSQL rejected the credentials for ${target}`;
    case '3D000':
      return `database does not exist at ${target}`;
    default:
      return `PostgreSQL at ${target}: ${e.message?.split('\n')[0] ?? String(err)}`;
  }
}

/** Creates the database named in the URL when it is missing (connecting to the server's `postgres` database). */
export async function ensureDatabaseExists(db: DatabaseSettings): Promise<boolean> {
  const target = new URL(db.url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(db.url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: db.connectTimeoutMs ?? 5000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (err) {
    // Two processes creating the same database at once: the loser sees duplicate_database, which is fine.
    if ((err as { code?: string }).code === '42P04') return false;
    throw err;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(db: DatabaseSettings): Promise<void> {
  const name = decodeURIComponent(new URL(db.url).pathname.slice(1));
  const admin = new URL(db.url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Creates the database if needed and applies pending migrations; returns the names of those applied. */
export async function prepareDatabase(db: DatabaseSettings): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabaseExists(db);
  const ds = new DataSource(dataSourceOptions(db));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return { created, applied: applied.map((m) => m.name) };
  } finally {
    await ds.destroy();
  }
}
