import { DataSource } from 'typeorm';
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
   * Adds the next version of a kind. Keyed by the upload request id, so a retried upload returns the version the
   * first attempt created; the unique (proposal, kind, version) index settles two uploads racing.
   */
  async addVersion(doc: NewDocumentVersion): Promise<{ document: DocumentEntity; created: boolean }> {
    const repo = this.dataSource.getRepository(DocumentEntity);
    const existing = await repo.findOneBy({ uploadRequestId: doc.uploadRequestId });
    if (existing) return { document: existing, created: false };
    for (let attempt = 0; ; attempt++) {
      try {
        const rows: DocumentEntity[] = await this.dataSource.query(
          `INSERT INTO documents (id, proposal_id, kind, version, file_name, content_type, size_bytes, sha256, uploaded_by, upload_request_id)
           SELECT $1::uuid, $2::uuid, $3::varchar, COALESCE(MAX(version), 0) + 1, $4::varchar, $5::varchar, $6::int, $7::char(64), $8::uuid, $9::varchar
             FROM documents WHERE proposal_id = $2::uuid AND kind = $3::varchar
           RETURNING id`,
          [doc.id, doc.proposalId, doc.kind, doc.fileName, doc.contentType, doc.sizeBytes, doc.sha256, doc.uploadedBy, doc.uploadRequestId],
        );
        return { document: await repo.findOneByOrFail({ id: rows[0].id }), created: true };
      } catch (err) {
        const code = (err as { code?: string }).code;
        const constraint = (err as { constraint?: string }).constraint;
        if (code === '23505' && constraint === 'ux_documents_upload_request') {
          return { document: await repo.findOneByOrFail({ uploadRequestId: doc.uploadRequestId }), created: false };
        }
        if (code === '23505' && attempt < 3) continue; // another version won the race: take the next number
        throw err;
      }
    }
  }

  list(proposalId: string): Promise<DocumentEntity[]> {
    return this.dataSource.getRepository(DocumentEntity).find({ where: { proposalId }, order: { kind: 'ASC', version: 'DESC' } });
  }

  find(proposalId: string, id: string): Promise<DocumentEntity | null> {
    return this.dataSource.getRepository(DocumentEntity).findOneBy({ proposalId, id });
  }
}
