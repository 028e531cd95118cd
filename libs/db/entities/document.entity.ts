import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A file attached to a proposal. A new upload of the same kind is a new version, never an overwrite; the bytes
 * live behind the DocumentStorage interface, addressed by their SHA-256.
 */
@Entity({ name: 'documents' })
@Index(['proposalId', 'kind', 'version'], { unique: true })
export class DocumentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ type: 'varchar', length: 48 })
  kind: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 128 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @Index({ unique: true })
  @Column({ name: 'upload_request_id', type: 'varchar', length: 128 })
  uploadRequestId: string;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
