import { DataSource, EntityManager } from 'typeorm';
import { DocumentEntity } from '../entities/document.entity';

export interface NewDocumentVersion {
  id: string;
  proposalId: string;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadRequestId: string;
}

export class DocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds the next version of a kind, and keeps it only if `accept` (the workflow recording the attachment) succeeds:
   * `store` (the bytes), the row and `accept` run in one transaction that commits after `accept` returns and rolls
   * back if anything throws, so a refused upload leaves no row and no bytes. Uploads to one proposal wait for each
   * other on an advisory lock for that time, so version numbers never race.
   *
   * Keyed by the upload request id: a retry of an upload that was stored returns that version (and calls `accept`
   * again, which the workflow answers with its first result); a retry of a refused one is tried afresh.
   */
  async addVersionIfAccepted<T>(
    doc: NewDocumentVersion,
    store: (tx: EntityManager) => Promise<void>,
    accept: (document: DocumentEntity) => Promise<T>,
  ): Promise<{ document: DocumentEntity; created: boolean; accepted: T }> {
    const stored = await this.dataSource.getRepository(DocumentEntity).findOneBy({ uploadRequestId: doc.uploadRequestId });
    if (stored) return { document: stored, created: false, accepted: await accept(stored) };
    const outcome = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`documents:${doc.proposalId}`]);
      // The same request may have been stored while this one waited for the lock.
      const first = await tx.getRepository(DocumentEntity).findOneBy({ uploadRequestId: doc.uploadRequestId });
      if (first) return { document: first, created: false as const };
      await store(tx);
      const rows: Array<{ id: string }> = await tx.query(
        `INSERT INTO documents (id, proposal_id, kind, version, file_name, content_type, size_bytes, sha256, uploaded_by, upload_request_id)
         SELECT $1::uuid, $2::uuid, $3::varchar, COALESCE(MAX(version), 0) + 1, $4::varchar, $5::varchar, $6::int, $7::char(64), $8::uuid, $9::varchar
           FROM documents WHERE proposal_id = $2::uuid AND kind = $3::varchar
         RETURNING id`,
        [doc.id, doc.proposalId, doc.kind, doc.fileName, doc.contentType, doc.sizeBytes, doc.sha256, doc.uploadedBy, doc.uploadRequestId],
      );
      const document = await tx.getRepository(DocumentEntity).findOneByOrFail({ id: rows[0].id });
      return { document, created: true as const, accepted: await accept(document) };
    });
    if (!outcome.created) return { document: outcome.document, created: false, accepted: await accept(outcome.document) };
    return outcome;
  }

  list(proposalId: string): Promise<DocumentEntity[]> {
    return this.dataSource.getRepository(DocumentEntity).find({ where: { proposalId }, order: { kind: 'ASC', version: 'DESC' } });
  }

  find(proposalId: string, id: string): Promise<DocumentEntity | null> {
    return this.dataSource.getRepository(DocumentEntity).findOneBy({ proposalId, id });
  }
}
