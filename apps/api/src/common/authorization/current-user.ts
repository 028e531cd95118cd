import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { RoleName } from '../../../../../libs/domain';

/** The signed-in person as every service sees them. */
export interface CurrentUserInfo {
  id: string;
  email: string;
  roles: RoleName[];
  division: string | null;
  language: 'mn' | 'en';
  /** Signed in with a password an admin set (or the first admin's one-time password): only changing it is allowed. */
  mustChangePassword?: boolean;
}

export type AuthenticatedRequest = Request & { user?: CurrentUserInfo };

/**
 * The signed-in person, set by the access guard. Always present on routes that are not public; on a public route it
 * is present only when the caller sent a valid token.
 */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): CurrentUserInfo | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
});
