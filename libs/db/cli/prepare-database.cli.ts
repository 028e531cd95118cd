// `npm run db:prepare`: create the database when missing and apply pending migrations.
import { ConfigError, loadConfig } from '../../config';
import { describeDatabaseError, prepareDatabase } from '../prepare-database';

async function main(): Promise<void> {
  let url = '';
  try {
    const cfg = loadConfig();
    url = cfg.database.url;
    const { created, applied } = await prepareDatabase(cfg.database);
    const name = new URL(url).pathname.slice(1);
    process.stdout.write(
      `[accord] database ${name}: ${created ? 'created' : 'present'}; ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`,
    );
  } catch (err) {
    const reason = err instanceof ConfigError ? err.message : url ? describeDatabaseError(err, url) : (err as Error).message;
    process.stderr.write(`db:prepare: ${reason}\n`);
    process.exit(1);
  }
}

void main();
