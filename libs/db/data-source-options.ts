import { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DatabaseSettings {
  url: string;
  connectTimeoutMs?: number;
  poolSize?: number;
}

/** One place that turns settings into TypeORM options; schema only ever changes through migrations. */
export function dataSourceOptions(db: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: db.poolSize ?? 10,
      connectionTimeoutMillis: db.connectTimeoutMs ?? 5000,
      application_name: process.env.ACCORD_PROCESS_NAME ?? 'accord',
    },
  };
}
