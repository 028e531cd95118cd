import { Injectable, Logger } from '@nestjs/common';
import { AuditEventEntity, AuditEventFilter, AuditEventRepository, AuditOutcome } from '../../../../libs/db';
import { currentRequestContext } from './request-context';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  /** Defaults to the signed-in caller of the current request. */
  actorId?: string | null;
  onBehalfOfId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  status?: number | null;
  details?: Record<string, unknown>;
}

/**
 * Writes the audit trail: who did or tried what, when, from which address. The request's address, user agent,
 * request id, method and path are filled in from the request being served.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly events: AuditEventRepository) {}

  /** Awaited by callers: an action whose audit event cannot be written should not report success silently. */
  async record(entry: AuditEntry): Promise<void> {
    const ctx = currentRequestContext();
    await this.events.append({
      ...entry,
      actorId: entry.actorId !== undefined ? entry.actorId : (ctx?.actorId ?? null),
      ip: ctx?.ip ?? null,
      userAgent: ctx?.userAgent ?? null,
      requestId: ctx?.requestId() ?? null,
      method: ctx?.method ?? null,
      path: ctx?.path ?? null,
    });
  }

  /** For refusals: a failure to write the trail is logged but never turns a 403 into a 500. */
  async denied(action: string, reason: string, extra: Omit<AuditEntry, 'action' | 'outcome'> = {}): Promise<void> {
    const ctx = currentRequestContext();
    if (ctx) ctx.denialAudited = true;
    try {
      await this.record({ ...extra, action, outcome: 'denied', details: { reason, ...extra.details } });
    } catch (err) {
      this.logger.error({ err: (err as Error).message, action, reason }, 'could not write audit event');
    }
  }

  find(filter: AuditEventFilter): Promise<AuditEventEntity[]> {
    return this.events.find(filter);
  }

  /** Adds the target and details of the state change being served, for the audit trail interceptor to write. */
  annotate(a: { targetType?: string; targetId?: string; details?: Record<string, unknown> }): void {
    const ctx = currentRequestContext();
    if (!ctx) return;
    ctx.annotations = { ...ctx.annotations, ...a, details: { ...ctx.annotations.details, ...a.details } };
  }
}
