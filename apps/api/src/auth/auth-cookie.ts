import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { CookieOptions, Request } from 'express';

export const REFRESH_COOKIE = 'accord_refresh';
/** The cookie goes only to the auth routes, never with ordinary API calls. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

export function refreshCookieOptions(publicUrl: string, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: publicUrl.startsWith('https://'), path: REFRESH_COOKIE_PATH, ...(expires ? { expires } : {}) };
}

/** The refresh token from the httpOnly cookie, when the client is a browser. */
export const RefreshCookie = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request & { cookies?: Record<string, unknown> }>().cookies?.[REFRESH_COOKIE];
  return typeof value === 'string' ? value : undefined;
});
