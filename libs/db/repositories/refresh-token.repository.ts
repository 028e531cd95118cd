import { DataSource, Repository } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

export interface NewRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  parentId: string | null;
  tokenHash: string;
  provider: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export type RevokeReason = 'logout' | 'reuse_detected' | 'password_changed' | 'deactivated' | 'session_ended';

/** Stored refresh tokens (hashes only) and their families. */
export class RefreshTokenRepository {
  private readonly tokens: Repository<RefreshTokenEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.tokens = dataSource.getRepository(RefreshTokenEntity);
  }

  async insert(t: NewRefreshToken): Promise<void> {
    await this.tokens.insert({ ...t });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  /**
   * Spends `oldId` and stores its successor, atomically. Returns false when the old token was already spent,
   * revoked or expired by the time of the update (a concurrent use of the same token loses here).
   */
  async rotate(oldId: string, next: NewRefreshToken): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const spent: unknown[] = await tx.query(
        `UPDATE refresh_tokens SET used_at = now()
          WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING id`,
        [oldId],
      );
      // pg returns [rows, count] for UPDATE ... RETURNING through TypeORM's query().
      const rows = Array.isArray(spent[0]) ? (spent[0] as unknown[]) : spent;
      if (!rows.length) return false;
      await tx.getRepository(RefreshTokenEntity).insert({ ...next });
      return true;
    });
  }

  async revokeFamily(familyId: string, reason: RevokeReason): Promise<number> {
    const res = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokeReason: reason })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return res.affected ?? 0;
  }

  async revokeAllForUser(userId: string, reason: RevokeReason): Promise<number> {
    const res = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokeReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return res.affected ?? 0;
  }

  /** The session is open while one of its tokens is unrevoked (rotation spends tokens; revocation ends them all). */
  async isFamilyOpen(familyId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL LIMIT 1`,
      [familyId, userId],
    );
    return rows.length > 0;
  }

  listFamily(familyId: string): Promise<RefreshTokenEntity[]> {
    return this.tokens.find({ where: { familyId }, order: { createdAt: 'ASC' } });
  }
}
