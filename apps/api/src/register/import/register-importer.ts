import { createHash, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { agreementWorkflowId, BilateralAgreementInput } from '../../../../../libs/contracts';
import {
  AuditEventRepository,
  DocumentStorage,
  ImportedDocumentRow,
  ImportedProposalRow,
  ImportedRow,
  PostgresDocumentStorage,
  TreatyRegisterRepository,
  UserDirectoryRepository,
} from '../../../../../libs/db';
import { AgreementData, CURRENT_DEFINITION_VERSION, DocumentRef, ulaanbaatarDate } from '../../../../../libs/domain';
import type { ProposalWorkflowGateway } from '../../../../../libs/temporal';
import { importFormatOf, readCsvRecords, readJsonRecords } from './register-import-file';
import { AgreementImport, checkImportRecords, ConventionImport, ImportProblem, ImportRecord } from './register-import-record';

export type ImportOutcomeKind = 'created' | 'resumed' | 'unchanged' | 'failed';

export interface ImportOutcome {
  record: number;
  key: string;
  category: 'convention' | 'bilateral';
  outcome: ImportOutcomeKind;
  proposalId?: string;
  stage?: string;
  /** Why it failed, or what a person should know about an unchanged record. */
  note?: string;
}

export interface ImportReport {
  source: string;
  /** One per record when the file was valid; empty when it was not (then nothing was written). */
  outcomes: ImportOutcome[];
  /** Problems with the file or its records; any of them means nothing was imported. */
  problems: ImportProblem[];
  counts: Record<ImportOutcomeKind, number>;
}

export interface RegisterImportDeps {
  dataSource: DataSource;
  /** Connects to Temporal, only when a bilateral instrument's workflow must be started (conventions need none). */
  workflows: () => Promise<ProposalWorkflowGateway>;
  storage?: DocumentStorage;
  now?: () => Date;
}

export interface RegisterImportOptions {
  /** Email of the person who owns the imported instruments unless a record names its own. */
  owner?: string;
}

/** Imported instruments have real historical dates, so they always live on the real calendar. */
const REAL_CLOCK = { dayMs: 86_400_000, calendarOrigin: null };
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Reads a JSON or CSV file (by its extension) and imports it; relative document paths are relative to the file. */
export async function importRegisterFile(deps: RegisterImportDeps, path: string, opts: RegisterImportOptions = {}): Promise<ImportReport> {
  const source = basename(path);
  const format = importFormatOf(path);
  const fail = (reason: string, reasonMn: string) => report(source, [], [{ record: 0, key: null, field: '(file)', reason, reasonMn }]);
  if (!format) return fail(`${source}: the file must end in .json or .csv`, `${source}: файл .json эсвэл .csv өргөтгөлтэй байна`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return fail(`${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, `${path} файлыг уншиж чадсангүй`);
  }
  const read = format === 'json' ? readJsonRecords(text) : await readCsvRecords(text);
  if (read.problems.length) return finish(deps, report(source, [], read.problems));
  return importRegisterRecords(deps, read.records, { ...opts, source, baseDir: dirname(resolve(path)) });
}

/**
 * Imports instruments concluded before Accord, each directly in its final state, idempotently by natural key:
 * - a convention becomes an accession row in COMPLETED with one IMPORTED event, and no workflow;
 * - a bilateral instrument becomes an agreement row whose workflow starts in its final stage (IN_FORCE,
 *   TERMINATED or EXPIRED) and keeps only its future dates, so the import sends no email.
 * Every record is checked first; if any is wrong, nothing is written. A record already imported is left as it
 * is ("unchanged"); one whose row was stored but whose workflow never started (an interrupted import) is finished.
 */
export async function importRegisterRecords(
  deps: RegisterImportDeps,
  raw: unknown[],
  opts: RegisterImportOptions & { source: string; baseDir: string },
): Promise<ImportReport> {
  const now = deps.now?.() ?? new Date();
  const { records, problems } = checkImportRecords(raw, { today: ulaanbaatarDate(now) });
  const fingerprints = new Map(records.map((r) => [r.key, fingerprint(raw[r.record - 1])]));
  const register = new TreatyRegisterRepository(deps.dataSource);
  const existing = await register.findImported(records.map((r) => r.key));
  for (const r of records) {
    const found = existing.get(r.key);
    const kind = r.category === 'convention' ? 'accession' : 'agreement';
    if (found && found.kind !== kind) {
      problems.push({ record: r.record, key: r.key, field: 'key', reason: `is already used by an imported ${found.kind}`, reasonMn: `өөр төрлийн (${found.kind}) бүртгэлд ашиглагдсан` });
    }
  }
  const fresh = records.filter((r) => !existing.has(r.key));
  const owners = await resolveOwners(deps.dataSource, fresh, opts.owner, problems);
  const documents = await readDocuments(fresh, opts.baseDir, problems);
  if (problems.length) return finish(deps, report(opts.source, [], problems));

  // Connect before writing anything: with Temporal away, the import stops whole rather than half done.
  const needsWorkflow = records.some((r) => r.category === 'bilateral' && (existing.get(r.key)?.lastEventSeq ?? 0) === 0);
  let workflows: ProposalWorkflowGateway | null = null;
  if (needsWorkflow) {
    try {
      workflows = await deps.workflows();
    } catch (err) {
      const reason = `Temporal is not reachable, so bilateral instruments cannot be imported: ${(err as Error).message}`;
      return finish(deps, report(opts.source, [], [{ record: 0, key: null, field: '(temporal)', reason, reasonMn: 'Temporal-д холбогдож чадсангүй; хоёр талын баримт бичгийг импортлох боломжгүй' }]));
    }
  }

  const storage = deps.storage ?? new PostgresDocumentStorage(deps.dataSource);
  const outcomes: ImportOutcome[] = [];
  for (const r of records) {
    const base = { record: r.record, key: r.key, category: r.category };
    const found = existing.get(r.key);
    try {
      if (found) {
        const differs = stored(found).fingerprint !== fingerprints.get(r.key);
        const note = differs ? 'the file differs from what was imported; the register keeps the imported record' : undefined;
        if (r.category === 'bilateral' && found.lastEventSeq === 0) {
          // Stored, but its workflow has not reported yet: start it from the stored row (a no-op if it runs).
          const started = await workflows!.startBilateralAgreement(agreementInput(found));
          outcomes.push({ ...base, outcome: started ? 'resumed' : 'unchanged', proposalId: found.id, stage: found.stage, note: started ? undefined : note ?? 'its workflow is starting' });
        } else outcomes.push({ ...base, outcome: 'unchanged', proposalId: found.id, stage: found.stage, note });
        continue;
      }
      const owner = owners.get(r.key)!;
      const docs = documents.get(r.key) ?? [];
      for (const d of docs) await storage.put(d.row.sha256, d.content);
      const imported = { key: r.key, source: opts.source, fingerprint: fingerprints.get(r.key)!, note: r.note || null };
      if (r.category === 'convention') {
        const row = conventionRow(r, owner, docs.map((d) => d.row), imported);
        const created = await register.insertImported(row, docs.map((d) => d.row), {
          workflowId: row.workflowId,
          type: 'IMPORTED',
          actorId: owner.id,
          toStage: 'COMPLETED',
          data: { key: r.key, source: opts.source, depositDate: r.depositDate, entryIntoForce: r.entryIntoForce },
        });
        outcomes.push({ ...base, outcome: created ? 'created' : 'unchanged', proposalId: row.id, stage: row.stage });
      } else {
        const row = agreementRow(r, owner, imported);
        const created = await register.insertImported(row, docs.map((d) => d.row), null);
        if (!created) {
          outcomes.push({ ...base, outcome: 'unchanged', stage: row.stage, note: 'imported meanwhile by another run' });
          continue;
        }
        try {
          await workflows!.startBilateralAgreement(agreementInput(row));
          outcomes.push({ ...base, outcome: 'created', proposalId: row.id, stage: row.stage });
        } catch (err) {
          outcomes.push({ ...base, outcome: 'failed', proposalId: row.id, stage: row.stage, note: `stored, but its workflow could not be started (${(err as Error).message}); run the import again to finish` });
        }
      }
    } catch (err) {
      outcomes.push({ ...base, outcome: 'failed', note: (err as Error).message });
    }
  }
  return finish(deps, report(opts.source, outcomes, []));
}

function report(source: string, outcomes: ImportOutcome[], problems: ImportProblem[]): ImportReport {
  const counts = { created: 0, resumed: 0, unchanged: 0, failed: 0 };
  for (const o of outcomes) counts[o.outcome]++;
  // A file with problems imports nothing: every record of it counts as failed.
  counts.failed += new Set(problems.map((p) => p.record)).size;
  return { source, outcomes, problems, counts };
}

/** Changes and failures go to the audit trail; a run that changed nothing leaves no trace. */
async function finish(deps: RegisterImportDeps, r: ImportReport): Promise<ImportReport> {
  if (r.counts.created + r.counts.resumed + r.counts.failed > 0) {
    await new AuditEventRepository(deps.dataSource).append({
      action: 'cli.register_import',
      outcome: r.counts.failed > 0 ? 'failure' : 'success',
      details: { source: r.source, ...r.counts, problems: r.problems.slice(0, 20).map((p) => `record ${p.record} ${p.field}: ${p.reason}`) },
    });
  }
  return r;
}

interface StoredImport {
  key: string;
  source: string;
  fingerprint: string;
  note: string | null;
}

const stored = (row: ImportedRow): Partial<StoredImport> => (row.details.imported ?? {}) as Partial<StoredImport>;

/** The record as the file wrote it, keys sorted: a re-import can tell whether the file changed since. */
function fingerprint(raw: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(raw))).digest('hex');
}

interface Owner {
  id: string;
  division: string | null;
}

async function resolveOwners(ds: DataSource, records: ImportRecord[], fallback: string | undefined, problems: ImportProblem[]): Promise<Map<string, Owner>> {
  const users = new UserDirectoryRepository(ds);
  const byEmail = new Map<string, Owner | null>();
  const out = new Map<string, Owner>();
  for (const r of records) {
    const email = (r.owner ?? fallback ?? '').trim().toLowerCase();
    if (!email) {
      problems.push({ record: r.record, key: r.key, field: 'owner', reason: 'no owner: give --owner <email> or an owner field', reasonMn: 'хариуцагч алга: --owner <имэйл> эсвэл owner талбарыг өгнө үү' });
      continue;
    }
    if (!byEmail.has(email)) {
      const u = await users.findByEmail(email);
      byEmail.set(email, u && u.active ? { id: u.id, division: u.division } : null);
    }
    const owner = byEmail.get(email);
    if (!owner) problems.push({ record: r.record, key: r.key, field: 'owner', reason: `${email} is not an active person in Accord`, reasonMn: `${email} Accord-д идэвхтэй хэрэглэгч биш` });
    else out.set(r.key, owner);
  }
  return out;
}

interface ReadDocument {
  row: ImportedDocumentRow;
  content: Buffer;
}

async function readDocuments(records: ImportRecord[], baseDir: string, problems: ImportProblem[]): Promise<Map<string, ReadDocument[]>> {
  const out = new Map<string, ReadDocument[]>();
  for (const r of records) {
    const docs: ReadDocument[] = [];
    const versions = new Map<string, number>();
    for (const [i, d] of r.documents.entries()) {
      const file = isAbsolute(d.path) ? d.path : resolve(baseDir, d.path);
      const field = `documents[${i}].path`;
      try {
        const info = await stat(file);
        if (!info.isFile() || info.size === 0 || info.size > MAX_DOCUMENT_BYTES) {
          problems.push({ record: r.record, key: r.key, field, reason: `${d.path} must be a non-empty file of at most 50 MB`, reasonMn: `${d.path} нь 50 МБ-аас ихгүй, хоосон биш файл байна` });
          continue;
        }
        const content = await readFile(file);
        const version = (versions.get(d.kind) ?? 0) + 1;
        versions.set(d.kind, version);
        const fileName = basename(file).slice(0, 255);
        docs.push({
          content,
          row: {
            id: randomUUID(),
            kind: d.kind,
            version,
            fileName,
            contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
            sizeBytes: content.length,
            sha256: createHash('sha256').update(content).digest('hex'),
            uploadRequestId: `import:${r.key}:${d.kind}:${version}`,
          },
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        problems.push({ record: r.record, key: r.key, field, reason: `${d.path} cannot be read (${code})`, reasonMn: `${d.path} файлыг уншиж чадсангүй (${code})` });
      }
    }
    out.set(r.key, docs);
  }
  return out;
}

function conventionRow(r: ConventionImport, owner: Owner, docs: ImportedDocumentRow[], imported: StoredImport): ImportedProposalRow {
  const documents: DocumentRef[] = docs.map((d) => ({ kind: d.kind, documentId: d.id, version: d.version, fileName: d.fileName }));
  return {
    id: randomUUID(),
    kind: 'accession',
    titleEn: r.titleEn,
    titleMn: r.titleMn,
    summary: r.summary,
    ownerId: owner.id,
    division: owner.division,
    stage: 'COMPLETED',
    status: 'completed',
    // No workflow runs for it; the id only has to be unique (and say why there is none).
    workflowId: `imported-accession-${r.key}`,
    workflowStatus: 'IMPORTED',
    definitionVersion: CURRENT_DEFINITION_VERSION.accession,
    // The same shape the accession workflow projects, so lists, the detail page and the register read it alike.
    details: {
      fields: { conventionCode: r.conventionCode },
      documents,
      remarks: [],
      actionItems: [],
      cabinet: null,
      parliament: r.law ? { outcome: 'ratified', lawNumber: r.law.lawNumber, ...(r.law.lawDate ? { lawDate: r.law.lawDate } : {}) } : null,
      deposit: { depositDate: r.depositDate, entryIntoForce: r.entryIntoForce },
      annexesAccepted: r.annexesAccepted,
      reservations: r.reservations,
      imported: { ...imported, entryIntoForceComputed: r.entryIntoForceComputed },
    },
    createRequestId: `import:${r.key}`,
    lastEventSeq: 1,
  };
}

function agreementRow(r: AgreementImport, owner: Owner, imported: StoredImport): ImportedProposalRow {
  const id = randomUUID();
  const agreement: AgreementData = { ...r.agreement, imported: { key: r.key, source: imported.source } };
  return {
    id,
    kind: 'agreement',
    titleEn: r.titleEn,
    titleMn: r.titleMn,
    summary: r.summary,
    ownerId: owner.id,
    division: owner.division,
    stage: r.stage,
    // As the workflow will report it (importedAgreementState), so the row reads right before it does.
    status: r.stage === 'IN_FORCE' ? 'open' : r.stage === 'TERMINATED' ? 'terminated' : 'expired',
    workflowId: agreementWorkflowId(id),
    workflowStatus: 'STARTING',
    definitionVersion: CURRENT_DEFINITION_VERSION.agreement,
    details: { fields: r.fields, agreement, documents: [], imported },
    createRequestId: `import:${r.key}`,
    lastEventSeq: 0,
  };
}

/** The workflow's input from the stored row, so a retried import starts exactly what the first one stored. */
function agreementInput(row: Pick<ImportedRow, 'id' | 'ownerId' | 'division' | 'definitionVersion' | 'stage' | 'details'>): BilateralAgreementInput {
  const details = row.details as { fields: Record<string, string>; agreement: AgreementData };
  return {
    proposalId: row.id,
    ownerId: row.ownerId!,
    division: row.division,
    definitionVersion: row.definitionVersion,
    fields: details.fields,
    agreement: details.agreement,
    clock: REAL_CLOCK,
    imported: { stage: row.stage as 'IN_FORCE' | 'TERMINATED' | 'EXPIRED' },
  };
}
