import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { CookieOptions, Request } from 'express';

export const ACTION_NONCE_COOKIE = 'accord_action_nonce';

/** Scoped to the one link's path, so two confirmation pages open at once never overwrite each other's nonce. */
export function actionNonceCookieOptions(path: string, publicUrl: string): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: publicUrl.startsWith('https://'), path, maxAge: 24 * 3600 * 1000 };
}

function fromHeader(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** The action-link nonce cookie, whether or not a cookie parser ran before us. */
export const ActionNonce = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const req = ctx.switchToHttp().getRequest<Request & { cookies?: Record<string, unknown> }>();
  const parsed = req.cookies?.[ACTION_NONCE_COOKIE];
  if (typeof parsed === 'string') return parsed;
  try {
    return fromHeader(req.headers.cookie, ACTION_NONCE_COOKIE);
  } catch {
    return undefined;
  }
});
