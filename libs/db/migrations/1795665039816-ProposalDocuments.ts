import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalDocuments1795665039816 implements MigrationInterface {
  name = 'ProposalDocuments1795665039816';

  public async up(q: QueryRunner): Promise<void> {
    // Content-addressed bytes: the same file uploaded twice is stored once.
    await q.query(`CREATE TABLE document_blobs (sha256 char(64) PRIMARY KEY, content bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        kind varchar(48) NOT NULL,
        version integer NOT NULL,
        file_name varchar(255) NOT NULL,
        content_type varchar(128) NOT NULL,
        size_bytes integer NOT NULL,
        sha256 char(64) NOT NULL,
        uploaded_by uuid NOT NULL,
        upload_request_id varchar(128) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_documents_version ON documents (proposal_id, kind, version)`);
    await q.query(`CREATE UNIQUE INDEX ux_documents_upload_request ON documents (upload_request_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE documents`);
    await q.query(`DROP TABLE document_blobs`);
  }
}
