import { SetMetadata } from '@nestjs/common';
import type { RoleName } from '../../../../../libs/domain';
import { AccessRule } from './access-rule';

export const ACCESS_RULE = 'accord:access-rule';

export interface AccessOptions {
  /** Lets a leadership-only person use this non-GET route (self-service such as changing their own password). */
  leadershipMayWrite?: boolean;
  /** Open to a person who must change their password first (reading who they are, changing it). */
  duringPasswordChange?: boolean;
}

/**
 * Declares who may call a route (or every route of a controller):
 * `@Access('public')`, `@Access('authenticated')`, `@Access({ roles: ['officer'] })`.
 */
export function Access(rule: 'public' | 'authenticated' | { roles: RoleName[] }, options: AccessOptions = {}) {
  const leadershipMayWrite = options.leadershipMayWrite ?? false;
  let value: AccessRule;
  if (rule === 'public') value = { kind: 'public' };
  else if (rule === 'authenticated') value = { kind: 'authenticated', leadershipMayWrite, ...(options.duringPasswordChange ? { duringPasswordChange: true as const } : {}) };
  else {
    if (!rule.roles.length) throw new Error('@Access({ roles }) needs at least one role');
    value = { kind: 'roles', roles: [...rule.roles], leadershipMayWrite };
  }
  return SetMetadata(ACCESS_RULE, value);
}
