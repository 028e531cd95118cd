import { DataSource, EntityManager } from 'typeorm';

/** A proposals row as the treaty register reads it (details hold the kind's own data). */
export interface TreatyRegisterRow {
  id: string;
  kind: 'accession' | 'agreement';
  titleEn: string;
  titleMn: string;
  stage: string;
  status: string;
  ownerId: string | null;
  division: string | null;
  workflowStatus: string;
  details: Record<string, unknown>;
}

export interface TreatyRegisterFilter {
  category?: 'convention' | 'bilateral';
  /** ISO 3166-1 alpha-2 code of the counterpart (bilateral instruments only). */
  counterpartCountry?: string;
  /** Text in the English or the Mongolian title. */
  q?: string;
}

/** An imported instrument's row, found by its natural key. */
export interface ImportedRow {
  id: string;
  kind: string;
  stage: string;
  ownerId: string | null;
  division: string | null;
  definitionVersion: string;
  lastEventSeq: number;
  details: Record<string, unknown>;
}

export interface ImportedProposalRow {
  id: string;
  kind: 'accession' | 'agreement';
  titleEn: string;
  titleMn: string;
  summary: string;
  ownerId: string;
  division: string | null;
  stage: string;
  status: string;
  workflowId: string;
  workflowStatus: string;
  definitionVersion: string;
  details: Record<string, unknown>;
  /** `import:<key>`: the natural key, held by the column that is unique anyway. */
  createRequestId: string;
  lastEventSeq: number;
}

export interface ImportedEventRow {
  workflowId: string;
  type: string;
  actorId: string;
  toStage: string;
  data: Record<string, unknown>;
}

export interface ImportedDocumentRow {
  id: string;
  kind: string;
  /** 1 for the first of its kind on the instrument, then 2, ... */
  version: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadRequestId: string;
}

/** The create request id that makes an imported instrument's natural key unique. */
export const importRequestId = (key: string): string => `import:${key}`;

// Conventions count once deposited; bilateral instruments once signed. Withdrawn or rejected ones never bound anyone.
const REGISTER_WHERE = `(
     (p.kind = 'accession' AND p.stage IN ('IMPLEMENTATION', 'COMPLETED') AND jsonb_typeof(p.details->'deposit') = 'object')
  OR (p.kind = 'agreement' AND (p.stage IN ('RATIFICATION', 'IN_FORCE', 'TERMINATED', 'EXPIRED')
       OR (p.stage = 'SIGNATURE' AND jsonb_typeof(p.details->'agreement'->'signature') = 'object'))))`;

/**
 * The treaty register over the proposals read model (every convention acceded and every bilateral instrument
 * signed), and the writes of the register import: rows created directly in their final state, keyed by
 * `import:<key>` so a second import finds them.
 */
export class TreatyRegisterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every instrument of the register matching the filter. The register is small (hundreds at most): no paging. */
  async list(f: TreatyRegisterFilter): Promise<TreatyRegisterRow[]> {
    const where = [REGISTER_WHERE];
    const params: unknown[] = [];
    if (f.category) where.push(`p.kind = '${f.category === 'convention' ? 'accession' : 'agreement'}'`);
    if (f.counterpartCountry) {
      params.push(f.counterpartCountry.toUpperCase());
      where.push(`p.kind = 'agreement' AND upper(p.details->'fields'->>'counterpartCountry') = $${params.length}`);
    }
    if (f.q) {
      params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(p.title_en ILIKE $${params.length} OR p.title_mn ILIKE $${params.length})`);
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT p.id, p.kind, p.title_en, p.title_mn, p.stage, p.status, p.owner_id, p.division, p.workflow_status, p.details
         FROM proposals p
        WHERE ${where.join(' AND ')}
        ORDER BY p.title_en, p.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      kind: r.kind as 'accession' | 'agreement',
      titleEn: r.title_en as string,
      titleMn: r.title_mn as string,
      stage: r.stage as string,
      status: r.status as string,
      ownerId: r.owner_id as string | null,
      division: r.division as string | null,
      workflowStatus: r.workflow_status as string,
      details: (r.details ?? {}) as Record<string, unknown>,
    }));
  }

  /** The rows already imported under these keys, by key. */
  async findImported(keys: string[]): Promise<Map<string, ImportedRow>> {
    if (!keys.length) return new Map();
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, kind, stage, owner_id, division, definition_version, last_event_seq, details, create_request_id
         FROM proposals WHERE create_request_id = ANY($1)`,
      [keys.map(importRequestId)],
    );
    return new Map(
      rows.map((r) => [
        (r.create_request_id as string).slice('import:'.length),
        {
          id: r.id as string,
          kind: r.kind as string,
          stage: r.stage as string,
          ownerId: r.owner_id as string | null,
          division: r.division as string | null,
          definitionVersion: r.definition_version as string,
          lastEventSeq: Number(r.last_event_seq),
          details: (r.details ?? {}) as Record<string, unknown>,
        },
      ]),
    );
  }

  /**
   * Inserts an imported instrument's row with its documents (and, for one with no workflow, its IMPORTED event)
   * in one transaction: all of it or none. False when a row with the same key exists already (nothing written).
   * Document bytes are stored beforehand (by hash, so storing them twice is harmless).
   */
  async insertImported(row: ImportedProposalRow, documents: ImportedDocumentRow[], event: ImportedEventRow | null): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO proposals (id, kind, title_en, title_mn, summary, owner_id, division, stage, status, workflow_id, workflow_status,
                                definition_version, stage_entered_at, due_at, current_assignees, details, last_event_seq, create_request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now(), NULL, '[]'::jsonb, $13, $14, $15)
         ON CONFLICT (create_request_id) DO NOTHING
         RETURNING id`,
        [
          row.id,
          row.kind,
          row.titleEn,
          row.titleMn,
          row.summary,
          row.ownerId,
          row.division,
          row.stage,
          row.status,
          row.workflowId,
          row.workflowStatus,
          row.definitionVersion,
          JSON.stringify(row.details),
          row.lastEventSeq,
          row.createRequestId,
        ],
      );
      if (!inserted.length) return false;
      await insertDocuments(tx, row.id, row.ownerId, documents);
      if (event) {
        await tx.query(
          `INSERT INTO proposal_events (proposal_id, workflow_id, seq, type, actor_id, from_stage, to_stage, data, occurred_at)
           VALUES ($1, $2, 1, $3, $4, NULL, $5, $6, now())`,
          [row.id, event.workflowId, event.type, event.actorId, event.toStage, JSON.stringify(event.data)],
        );
      }
      return true;
    });
  }
}

async function insertDocuments(tx: EntityManager, proposalId: string, uploadedBy: string, documents: ImportedDocumentRow[]): Promise<void> {
  for (const d of documents) {
    await tx.query(
      `INSERT INTO documents (id, proposal_id, kind, version, file_name, content_type, size_bytes, sha256, uploaded_by, upload_request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [d.id, proposalId, d.kind, d.version, d.fileName, d.contentType, d.sizeBytes, d.sha256, uploadedBy, d.uploadRequestId],
    );
  }
}
