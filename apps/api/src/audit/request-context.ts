import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** What the audit trail records about the request being served, wherever in the call the event is written. */
export interface RequestContext {
  method: string;
  /** Path without the query string, with long opaque tokens (e.g. action-link tokens) blanked out. */
  path: string;
  ip: string | null;
  userAgent: string | null;
  requestId: () => string | null;
  /** Set by the access guard once the caller is known. */
  actorId: string | null;
  /** Extra facts a service adds for the audit trail interceptor (target, changed fields). */
  annotations: { targetType?: string; targetId?: string; details?: Record<string, unknown> };
  /** A refusal of this request is already in the trail (so a later catch-all does not write it twice). */
  denialAudited: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** A value that looks like a secret (long random token, not a UUID) is never written to the trail. */
export function redactToken(value: string): string {
  return value.length >= 32 && /^[A-Za-z0-9_.~-]+$/.test(value) && !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(value) ? ':token' : value;
}

export function redactPath(path: string): string {
  return path.split('/').map(redactToken).join('/');
}

/**
 * Express middleware: runs the rest of the request inside its own context. Registered after the body parsers,
 * which would otherwise resume the request outside the context.
 */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const ctx: RequestContext = {
    method: req.method,
    path: redactPath((req.originalUrl ?? req.url).split('?')[0]).slice(0, 512),
    ip: req.ip ?? req.socket?.remoteAddress ?? null,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 512) : null,
    // pino-http assigns the id after this middleware; read it when an event is written.
    requestId: () => {
      const id = (req as { id?: unknown }).id ?? res.getHeader('X-Request-Id');
      return id === undefined || id === null ? null : String(id);
    },
    actorId: null,
    annotations: {},
    denialAudited: false,
  };
  storage.run(ctx, next);
}
