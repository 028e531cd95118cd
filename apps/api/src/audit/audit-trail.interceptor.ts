import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Observable, catchError, mergeMap } from 'rxjs';
import { AUDIT_ACTION, SKIP_AUDIT_TRAIL } from './audit.decorators';
import { AuditService } from './audit.service';
import { currentRequestContext } from './request-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Default action name: `ProposalsController.create` -> `proposals.create`. */
export function defaultAuditAction(controller: string, handler: string): string {
  const base = controller.replace(/Controller$/, '');
  return `${base.charAt(0).toLowerCase()}${base.slice(1).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}.${handler}`;
}

/**
 * Every successful state-changing request (any method but GET/HEAD/OPTIONS) leaves an audit event, written before
 * the answer is sent. Every 403 a handler raises is audited too, unless whoever refused already wrote it (the
 * guards and AuthorizationService write their own, with the reason).
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
    const paramId = typeof req.params?.id === 'string' ? req.params.id : undefined;
    const refusals = catchError(async (err: unknown) => {
      if (err instanceof HttpException && err.getStatus() === HttpStatus.FORBIDDEN && !currentRequestContext()?.denialAudited) {
        const code = (err as { code?: string }).code ?? 'forbidden';
        await this.audit.denied(action, code, { status: 403, targetType: action.split('.')[0], targetId: paramId ?? null, details: { detail: err.message } });
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
