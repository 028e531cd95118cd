import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION = 'accord:audit-action';
export const SKIP_AUDIT_TRAIL = 'accord:skip-audit-trail';

/** Names the audit action of a state-changing route (default: `<controller>.<handler>`, e.g. `users.create`). */
export const AuditAs = (action: string) => SetMetadata(AUDIT_ACTION, action);

/** For routes whose service writes its own, richer audit events (sign-in, refresh, logout). */
export const SkipAuditTrail = () => SetMetadata(SKIP_AUDIT_TRAIL, true);
