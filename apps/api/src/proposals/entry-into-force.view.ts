import { Bilingual, CONVENTIONS_V1, describeEntryIntoForceRule, entryIntoForceDate, forecastEntryIntoForce, ulaanbaatarDate } from '../../../../libs/domain';
import { EntryIntoForceDto } from './dto/proposal.dto';

interface AccessionFacts {
  kind: string;
  status: string;
  fields?: Record<string, string>;
  deposit?: { depositDate: string; entryIntoForce: string | null } | null;
}

/**
 * When the convention an accession proposal accedes to enters into force for the country, from the convention's own
 * rule in the catalogue: before deposit a forecast "if the instrument is deposited today" (open proposals only),
 * after deposit the date fixed from the deposit date. Null for other kinds, an uncatalogued or missing convention
 * code, and a proposal that ended before deposit.
 */
export function entryIntoForceView(p: AccessionFacts, now: Date): EntryIntoForceDto | null {
  if (p.kind !== 'accession') return null;
  const code = p.fields?.conventionCode;
  const convention = CONVENTIONS_V1.conventions.find((c) => c.code === code);
  if (!convention) return null;
  const rule = describeEntryIntoForceRule(convention.entryIntoForce);
  if (p.deposit?.depositDate) {
    const date = p.deposit.entryIntoForce ?? entryIntoForceDate(convention.entryIntoForce, p.deposit.depositDate);
    return {
      status: 'fixed',
      basis: 'deposit',
      conventionCode: convention.code,
      depositDate: p.deposit.depositDate,
      date,
      latestDepositForSameDate: null,
      label: {
        en: `In force for Mongolia from ${date} (instrument deposited on ${p.deposit.depositDate}).`,
        mn: `${date}-нд Монгол Улсын хувьд хүчин төгөлдөр болно (баримт бичгийг ${p.deposit.depositDate}-нд хадгалуулсан).`,
      },
      rule,
    };
  }
  if (p.status !== 'open') return null;
  const today = ulaanbaatarDate(now);
  const forecast = forecastEntryIntoForce(convention.entryIntoForce, today);
  const label: Bilingual = {
    en: `Forecast: if the instrument is deposited today (${today}), in force from ${forecast.entryIntoForce}; deposited by ${forecast.latestTriggerForSameDate}, still the same date.`,
    mn: `Урьдчилсан тооцоо: баримт бичгийг өнөөдөр (${today}) хадгалуулбал ${forecast.entryIntoForce}-нд хүчин төгөлдөр болно; ${forecast.latestTriggerForSameDate} хүртэл хадгалуулбал мөн энэ огноо.`,
  };
  return {
    status: 'forecast',
    basis: 'if_deposited_today',
    conventionCode: convention.code,
    depositDate: today,
    date: forecast.entryIntoForce,
    latestDepositForSameDate: forecast.latestTriggerForSameDate,
    label,
    rule,
  };
}
