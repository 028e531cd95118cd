import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';

export const TOKEN_ISSUER = 'accord';
export const TOKEN_AUDIENCE = 'accord-api';

export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** The user's session version when the token was issued; a bump (password change, deactivation) kills it. */
  sv: number;
  /** The session (refresh-token family) it belongs to: logout or reuse detection kills it at once. */
  sid: string;
}

export type AccessTokenProblem = 'expired' | 'invalid';

/** Short-lived signed access tokens (HS256). They name the person only; roles are read fresh on every request. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  issue(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync({ sv: claims.sv, sid: claims.sid }, { subject: claims.sub, expiresIn: this.ttlSeconds });
  }

  /** The claims of a valid token, or why it is not. */
  verify(token: string): { claims: AccessTokenClaims } | { problem: AccessTokenProblem } {
    try {
      const p = this.jwt.verify<{ sub?: unknown; sv?: unknown; sid?: unknown }>(token);
      if (typeof p.sub !== 'string' || typeof p.sv !== 'number' || typeof p.sid !== 'string') return { problem: 'invalid' };
      return { claims: { sub: p.sub, sv: p.sv, sid: p.sid } };
    } catch (err) {
      return { problem: (err as Error).name === 'TokenExpiredError' ? 'expired' : 'invalid' };
    }
  }

  /** The bearer token of a request header, if it is one. */
  static bearer(authorization: string | undefined): string | null {
    const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? '');
    return m ? m[1] : null;
  }
}
