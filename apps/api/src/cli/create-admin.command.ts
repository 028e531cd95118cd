import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config';
import { AuditEventRepository, UserAccountRepository } from '../../../../libs/db';
import { generateOneTimePassword } from '../auth/one-time-password';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblems } from '../auth/password-policy';

export interface CreateAdminOptions {
  email: string;
  nameMn: string;
  nameLatin: string;
  language: 'mn' | 'en';
  division?: string;
  /** Given (from stdin); otherwise a one-time password is generated and printed once. */
  password?: string;
}

export type CreateAdminResult =
  | { outcome: 'created'; userId: string; oneTimePassword?: string }
  /** The email already has an account: it is made an active admin; its password is left alone. */
  | { outcome: 'promoted' | 'already_admin'; userId: string };

/**
 * First start: creates an administrator (or makes an existing account one). Idempotent: running it again for the
 * same email changes nothing and never resets a password.
 */
export async function createAdmin(ds: DataSource, cfg: AppConfig, o: CreateAdminOptions): Promise<CreateAdminResult> {
  if (o.password !== undefined) {
    const problems = passwordProblems(o.password, { minLength: cfg.auth.passwordMinLength, email: o.email });
    if (problems.length) throw new Error(`password ${problems.join('; ')}`);
  }
  const accounts = new UserAccountRepository(ds);
  const audit = new AuditEventRepository(ds);
  const existing = await accounts.findByEmail(o.email);
  if (existing) {
    if (existing.active && existing.roles.includes('admin')) return { outcome: 'already_admin', userId: existing.id };
    await accounts.update(existing.id, { active: true, roles: [...new Set([...existing.roles, 'admin' as const])] });
    await audit.append({ action: 'cli.users_create_admin', outcome: 'success', targetType: 'user', targetId: existing.id, details: { promoted: true } });
    return { outcome: 'promoted', userId: existing.id };
  }
  const oneTimePassword = o.password === undefined ? generateOneTimePassword() : undefined;
  const { user } = await accounts.createOnce({
    email: o.email,
    nameMn: o.nameMn,
    nameLatin: o.nameLatin,
    language: o.language,
    division: o.division ?? null,
    roles: ['admin'],
    supervisorId: null,
    passwordHash: await new PasswordHasher().hash(o.password ?? oneTimePassword!),
    mustChangePassword: o.password === undefined,
    createRequestId: null,
  });
  await audit.append({ action: 'cli.users_create_admin', outcome: 'success', targetType: 'user', targetId: user.id, details: { created: true } });
  return { outcome: 'created', userId: user.id, oneTimePassword };
}
