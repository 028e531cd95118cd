import { DataSource, Repository } from 'typeorm';
import { UserEntity } from '../entities/user.entity';

/** What anyone signed in may know about a colleague: who they are and where they work; no email, roles or account data. */
export interface PersonSummary {
  id: string;
  nameMn: string;
  nameLatin: string;
  division: string | null;
}

export interface PeopleSearch {
  /** Part of either spelling of the name, matched literally and case-insensitively. */
  q?: string;
  /** Only these people (e.g. to name the delegates of a trip already chosen). */
  ids?: string[];
  limit: number;
}

/**
 * The organisation's directory as every signed-in person sees it (a people picker): active people only, a narrow
 * projection, searched by name. Administration of people is `UserAccountRepository`'s.
 */
export class PeopleDirectoryRepository {
  private readonly users: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  async searchActive(s: PeopleSearch): Promise<PersonSummary[]> {
    const q = this.users.createQueryBuilder('u').select(['u.id', 'u.nameMn', 'u.nameLatin', 'u.division']).where('u.active');
    if (s.ids) {
      if (!s.ids.length) return [];
      q.andWhere('u.id = ANY(:ids)', { ids: [...new Set(s.ids)] });
    }
    const text = s.q?.trim();
    if (text) {
      // ILIKE with the pattern characters escaped: the search text is matched literally.
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere('(u.name_latin ILIKE :p OR u.name_mn ILIKE :p)', { p: pattern });
    }
    const rows = await q.orderBy('u.name_latin', 'ASC').addOrderBy('u.id', 'ASC').take(s.limit).getMany();
    return rows.map((u) => ({ id: u.id, nameMn: u.nameMn, nameLatin: u.nameLatin, division: u.division }));
  }
}
