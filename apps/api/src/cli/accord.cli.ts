// `npm run accord -- <command>`: administration commands that need no running API.
//   users:create-admin --email <email> [--name-mn ..] [--name-latin ..] [--language mn|en] [--division ..] [--password-stdin]
//   seed:dev [--password-stdin]
//   register:import --file <path.json|path.csv> [--owner <email>]
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../../../../libs/config';
import { describeDatabaseError } from '../../../../libs/db';
import { openDatabase } from './cli-database';
import { createAdmin } from './create-admin.command';
import { DEV_PASSWORD } from './dev-organisation';
import { readFirstLine } from './read-secret';
import { describeImport, importRegister, seedTreatyRegister } from './register-import.command';
import { seedDevelopment } from './seed-dev.command';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Runs one command against the configured database; every failure is one line on stderr and exit code 1. */
async function withDatabase(
  name: string,
  fn: (ds: Awaited<ReturnType<typeof openDatabase>>, cfg: ReturnType<typeof loadConfig>) => Promise<void>,
  opts: { developmentOnly?: boolean } = {},
): Promise<void> {
  let url = '';
  try {
    const cfg = loadConfig();
    // Checked before touching the database: a production database is not even migrated by this command.
    if (opts.developmentOnly && cfg.env === 'production') throw new Error('refused: this command never runs with NODE_ENV=production');
    url = cfg.database.url;
    const ds = await openDatabase(cfg);
    try {
      await fn(ds, cfg);
    } finally {
      await ds.destroy();
    }
  } catch (err) {
    const e = err as Error & { code?: string };
    const reason = err instanceof ConfigError ? e.message : e.code && url ? describeDatabaseError(err, url) : e.message;
    process.stderr.write(`accord ${name}: ${reason}\n`);
    process.exitCode = 1;
  }
}

const program = new Command('accord').description('Accord administration commands').showHelpAfterError();

program
  .command('users:create-admin')
  .description('Create the first administrator (or make an existing account one); prints a one-time password unless --password-stdin')
  .requiredOption('--email <email>', 'their email (the sign-in name)')
  .option('--name-mn <name>', 'name in Mongolian', 'Администратор')
  .option('--name-latin <name>', 'name in Latin script', 'Administrator')
  .addOption(new Option('--language <lang>', 'preferred language').choices(['mn', 'en']).default('mn'))
  .option('--division <code>', 'division code, e.g. information-technology')
  .option('--password-stdin', 'read the password from the first line of stdin instead of generating one')
  .action(async (o: { email: string; nameMn: string; nameLatin: string; language: 'mn' | 'en'; division?: string; passwordStdin?: boolean }) => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(o.email)) {
      process.stderr.write(`accord users:create-admin: --email must be an email address (got "${o.email}")\n`);
      process.exitCode = 1;
      return;
    }
    const password = o.passwordStdin ? await readFirstLine() : undefined;
    await withDatabase('users:create-admin', async (ds, cfg) => {
      const r = await createAdmin(ds, cfg, { email: o.email, nameMn: o.nameMn, nameLatin: o.nameLatin, language: o.language, division: o.division, password });
      if (r.outcome === 'created') {
        out(`created admin ${o.email} (id ${r.userId})`);
        if (r.oneTimePassword) out(`one-time password (shown once; change it after signing in): ${r.oneTimePassword}`);
      } else if (r.outcome === 'promoted') out(`${o.email} existed; it is now an active admin (id ${r.userId}). Its password is unchanged.`);
      else out(`${o.email} is already an active admin (id ${r.userId}); nothing changed.`);
    });
  });

program
  .command('seed:dev')
  .description('Create a small development organisation (officers, each approver role, leadership, admin); refused in production')
  .option('--password-stdin', `read their common password from stdin (default "${DEV_PASSWORD}")`)
  .action(async (o: { passwordStdin?: boolean }) => {
    const password = o.passwordStdin ? await readFirstLine() : DEV_PASSWORD;
    await withDatabase('seed:dev', async (ds, cfg) => {
      const people = await seedDevelopment(ds, cfg, password);
      for (const p of people) out(`${p.created ? 'created' : 'exists '}  ${p.email.padEnd(34)} ${p.roles.join(', ')}`);
      out(`password for new accounts: ${o.passwordStdin ? '(as given on stdin)' : password}`);
      // The treaty register as it stands (conventions acceded, bilateral agreements and MoUs): realistic from the start.
      const register = describeImport(await seedTreatyRegister(ds, cfg), { perRecord: false });
      register.err.forEach(err);
      register.out.forEach(out);
      if (register.err.length) process.exitCode = 1;
    }, { developmentOnly: true });
  });

program
  .command('register:import')
  .description('Import instruments concluded before Accord into the treaty register (JSON or CSV); idempotent by natural key, sends no email')
  .requiredOption('--file <path>', 'the .json or .csv file (format: apps/api/src/register/import/register-import-file.ts)')
  .option('--owner <email>', 'who owns the imported instruments, unless a record names its own owner')
  .action(async (o: { file: string; owner?: string }) => {
    await withDatabase('register:import', async (ds, cfg) => {
      const report = describeImport(await importRegister(ds, cfg, o.file, o.owner));
      report.err.forEach(err);
      report.out.forEach(out);
      if (report.err.length) process.exitCode = 1;
    });
  });

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`accord: ${err.message}\n`);
  process.exitCode = 1;
});
