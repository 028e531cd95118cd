import type { RoleName } from '../../../../libs/domain';

export interface SeedPerson {
  key: string;
  email: string;
  nameMn: string;
  nameLatin: string;
  language: 'mn' | 'en';
  division: string;
  roles: RoleName[];
  /** `key` of the supervisor. */
  supervisor?: string;
}

/**
 * A small, realistic customs administration for development: the International Cooperation Division (head and three
 * officers), one person for each approver role, leadership, and an administrator. Addresses use the reserved
 * `.example` domain, so no email can reach a real person.
 */
export const DEV_ORGANISATION: SeedPerson[] = [
  { key: 'cg', email: 'ganbaatar.b@customs.example', nameMn: 'Батын Ганбаатар', nameLatin: 'Ganbaatar Bat', language: 'mn', division: 'office-of-the-commissioner', roles: ['commissioner_general'] },
  { key: 'dc', email: 'oyunchimeg.d@customs.example', nameMn: 'Доржийн Оюунчимэг', nameLatin: 'Oyunchimeg Dorj', language: 'mn', division: 'office-of-the-commissioner', roles: ['deputy_commissioner'], supervisor: 'cg' },
  { key: 'head', email: 'enkhtuya.s@customs.example', nameMn: 'Сүхбаатарын Энхтуяа', nameLatin: 'Enkhtuya Sukhbaatar', language: 'mn', division: 'international-cooperation', roles: ['division_head'], supervisor: 'dc' },
  { key: 'officer1', email: 'temuulen.b@customs.example', nameMn: 'Батболдын Тэмүүлэн', nameLatin: 'Temuulen Batbold', language: 'mn', division: 'international-cooperation', roles: ['officer'], supervisor: 'head' },
  { key: 'officer2', email: 'nomin.g@customs.example', nameMn: 'Ганзоригийн Номин', nameLatin: 'Nomin Ganzorig', language: 'en', division: 'international-cooperation', roles: ['officer'], supervisor: 'head' },
  { key: 'officer3', email: 'bilguun.o@customs.example', nameMn: 'Очирын Билгүүн', nameLatin: 'Bilguun Ochir', language: 'mn', division: 'international-cooperation', roles: ['officer'], supervisor: 'head' },
  { key: 'legal', email: 'sarantuya.p@customs.example', nameMn: 'Пүрэвийн Сарантуяа', nameLatin: 'Sarantuya Purev', language: 'mn', division: 'legal', roles: ['legal'], supervisor: 'dc' },
  { key: 'finance', email: 'munkhbat.ts@customs.example', nameMn: 'Цэрэнгийн Мөнхбат', nameLatin: 'Munkhbat Tseren', language: 'mn', division: 'finance', roles: ['finance'], supervisor: 'dc' },
  { key: 'leadership', email: 'altantsetseg.n@customs.example', nameMn: 'Нямдоржийн Алтанцэцэг', nameLatin: 'Altantsetseg Nyamdorj', language: 'en', division: 'office-of-the-commissioner', roles: ['leadership'], supervisor: 'cg' },
  { key: 'admin', email: 'admin@customs.example', nameMn: 'Системийн администратор', nameLatin: 'System Administrator', language: 'en', division: 'information-technology', roles: ['admin'] },
];

/** Everyone in the development organisation signs in with this password unless another is given. */
export const DEV_PASSWORD = 'accord-dev-password';
