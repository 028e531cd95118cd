import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config';
import { connectTemporalClient, ProposalWorkflowGateway } from '../../../../libs/temporal';
import { ImportReport, importRegisterFile, importRegisterRecords, RegisterImportDeps } from '../register/import/register-importer';
import seed from './seed/treaty-register.seed.json';

/** The development seed's instruments belong to this officer of the International Cooperation Division. */
export const SEED_REGISTER_OWNER = 'temuulen.b@customs.example';
export const SEED_REGISTER_SOURCE = 'treaty-register.seed.json';

/** Runs an import with a Temporal connection opened only if a bilateral instrument needs its workflow started. */
async function withWorkflows(ds: DataSource, cfg: AppConfig, run: (deps: RegisterImportDeps) => Promise<ImportReport>): Promise<ImportReport> {
  let client: Client | undefined;
  const deps: RegisterImportDeps = {
    dataSource: ds,
    workflows: async () => {
      client ??= await connectTemporalClient(cfg.temporal);
      return new ProposalWorkflowGateway(client, cfg.temporal.taskQueue);
    },
  };
  try {
    return await run(deps);
  } finally {
    await client?.connection.close().catch(() => undefined);
  }
}

/** `register:import --file <path.json|path.csv> [--owner <email>]`. */
export function importRegister(ds: DataSource, cfg: AppConfig, file: string, owner?: string): Promise<ImportReport> {
  return withWorkflows(ds, cfg, (deps) => importRegisterFile(deps, file, { owner }));
}

/** The development seed: the conventions Mongolia acceded to and its bilateral customs instruments. */
export function seedTreatyRegister(ds: DataSource, cfg: AppConfig): Promise<ImportReport> {
  if (cfg.env === 'production') throw new Error('the treaty register seed never runs with NODE_ENV=production');
  return withWorkflows(ds, cfg, (deps) =>
    importRegisterRecords(deps, (seed as { records: unknown[] }).records, { source: SEED_REGISTER_SOURCE, baseDir: __dirname, owner: SEED_REGISTER_OWNER }),
  );
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The report as lines for people: problems (both languages), one line per record, then the counts. */
export function describeImport(r: ImportReport, opts: { perRecord?: boolean } = { perRecord: true }): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  if (r.problems.length) {
    err.push(`${r.source}: nothing was imported; fix these and run again (${r.problems.length} problem(s)) / юу ч импортлогдсонгүй; дараах алдааг засаад дахин ажиллуулна уу:`);
    for (const p of r.problems) {
      const where = p.record === 0 ? 'file' : `record ${p.record}${p.key ? ` (${p.key})` : ''}`;
      err.push(`  ${where} ${p.field}: ${p.reason} / ${p.reasonMn}`);
    }
  }
  for (const o of r.outcomes) {
    const line = `  record ${pad(String(o.record), 3)} ${pad(o.key, 44)} ${pad(o.outcome, 9)} ${pad(o.stage ?? '', 10)}${o.note ? ` ${o.note}` : ''}`;
    if (o.outcome === 'failed') err.push(line);
    else if (opts.perRecord) out.push(line);
  }
  const c = r.counts;
  out.push(`treaty register import (${r.source}): ${c.created} created, ${c.resumed} resumed, ${c.unchanged} unchanged, ${c.failed} failed`);
  return { out, err };
}
