import { DataSource, EntityManager, Repository } from 'typeorm';
import type { RoleName } from '../../domain';
import { UserEntity } from '../entities/user.entity';

export interface NewUserAccount {
  email: string;
  nameMn: string;
  nameLatin: string;
  language: 'mn' | 'en';
  division: string | null;
  roles: RoleName[];
  supervisorId: string | null;
  passwordHash: string | null;
  mustChangePassword: boolean;
  createRequestId: string | null;
}

export type UserAccountPatch = Partial<Pick<UserEntity, 'nameMn' | 'nameLatin' | 'language' | 'division' | 'roles' | 'supervisorId' | 'active'>>;

export interface UserListFilter {
  role?: RoleName;
  division?: string;
  active?: boolean;
  /** Substring of the email or either spelling of the name. */
  q?: string;
  limit: number;
  offset: number;
}

export type SignedInAccount = Pick<UserEntity, 'id' | 'email' | 'roles' | 'division' | 'language' | 'active' | 'sessionVersion' | 'mustChangePassword'>;

/** Refused because the organisation would be left without an active administrator. */
export class LastAdminError extends Error {
  constructor() {
    super('at least one active admin must remain');
  }
}

/** Accounts as the admin API and sign-in see them: creation, edits, passwords and session versions. */
export class UserAccountRepository {
  private readonly users: Repository<UserEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  /**
   * Inserts the account unless the email (any case) or the create request id is taken; either way returns the row
   * that holds it, so the caller can tell a retry (same request id) from a clash (same email, other request).
   */
  async createOnce(u: NewUserAccount): Promise<{ user: UserEntity; created: boolean }> {
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO users (email, name_mn, name_latin, language, division, roles, supervisor_id, password_hash,
                          must_change_password, password_changed_at, create_request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $8::text IS NULL THEN NULL ELSE now() END, $10)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [u.email.trim(), u.nameMn, u.nameLatin, u.language, u.division, u.roles, u.supervisorId, u.passwordHash, u.mustChangePassword, u.createRequestId],
    );
    if (inserted.length) return { user: await this.users.findOneByOrFail({ id: inserted[0].id }), created: true };
    const byRequest = u.createRequestId ? await this.users.findOneBy({ createRequestId: u.createRequestId }) : null;
    return { user: byRequest ?? (await this.findByEmail(u.email))!, created: false };
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /**
   * What every authenticated request needs, in one round trip: the person (null when unknown) and whether the
   * sign-in session (refresh-token family) is still open.
   */
  async findSignedIn(userId: string, familyId: string): Promise<{ user: SignedInAccount; sessionOpen: boolean } | null> {
    const rows: Array<SignedInAccount & { sessionOpen: boolean }> = await this.dataSource.query(
      `SELECT u.id, u.email, u.roles, u.division, u.language, u.active, u.session_version AS "sessionVersion", u.must_change_password AS "mustChangePassword",
              EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL) AS "sessionOpen"
         FROM users u WHERE u.id = $1`,
      [userId, familyId],
    );
    if (!rows.length) return null;
    const { sessionOpen, ...user } = rows[0];
    return { user, sessionOpen };
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: email.trim() }).getOne();
  }

  /** The account with its password hash, for verifying a password; nothing else should ask for the hash. */
  findWithPasswordByEmail(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
  }

  findWithPasswordById(id: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  async list(f: UserListFilter): Promise<{ items: UserEntity[]; total: number }> {
    const q = this.users.createQueryBuilder('u');
    if (f.role) q.andWhere(':role = ANY(u.roles)', { role: f.role });
    if (f.division) q.andWhere('u.division = :division', { division: f.division });
    if (f.active !== undefined) q.andWhere('u.active = :active', { active: f.active });
    if (f.q) {
      // ILIKE with the pattern characters escaped: the search text is matched literally.
      const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere('(u.email ILIKE :p OR u.name_latin ILIKE :p OR u.name_mn ILIKE :p)', { p: pattern });
    }
    const [items, total] = await q.orderBy('u.name_latin', 'ASC').addOrderBy('u.id', 'ASC').take(f.limit).skip(f.offset).getManyAndCount();
    return { items, total };
  }

  /**
   * Applies an edit. Deactivation bumps the session version (open sessions end at once; roles need no bump, they
   * are read afresh on every request), and an edit that takes away an active admin is undone if none would remain; admin rows are locked first so two
   * concurrent demotions cannot both pass the check.
   */
  async update(id: string, patch: UserAccountPatch): Promise<UserEntity | null> {
    return this.dataSource.transaction(async (tx) => {
      if (patch.roles !== undefined || patch.active !== undefined) {
        await tx.query(`SELECT id FROM users WHERE active AND 'admin' = ANY(roles) ORDER BY id FOR UPDATE`);
      }
      const before = await tx.getRepository(UserEntity).findOneBy({ id });
      if (!before) return null;
      const endsSessions = patch.active === false && before.active;
      const wasAdmin = before.active && before.roles.includes('admin');
      const staysAdmin = (patch.active ?? before.active) && (patch.roles ?? before.roles).includes('admin');
      await tx.getRepository(UserEntity).update(
        { id },
        {
          ...patch,
          ...(patch.active === false && before.active ? { deactivatedAt: new Date() } : {}),
          ...(patch.active === true ? { deactivatedAt: null } : {}),
          ...(endsSessions ? { sessionVersion: () => 'session_version + 1' } : {}),
        },
      );
      if (wasAdmin && !staysAdmin) await assertAnActiveAdmin(tx);
      return tx.getRepository(UserEntity).findOneByOrFail({ id });
    });
  }

  /** Sets a new password hash and ends every open session of the person. */
  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await this.users.update(
      { id },
      { passwordHash, mustChangePassword, passwordChangedAt: () => 'now()', sessionVersion: () => 'session_version + 1' },
    );
  }

  /** Replaces the hash with a stronger one for the same password (argon2 parameters raised); sessions stay. */
  async upgradePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  /** True when `supervisorId` is the person or reports, directly or not, to the person. */
  async wouldCreateSupervisorCycle(userId: string, supervisorId: string): Promise<boolean> {
    if (userId === supervisorId) return true;
    const rows: unknown[] = await this.dataSource.query(
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT supervisor_id, 1 FROM users WHERE id = $1
         UNION ALL
         SELECT u.supervisor_id, c.depth + 1 FROM users u JOIN chain c ON u.id = c.id WHERE c.depth < 100
       )
       SELECT 1 FROM chain WHERE id = $2 LIMIT 1`,
      [supervisorId, userId],
    );
    return rows.length > 0;
  }
}

async function assertAnActiveAdmin(tx: EntityManager): Promise<void> {
  const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM users WHERE active AND 'admin' = ANY(roles)`);
  if (n < 1) throw new LastAdminError();
}
