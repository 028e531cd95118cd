import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config';
import { AuditEventRepository, UserAccountRepository } from '../../../../libs/db';
import { PasswordHasher } from '../auth/password-hasher';
import { DEV_ORGANISATION, DEV_PASSWORD } from './dev-organisation';

export interface SeededPerson {
  email: string;
  roles: string[];
  created: boolean;
}

/**
 * Creates the development organisation. Never in production. Idempotent by email: people who exist are left as
 * they are (a missing supervisor link is filled in), so it is safe to run on every start.
 */
export async function seedDevelopment(ds: DataSource, cfg: AppConfig, password = DEV_PASSWORD): Promise<SeededPerson[]> {
  if (cfg.env === 'production') throw new Error('seed:dev never runs with NODE_ENV=production');
  const accounts = new UserAccountRepository(ds);
  const passwordHash = await new PasswordHasher().hash(password);
  const ids = new Map<string, string>();
  const out: SeededPerson[] = [];
  for (const p of DEV_ORGANISATION) {
    const { user, created } = await accounts.createOnce({
      email: p.email,
      nameMn: p.nameMn,
      nameLatin: p.nameLatin,
      language: p.language,
      division: p.division,
      roles: p.roles,
      supervisorId: null,
      passwordHash,
      mustChangePassword: false,
      createRequestId: null,
    });
    ids.set(p.key, user.id);
    out.push({ email: user.email, roles: user.roles, created });
  }
  for (const p of DEV_ORGANISATION) {
    if (!p.supervisor) continue;
    const id = ids.get(p.key)!;
    const current = await accounts.findById(id);
    if (current && !current.supervisorId) await accounts.update(id, { supervisorId: ids.get(p.supervisor)! });
  }
  await new AuditEventRepository(ds).append({ action: 'cli.seed_dev', outcome: 'success', details: { created: out.filter((p) => p.created).length } });
  return out;
}
