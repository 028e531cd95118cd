import { DataSource, EntityManager } from 'typeorm';

/** Where document bytes live. PostgreSQL today; an object store can implement the same two calls later. */
export interface DocumentStorage {
  /**
   * Stores the bytes under their SHA-256; storing the same bytes again is a no-op. Given `tx`, a store inside the
   * same PostgreSQL writes in that transaction, so bytes whose document row is rolled back (a refused upload) are
   * never kept. A store elsewhere (an object store) cannot join it: it would ignore `tx` and sweep objects no
   * document row refers to.
   */
  put(sha256: string, content: Buffer, tx?: EntityManager): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

export class PostgresDocumentStorage implements DocumentStorage {
  constructor(private readonly dataSource: DataSource) {}

  async put(sha256: string, content: Buffer, tx?: EntityManager): Promise<void> {
    await (tx ?? this.dataSource.manager).query(`INSERT INTO document_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING`, [sha256, content]);
  }

  async get(sha256: string): Promise<Buffer | null> {
    const rows: { content: Buffer }[] = await this.dataSource.query(`SELECT content FROM document_blobs WHERE sha256 = $1`, [sha256]);
    return rows[0]?.content ?? null;
  }
}
