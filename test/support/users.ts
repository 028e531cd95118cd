import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthService } from '../../apps/api/src/auth/auth.service';
import { PasswordHasher } from '../../apps/api/src/auth/password-hasher';
import { UserAccountRepository } from '../../libs/db';
import type { RoleName } from '../../libs/domain';
import type { AccordStack } from './accord-stack';

export interface TestUserOptions {
  /** Default: one division per stack (`div-<random>`), shared by every user made for that stack. */
  division?: string | null;
  language?: 'mn' | 'en';
  supervisorId?: string | null;
  email?: string;
  password?: string;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  roles: RoleName[];
  division: string | null;
}

export interface SignedInUser extends TestUser {
  accessToken: string;
  refreshToken: string;
  /** `{ Authorization: 'Bearer ...' }` for `.set(...)` on any supertest request. */
  auth: { Authorization: string };
  /** A supertest agent that sends this person's bearer token with every request. */
  http: ReturnType<typeof request.agent>;
}

const stackDivisions = new WeakMap<AccordStack, string>();

/** The division users of this stack get by default: unique per test file, so role lookups never cross files. */
export function stackDivision(stack: AccordStack): string {
  let d = stackDivisions.get(stack);
  if (!d) {
    d = `div-${randomUUID().slice(0, 8)}`;
    stackDivisions.set(stack, d);
  }
  return d;
}

/** Creates an active person with these roles and a known password, straight in the database. */
export async function createUser(stack: AccordStack, roles: RoleName[], opts: TestUserOptions = {}): Promise<TestUser> {
  const tag = randomUUID().slice(0, 8);
  const email = opts.email ?? `${roles[0] ?? 'user'}.${tag}@customs.test`;
  const password = opts.password ?? `pw-${randomUUID()}`;
  const division = opts.division === undefined ? stackDivision(stack) : opts.division;
  const { user } = await new UserAccountRepository(stack.api.get(DataSource)).createOnce({
    email,
    nameMn: `Туршилт ${tag}`,
    nameLatin: `Test ${roles.join('+') || 'user'} ${tag}`,
    language: opts.language ?? 'mn',
    division,
    roles,
    supervisorId: opts.supervisorId ?? null,
    passwordHash: await stack.api.get(PasswordHasher).hash(password),
    mustChangePassword: false,
    createRequestId: null,
  });
  return { id: user.id, email: user.email, password, roles, division };
}

/**
 * Signs the person in through the same AuthService the login route uses (password check, session, audit), without
 * going through HTTP, so the per-address login rate limit never trips a test that signs in many people.
 */
export async function signIn(stack: AccordStack, user: TestUser): Promise<SignedInUser> {
  const session = await stack.api.get(AuthService).login({ email: user.email, password: user.password });
  const auth = { Authorization: `Bearer ${session.accessToken}` };
  return { ...user, accessToken: session.accessToken, refreshToken: session.refreshToken, auth, http: request.agent(stack.api.getHttpServer()).set(auth) };
}

/** A signed-in person with these roles: `const officer = await createUserAndLogin(stack, ['officer']); officer.http.get(...)`. */
export async function createUserAndLogin(stack: AccordStack, roles: RoleName[] = ['officer'], opts: TestUserOptions = {}): Promise<SignedInUser> {
  return signIn(stack, await createUser(stack, roles, opts));
}
