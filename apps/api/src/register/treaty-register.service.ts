import { Injectable } from '@nestjs/common';
import { TreatyRegisterRepository } from '../../../../libs/db';
import { compareIsoDates, ulaanbaatarDate } from '../../../../libs/domain';
import { countryName } from './counterpart-countries';
import { RegisterFiltersDto } from './dto/register.dto';
import { RegisterQuery } from './dto/register-query.dto';
import { inForceOn, REGISTER_STATUS_LABELS, REGISTER_STATUSES, RegisterEntry, registerEntry } from './register-entry';

const CATEGORY_NAMES = {
  convention: { en: 'Conventions acceded', mn: 'Нэгдэн орсон конвенц' },
  bilateral: { en: 'Bilateral agreements and MoUs', mn: 'Хоёр талын хэлэлцээр, санамж бичиг' },
};

/**
 * The treaty register: every convention the country acceded to and every bilateral instrument it signed, with
 * what is in force today. It lists instruments of the whole administration to every signed-in person (what binds
 * the country is no secret inside it); each instrument's detail page keeps its own visibility.
 */
@Injectable()
export class TreatyRegisterService {
  constructor(private readonly register: TreatyRegisterRepository) {}

  async list(q: RegisterQuery, now: Date = new Date()): Promise<{ today: string; total: number; items: RegisterEntry[] }> {
    const today = ulaanbaatarDate(now);
    const rows = await this.register.list({ category: q.category, counterpartCountry: q.counterpartCountry, q: q.q?.trim() || undefined });
    // Status and deadlines depend on today, so they are computed here rather than in SQL.
    let items = rows.map((r) => registerEntry(r, today));
    if (q.status) items = items.filter((e) => e.status === q.status);
    if (q.inForceOn) items = items.filter((e) => inForceOn(e, q.inForceOn!));
    items.sort(byEntryIntoForce(q.order ?? 'asc'));
    return { today, total: items.length, items };
  }

  async filters(): Promise<RegisterFiltersDto> {
    const rows = await this.register.list({ category: 'bilateral' });
    const codes = [...new Set(rows.map((r) => (r.details.fields as Record<string, string> | undefined)?.counterpartCountry).filter((c): c is string => !!c))];
    return {
      categories: Object.entries(CATEGORY_NAMES).map(([code, name]) => ({ code, name })),
      statuses: REGISTER_STATUSES.map((code) => ({ code, name: REGISTER_STATUS_LABELS[code] })),
      countries: codes.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.en.localeCompare(b.name.en)),
    };
  }
}

/** By entry into force (unknown dates last), then by title. */
function byEntryIntoForce(order: 'asc' | 'desc') {
  return (a: RegisterEntry, b: RegisterEntry): number => {
    if (a.entryIntoForce !== b.entryIntoForce) {
      if (!a.entryIntoForce) return 1;
      if (!b.entryIntoForce) return -1;
      const c = compareIsoDates(a.entryIntoForce, b.entryIntoForce);
      return order === 'asc' ? c : -c;
    }
    return a.title.en.localeCompare(b.title.en) || a.id.localeCompare(b.id);
  };
}
