import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Observable, catchError, mergeMap } from 'rxjs';
import { AUDIT_ACTION, SKIP_AUDIT_TRAIL } from './audit.decorators';
import { AuditService } from './audit.service';
import { currentRequestContext, redactToken } from './request-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A refusal worth auditing: any 403, and a 404 for a named object (a route with path parameters), since "not found"
 * is also what a record the caller may not see answers, and guessing ids is an attempt like any other.
 */
function isRefusal(status: number, req: Request): boolean {
  return status === HttpStatus.FORBIDDEN || (status === HttpStatus.NOT_FOUND && Object.keys(req.params ?? {}).length > 0);
}

/** Default action name: `ProposalsController.create` -> `proposals.create`. */
export function defaultAuditAction(controller: string, handler: string): string {
  const base = controller.replace(/Controller$/, '');
  return `${base.charAt(0).toLowerCase()}${base.slice(1).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}.${handler}`;
}

/**
 * Every successful state-changing request (any method but GET/HEAD/OPTIONS) leaves an audit event, written before
 * the answer is sent. Every refusal a handler raises (403, 404 for an object) is audited too, unless whoever refused
 * already wrote it (the guards and AuthorizationService write their own, with the reason).
 */
@Injectable()
export class AuditTrailInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    const action = this.reflector.getAllAndOverride<string>(AUDIT_ACTION, targets) ?? defaultAuditAction(context.getClass().name, context.getHandler().name);
    const paramId = typeof req.params?.id === 'string' ? redactToken(req.params.id) : undefined;
    const refusals = catchError(async (err: unknown) => {
      if (err instanceof HttpException && isRefusal(err.getStatus(), req) && !currentRequestContext()?.denialAudited) {
        const reason = (err as { details?: { reason?: unknown } }).details?.reason ?? (err as { code?: string }).code ?? 'refused';
        await this.audit.denied(action, String(reason), {
          status: err.getStatus(),
          targetType: action.split('.')[0],
          targetId: paramId ?? null,
          details: { detail: err.message, params: Object.fromEntries(Object.entries(req.params ?? {}).map(([k, v]) => [k, redactToken(String(v))])) },
        });
      }
      throw err;
    });
    if (SAFE_METHODS.has(req.method) || this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT_TRAIL, targets)) return next.handle().pipe(refusals);
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const res = context.switchToHttp().getResponse<Response>();
        const notes = currentRequestContext()?.annotations ?? {};
        const bodyId = body && typeof body === 'object' && typeof (body as { id?: unknown }).id === 'string' ? (body as { id: string }).id : undefined;
        await this.audit.record({
          action,
          outcome: 'success',
          targetType: notes.targetType ?? action.split('.')[0],
          targetId: notes.targetId ?? bodyId ?? paramId ?? null,
          status: res.statusCode,
          details: notes.details ?? {},
        });
        return body;
      }),
      refusals,
    );
  }
}
