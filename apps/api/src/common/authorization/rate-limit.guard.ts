import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AuditService } from '../../audit/audit.service';

/**
 * @nestjs/throttler's guard, auditing the first refusal of each block (the rest of the block would only flood the
 * trail). The throttlers themselves (login, actions, writes) are configured in AuthorizationModule.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly auditedUntil = new Map<string, number>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly audit: AuditService,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const now = Date.now();
    if ((this.auditedUntil.get(detail.key) ?? 0) <= now) {
      this.auditedUntil.set(detail.key, now + detail.timeToBlockExpire * 1000);
      for (const [key, until] of this.auditedUntil) if (until <= now) this.auditedUntil.delete(key);
      const req = context.switchToHttp().getRequest<Request>();
      await this.audit.denied('access.rate_limited', 'rate_limited', {
        status: 429,
        details: { route: `${context.getClass().name}.${context.getHandler().name}`, method: req.method, limit: detail.limit, windowMs: detail.ttl },
      });
    }
    // The standard header too (the library sets `Retry-After-<throttler>` for named throttlers).
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }
}
