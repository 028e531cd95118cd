import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, prepareDatabase } from '../../libs/db';

export interface PrivateDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/**
 * A migrated database of this test file's own (beside the run's shared one), for tests that need whole tables to
 * themselves: "no other admin exists", "no row changed anywhere". Dropped by `drop()`.
 */
export async function createPrivateDatabase(): Promise<PrivateDatabase> {
  const u = new URL(process.env.DATABASE_URL!);
  // Ends in this process's pid: `npm test` drops leftover accord_test_* databases whose last segment is a dead pid.
  u.pathname = `${u.pathname}_${randomUUID().slice(0, 8)}_${process.pid}`;
  const url = u.toString();
  await prepareDatabase({ url });
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 4 }));
  await dataSource.initialize();
  return {
    url,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase({ url });
    },
  };
}
