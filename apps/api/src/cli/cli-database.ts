import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config';
import { dataSourceOptions, prepareDatabase } from '../../../../libs/db';

/** Brings the schema up to date (as `npm start` would) and opens a data source for one command. */
export async function openDatabase(cfg: AppConfig): Promise<DataSource> {
  await prepareDatabase(cfg.database);
  process.env.ACCORD_PROCESS_NAME ??= 'accord-cli';
  const ds = new DataSource(dataSourceOptions(cfg.database));
  await ds.initialize();
  return ds;
}
