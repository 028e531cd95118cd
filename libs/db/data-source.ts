// Data source for the TypeORM CLI (`npm run migration:show`, `migration:generate`), built from the same config.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(loadConfig().database));
