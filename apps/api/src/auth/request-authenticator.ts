import { Injectable } from '@nestjs/common';
import { UserAccountRepository } from '../../../../libs/db';
import type { CurrentUserInfo } from '../common/authorization/current-user';
import { AccessTokenService } from './access-token.service';

export type AuthenticationProblem = 'no_token' | 'malformed_token' | 'token_expired' | 'token_invalid' | 'session_ended' | 'inactive';

export type Authentication = { user: CurrentUserInfo } | { problem: AuthenticationProblem; userId?: string };

/**
 * Turns a request's bearer token into the signed-in person. The person and their session are read from the database
 * on every request (one query), so deactivation, role changes, password changes, logout and a detected refresh-token theft take
 * effect at once rather than when the access token expires.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly accounts: UserAccountRepository,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Authentication> {
    if (!authorization) return { problem: 'no_token' };
    const token = AccessTokenService.bearer(authorization);
    if (!token) return { problem: 'malformed_token' };
    const verified = this.tokens.verify(token);
    if ('problem' in verified) return { problem: verified.problem === 'expired' ? 'token_expired' : 'token_invalid' };
    const { sub, sv, sid } = verified.claims;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (!uuid.test(sub) || !uuid.test(sid)) return { problem: 'token_invalid' };
    const found = await this.accounts.findSignedIn(sub, sid);
    if (!found) return { problem: 'token_invalid' };
    const { user, sessionOpen } = found;
    if (!user.active) return { problem: 'inactive', userId: user.id };
    if (user.sessionVersion !== sv || !sessionOpen) return { problem: 'session_ended', userId: user.id };
    return { user: { id: user.id, email: user.email, roles: user.roles, division: user.division, language: user.language, ...(user.mustChangePassword ? { mustChangePassword: true } : {}) } };
  }
}
