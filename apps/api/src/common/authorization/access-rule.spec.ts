import { AccessRule, decideAccess } from './access-rule';
import type { RoleName } from '../../../../../libs/domain';

const rule = {
  public: { kind: 'public' } as AccessRule,
  authenticated: { kind: 'authenticated', leadershipMayWrite: false } as AccessRule,
  selfService: { kind: 'authenticated', leadershipMayWrite: true } as AccessRule,
  officers: { kind: 'roles', roles: ['officer'], leadershipMayWrite: false } as AccessRule,
  readers: { kind: 'roles', roles: ['admin', 'leadership'], leadershipMayWrite: false } as AccessRule,
};
const who = (...roles: RoleName[]) => ({ roles });

describe('decideAccess', () => {
  it.each([
    ['no rule at all is refused, even for an admin', undefined, who('admin'), 'GET', 403, 'no_rule'],
    ['public lets anyone in', rule.public, null, 'POST', 'allowed', undefined],
    ['authenticated refuses the anonymous with 401', rule.authenticated, null, 'GET', 401, 'not_signed_in'],
    ['authenticated lets any signed-in person read', rule.authenticated, who('leadership'), 'GET', 'allowed', undefined],
    ['leadership may not write on an authenticated route', rule.authenticated, who('leadership'), 'POST', 403, 'read_only_role'],
    ['...unless the route allows it (self-service)', rule.selfService, who('leadership'), 'POST', 'allowed', undefined],
    ['a person with no roles may use self-service writes', rule.authenticated, who(), 'POST', 'allowed', undefined],
    ['leadership + officer writes as an officer', rule.authenticated, who('leadership', 'officer'), 'PATCH', 'allowed', undefined],
    ['a listed role passes', rule.officers, who('officer'), 'POST', 'allowed', undefined],
    ['an unlisted role is refused', rule.officers, who('legal'), 'POST', 403, 'role'],
    ['the anonymous get 401 on a role route', rule.officers, null, 'POST', 401, 'not_signed_in'],
    ['leadership listed for reading reads', rule.readers, who('leadership'), 'GET', 'allowed', undefined],
    ['leadership listed on a route is still refused its writes', rule.readers, who('leadership'), 'DELETE', 403, 'read_only_role'],
    ['HEAD counts as reading', rule.readers, who('leadership'), 'HEAD', 'allowed', undefined],
    ['method case does not matter', rule.readers, who('leadership'), 'post', 403, 'read_only_role'],
  ] as const)('%s', (_name, r, user, method, status, reason) => {
    const d = decideAccess(r, user ? { roles: [...user.roles] } : null, method);
    if (status === 'allowed') expect(d).toEqual({ allowed: true });
    else expect(d).toEqual({ allowed: false, status, reason });
  });
});
