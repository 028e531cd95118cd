import type { RoleName } from '../../../../../libs/domain';

/** How a route may be reached. Every route declares one with `@Access(...)`; a route without one is refused. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated'; leadershipMayWrite: boolean; duringPasswordChange?: true }
  | { kind: 'roles'; roles: RoleName[]; leadershipMayWrite: boolean };

/** Roles that look but never touch: a person holding only these is refused every write unless a route allows it. */
export const READ_ONLY_ROLES: readonly RoleName[] = ['leadership'];

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; status: 401 | 403; reason: 'no_rule' | 'not_signed_in' | 'role' | 'read_only_role' };

/**
 * The role check of the access guard, as a pure function. Leadership's roles count only for reading unless the
 * rule says otherwise, so a person who is leadership and officer may still write as an officer.
 */
export function decideAccess(rule: AccessRule | undefined, user: { roles: RoleName[] } | null, method: string): AccessDecision {
  if (!rule) return { allowed: false, status: 403, reason: 'no_rule' };
  if (rule.kind === 'public') return { allowed: true };
  if (!user) return { allowed: false, status: 401, reason: 'not_signed_in' };
  const writing = !SAFE_METHODS.has(method.toUpperCase());
  const counted = writing && !rule.leadershipMayWrite ? user.roles.filter((r) => !READ_ONLY_ROLES.includes(r)) : user.roles;
  if (rule.kind === 'authenticated') {
    const onlyReadOnly = user.roles.length > 0 && counted.length === 0;
    return onlyReadOnly ? { allowed: false, status: 403, reason: 'read_only_role' } : { allowed: true };
  }
  if (counted.some((r) => rule.roles.includes(r))) return { allowed: true };
  const heldButReadOnly = user.roles.some((r) => rule.roles.includes(r));
  return { allowed: false, status: 403, reason: heldButReadOnly ? 'read_only_role' : 'role' };
}
