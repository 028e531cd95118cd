import { CanActivate, ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AuditService } from '../../audit/audit.service';
import { currentRequestContext } from '../../audit/request-context';
import { RequestAuthenticator } from '../../auth/request-authenticator';
import { ApiError } from '../errors/api-error';
import { ACCESS_RULE } from './access.decorator';
import { AccessRule, decideAccess } from './access-rule';
import { AuthenticatedRequest } from './current-user';

/**
 * The global gate: every route must declare an access rule; the caller is authenticated from the bearer token and
 * checked against it. Every refusal is audited. Object-level checks (whose proposal, whose task) come later, in the
 * services, through AuthorizationService.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const route = `${context.getClass().name}.${context.getHandler().name}`;

    if (!rule) {
      this.logger.error({ route }, 'route has no @Access rule; refusing');
      await this.audit.denied('access.denied', 'no_rule', { status: 403, details: { route } });
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'this route declares no access rule');
    }

    const auth = req.headers.authorization !== undefined ? await this.authenticator.authenticate(req.headers.authorization) : { problem: 'no_token' as const };
    if ('user' in auth) {
      req.user = auth.user;
      const ctx = currentRequestContext();
      if (ctx) ctx.actorId = auth.user.id;
    }
    if (rule.kind === 'public') return true;

    if (!('user' in auth)) {
      await this.audit.denied('access.denied', auth.problem, { actorId: auth.userId ?? null, status: 401, details: { route } });
      const res = context.switchToHttp().getResponse<Response>();
      res.setHeader('WWW-Authenticate', auth.problem === 'token_expired' ? 'Bearer error="invalid_token", error_description="expired"' : 'Bearer');
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', UNAUTHENTICATED_DETAIL[auth.problem]);
    }

    // A password an admin set is known to two people: until its owner replaces it, it opens nothing else.
    if (auth.user.mustChangePassword && !(rule.kind === 'authenticated' && rule.duringPasswordChange)) {
      await this.audit.denied('access.denied', 'password_change_required', { status: 403, details: { route } });
      throw new ApiError(HttpStatus.FORBIDDEN, 'password_change_required', 'change the password you were given first (POST /api/v1/auth/password)');
    }

    const decision = decideAccess(rule, auth.user, req.method);
    if (!decision.allowed) {
      await this.audit.denied('access.denied', decision.reason, { status: decision.status, details: { route, roles: auth.user.roles } });
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', decision.reason === 'read_only_role' ? 'your role may only read' : undefined);
    }
    return true;
  }
}

const UNAUTHENTICATED_DETAIL: Record<string, string> = {
  no_token: 'sign in first (Authorization: Bearer <access token>)',
  malformed_token: 'the Authorization header is not a bearer token',
  token_expired: 'the access token has expired; refresh it',
  token_invalid: 'the access token is not valid',
  session_ended: 'this session has ended; sign in again',
  inactive: 'this account is deactivated',
};
