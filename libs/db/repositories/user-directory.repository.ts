import { DataSource, Repository } from 'typeorm';
import type { RoleName } from '../../domain';
import { UserEntity } from '../entities/user.entity';
import { DelegationEntity } from '../entities/delegation.entity';

/** What the rest of Accord needs to know about a person: no password hash, no session data. */
export interface DirectoryUser {
  id: string;
  email: string;
  nameMn: string;
  nameLatin: string;
  language: 'mn' | 'en';
  division: string | null;
  roles: RoleName[];
  supervisorId: string | null;
  active: boolean;
}

/** Who actually receives a task meant for a person at a moment, and for whom they act. */
export interface AssigneeResolution {
  assigneeId: string;
  /** The person the task was meant for when a delegate receives it; null when they receive it themselves. */
  onBehalfOfId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Delegation chains (A away -> B, B also away -> C) are followed this far at most. */
const MAX_DELEGATION_HOPS = 5;

export function toDirectoryUser(u: UserEntity): DirectoryUser {
  return {
    id: u.id,
    email: u.email,
    nameMn: u.nameMn,
    nameLatin: u.nameLatin,
    language: u.language,
    division: u.division,
    roles: u.roles,
    supervisorId: u.supervisorId,
    active: u.active,
  };
}

/**
 * Read-only view of people for routing: approval chains resolve a role to people, and a person to whoever covers
 * for them today. Used by the API and by workflow activities alike.
 */
export class UserDirectoryRepository {
  private readonly users: Repository<UserEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  async findById(id: string): Promise<DirectoryUser | null> {
    if (!UUID.test(id)) return null;
    const u = await this.users.findOneBy({ id });
    return u && toDirectoryUser(u);
  }

  async findByIds(ids: string[]): Promise<DirectoryUser[]> {
    const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
    if (!valid.length) return [];
    const rows = await this.users.createQueryBuilder('u').where('u.id = ANY(:ids)', { ids: valid }).getMany();
    return rows.map(toDirectoryUser);
  }

  async findByEmail(email: string): Promise<DirectoryUser | null> {
    const u = await this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: email.trim() }).getOne();
    return u && toDirectoryUser(u);
  }

  /** Active holders of a role, optionally only in one division; in a stable order so routing is repeatable. */
  async findActiveByRole(role: RoleName, division?: string | null): Promise<DirectoryUser[]> {
    const q = this.users.createQueryBuilder('u').where('u.active').andWhere(':role = ANY(u.roles)', { role });
    if (division) q.andWhere('u.division = :division', { division });
    const rows = await q.orderBy('u.name_latin', 'ASC').addOrderBy('u.id', 'ASC').getMany();
    return rows.map(toDirectoryUser);
  }

  /**
   * Where an escalation about this person goes: their supervisor when set and active; otherwise the head of their
   * division (not themselves), so an overdue task is never escalated to nobody because a supervisor left.
   */
  async findSupervisor(userId: string): Promise<DirectoryUser | null> {
    const u = await this.findById(userId);
    if (!u) return null;
    const s = u.supervisorId ? await this.findById(u.supervisorId) : null;
    if (s?.active) return s;
    if (!u.division) return null;
    return (await this.findActiveByRole('division_head', u.division)).find((h) => h.id !== u.id) ?? null;
  }

  /** The delegation in force for a person at a moment whose delegate is active, newest first. */
  async activeDelegationFrom(userId: string, at: Date): Promise<DelegationEntity | null> {
    if (!UUID.test(userId)) return null;
    return this.dataSource
      .getRepository(DelegationEntity)
      .createQueryBuilder('d')
      .innerJoin(UserEntity, 'u', 'u.id = d.delegate_id AND u.active')
      .where('d.delegator_id = :userId', { userId })
      .andWhere('d.revoked_at IS NULL')
      .andWhere('d.starts_at <= :at AND d.ends_at > :at', { at })
      .orderBy('d.created_at', 'DESC')
      .getOne();
  }

  /**
   * Who receives a task meant for `userId` at `at`: the person, or whoever they delegated to for that moment
   * (following a chain of absences, never in a circle), recorded as acting on behalf of the original person.
   */
  async resolveAssignee(userId: string, at: Date = new Date()): Promise<AssigneeResolution> {
    const visited = new Set([userId]);
    let current = userId;
    for (let hop = 0; hop < MAX_DELEGATION_HOPS; hop++) {
      const d = await this.activeDelegationFrom(current, at);
      if (!d || visited.has(d.delegateId)) break;
      visited.add(d.delegateId);
      current = d.delegateId;
    }
    return { assigneeId: current, onBehalfOfId: current === userId ? null : userId };
  }
}
