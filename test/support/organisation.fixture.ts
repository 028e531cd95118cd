import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UserAccountRepository } from '../../libs/db/repositories/user-account.repository';
import type { RoleName } from '../../libs/domain';

export interface Person {
  id: string;
  email: string;
  roles: RoleName[];
  division: string | null;
}

export type Organisation = Record<'owner' | 'colleague' | 'outsider' | 'head' | 'lawyer' | 'finance' | 'deputy' | 'chief' | 'leader' | 'admin', Person>;

/**
 * A small organisation of its own per test file: a division named uniquely, so role lookups ("the division head of
 * this division") never pick people another test file created in the same database.
 */
export async function seedOrganisation(ds: DataSource, tag = randomUUID().slice(0, 8)): Promise<Organisation & { division: string }> {
  const division = `div-${tag}`;
  const accounts = new UserAccountRepository(ds);
  const make = async (key: string, roles: RoleName[], div: string | null = division, supervisorId: string | null = null): Promise<Person> => {
    const email = `${key}.${tag}@customs.test`;
    const { user } = await accounts.createOnce({
      email,
      nameMn: `${key} ${tag}`,
      nameLatin: `${key} ${tag}`,
      language: key === 'lawyer' ? 'en' : 'mn',
      division: div,
      roles,
      supervisorId,
      passwordHash: null,
      mustChangePassword: false,
      createRequestId: null,
    });
    return { id: user.id, email, roles, division: div };
  };
  const chief = await make('chief', ['commissioner_general']);
  const deputy = await make('deputy', ['deputy_commissioner'], division, chief.id);
  const head = await make('head', ['division_head'], division, deputy.id);
  return {
    division,
    chief,
    deputy,
    head,
    owner: await make('owner', ['officer'], division, head.id),
    colleague: await make('colleague', ['officer'], division, head.id),
    outsider: await make('outsider', ['officer'], `other-${tag}`),
    lawyer: await make('lawyer', ['legal'], division, deputy.id),
    finance: await make('finance', ['finance'], division, deputy.id),
    leader: await make('leader', ['leadership'], null),
    admin: await make('admin', ['admin'], null),
  };
}
