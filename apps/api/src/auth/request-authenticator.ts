import { Injectable } from '@nestjs/common';
import { UserAccountRepository } from '../../../../libs/db';
import type { CurrentUserInfo } from '../common/authorization/current-user';
import { AccessTokenService } from './access-token.service';

export type AuthenticationProblem = 'no_token' | 'malformed_token' | 'token_expired' | 'token_invalid' | 'session_ended' | 'inactive';

export type Authentication = { user: CurrentUserInfo } | { problem: AuthenticationProblem; userId?: string };

/**
 * Turns a request's bearer token into the signed-in person. The person is read from the database on every request,
 * so deactivation, role changes and password changes take effect at once rather than when the token expires.
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
    const { sub, sv } = verified.claims;
    const user = /^[0-9a-f-]{36}$/i.test(sub) ? await this.accounts.findById(sub) : null;
    if (!user) return { problem: 'token_invalid' };
    if (!user.active) return { problem: 'inactive', userId: user.id };
    if (user.sessionVersion !== sv) return { problem: 'session_ended', userId: user.id };
    return { user: { id: user.id, email: user.email, roles: user.roles, division: user.division, language: user.language } };
  }
}
