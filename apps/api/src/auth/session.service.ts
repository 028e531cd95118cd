import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { RefreshTokenRepository, RevokeReason, UserAccountRepository, UserEntity } from '../../../../libs/db';
import { currentRequestContext } from '../audit/request-context';
import { AccessTokenService } from './access-token.service';

export interface IssuedSession {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token lives. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export type RotationResult =
  | { session: IssuedSession; user: UserEntity }
  | { problem: 'unknown' | 'expired' | 'revoked' | 'reused' | 'inactive'; userId?: string; familyId?: string };

export const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions: a short-lived access token plus a refresh token that is replaced at every use. The refresh tokens of one
 * sign-in form a family; presenting a token that was already replaced means someone kept a copy, so the whole
 * family is revoked and both holders must sign in again.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly accounts: UserAccountRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new session (new family) for a person who just proved who they are. */
  async start(user: Pick<UserEntity, 'id' | 'sessionVersion'>, provider: string): Promise<IssuedSession & { familyId: string }> {
    const familyId = randomUUID();
    const { refreshToken, refreshExpiresAt } = await this.storeRefreshToken(user.id, familyId, null, provider);
    return { ...(await this.access(user, familyId)), refreshToken, refreshExpiresAt, familyId };
  }

  async rotate(refreshToken: string): Promise<RotationResult> {
    if (!REFRESH_TOKEN_PATTERN.test(refreshToken)) return { problem: 'unknown' };
    const row = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!row) return { problem: 'unknown' };
    const ids = { userId: row.userId, familyId: row.familyId };
    if (row.usedAt) {
      await this.refreshTokens.revokeFamily(row.familyId, 'reuse_detected');
      return { problem: 'reused', ...ids };
    }
    if (row.revokedAt) return { problem: 'revoked', ...ids };
    if (row.expiresAt.getTime() <= Date.now()) return { problem: 'expired', ...ids };
    const user = await this.accounts.findById(row.userId);
    if (!user?.active) {
      await this.refreshTokens.revokeFamily(row.familyId, 'deactivated');
      return { problem: 'inactive', ...ids };
    }
    const next = this.newRefreshToken();
    const rotated = await this.refreshTokens.rotate(row.id, {
      ...this.client(),
      id: randomUUID(),
      userId: user.id,
      familyId: row.familyId,
      parentId: row.id,
      tokenHash: hashRefreshToken(next.token),
      provider: row.provider,
      expiresAt: next.expiresAt,
    });
    if (!rotated) {
      // Lost a race with another use of the same token: that is reuse too.
      await this.refreshTokens.revokeFamily(row.familyId, 'reuse_detected');
      return { problem: 'reused', ...ids };
    }
    return { session: { ...(await this.access(user, row.familyId)), refreshToken: next.token, refreshExpiresAt: next.expiresAt }, user };
  }

  /** Ends the session the refresh token belongs to; unknown tokens are ignored (logging out twice is fine). */
  async end(refreshToken: string): Promise<{ userId: string; familyId: string } | null> {
    if (!REFRESH_TOKEN_PATTERN.test(refreshToken)) return null;
    const row = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!row) return null;
    await this.refreshTokens.revokeFamily(row.familyId, 'logout');
    return { userId: row.userId, familyId: row.familyId };
  }

  /** Ends every session of a person, and with them their access tokens. */
  endAll(userId: string, reason: RevokeReason): Promise<number> {
    return this.refreshTokens.revokeAllForUser(userId, reason);
  }

  private async access(user: Pick<UserEntity, 'id' | 'sessionVersion'>, familyId: string): Promise<Pick<IssuedSession, 'accessToken' | 'tokenType' | 'expiresIn'>> {
    const accessToken = await this.accessTokens.issue({ sub: user.id, sv: user.sessionVersion, sid: familyId });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.accessTokens.ttlSeconds };
  }

  private async storeRefreshToken(userId: string, familyId: string, parentId: string | null, provider: string) {
    const next = this.newRefreshToken();
    await this.refreshTokens.insert({
      ...this.client(),
      id: randomUUID(),
      userId,
      familyId,
      parentId,
      tokenHash: hashRefreshToken(next.token),
      provider,
      expiresAt: next.expiresAt,
    });
    return { refreshToken: next.token, refreshExpiresAt: next.expiresAt };
  }

  private newRefreshToken(): { token: string; expiresAt: Date } {
    return { token: randomBytes(32).toString('base64url'), expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000) };
  }

  private client(): { ip: string | null; userAgent: string | null } {
    const ctx = currentRequestContext();
    return { ip: ctx?.ip ?? null, userAgent: ctx?.userAgent ?? null };
  }
}
