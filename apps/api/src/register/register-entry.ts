import type { TreatyRegisterRow } from '../../../../libs/db';
import {
  addYears,
  AgreementData,
  AgreementDeadlineKind,
  Bilingual,
  bindingAnnexes,
  compareIsoDates,
  CONVENTIONS_V1,
  IsoDate,
  nextAgreementDeadline,
  RenewalRule,
} from '../../../../libs/domain';
import { stageLabel } from '../../../../libs/domain/process/stage-labels';
import { countryName } from './counterpart-countries';

/**
 * One line of the treaty register, from a proposals row: what binds the country (or did), since when, until when,
 * and what is next. Pure; `today` is the Ulaanbaatar date the register is read on.
 */

export const REGISTER_CATEGORIES = ['convention', 'bilateral'] as const;
export type RegisterCategory = (typeof REGISTER_CATEGORIES)[number];

export const REGISTER_STATUSES = ['in_force', 'not_yet_in_force', 'signed', 'terminated', 'expired'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export const REGISTER_STATUS_LABELS: Record<RegisterStatus, Bilingual> = {
  in_force: { en: 'In force', mn: 'Хүчин төгөлдөр' },
  not_yet_in_force: { en: 'Not yet in force', mn: 'Хүчин төгөлдөр болоогүй' },
  signed: { en: 'Signed, awaiting entry into force', mn: 'Гарын үсэг зурсан, хүчин төгөлдөр болоогүй' },
  terminated: { en: 'Terminated', mn: 'Цуцлагдсан' },
  expired: { en: 'Expired', mn: 'Хугацаа дууссан' },
};

export const REGISTER_INSTRUMENT_TYPES = ['convention', 'intergovernmental', 'interagency_mou'] as const;
export type RegisterInstrumentType = (typeof REGISTER_INSTRUMENT_TYPES)[number];

export const INSTRUMENT_TYPE_LABELS: Record<RegisterInstrumentType, Bilingual> = {
  convention: { en: 'Multilateral convention', mn: 'Олон талт конвенц' },
  intergovernmental: { en: 'Intergovernmental agreement', mn: 'Засгийн газар хоорондын хэлэлцээр' },
  interagency_mou: { en: 'Inter-agency memorandum of understanding', mn: 'Байгууллага хоорондын харилцан ойлголцлын санамж бичиг' },
};

export const DEADLINE_LABELS: Record<AgreementDeadlineKind, Bilingual> = {
  notice_deadline: { en: 'Last day for notice of termination (else it renews)', mn: 'Цуцлах мэдэгдэл өгөх эцсийн өдөр (эс бөгөөс сунгагдана)' },
  renewal: { en: 'Renewal', mn: 'Сунгалт' },
  expiry: { en: 'Expiry', mn: 'Хугацаа дуусах' },
  termination: { en: 'Termination takes effect', mn: 'Цуцлалт хүчин төгөлдөр болох' },
  annual_review: { en: 'Annual review due', mn: 'Жилийн хяналт хийх хугацаа' },
};

export interface RegisterEntry {
  id: string;
  category: RegisterCategory;
  title: Bilingual;
  stage: string;
  stageName: Bilingual;
  status: RegisterStatus;
  statusLabel: Bilingual;
  instrumentType: RegisterInstrumentType;
  instrumentTypeLabel: Bilingual;
  conventionCode: string | null;
  counterpartCountry: string | null;
  counterpartCountryName: Bilingual | null;
  counterpartAuthority: string | null;
  /** Conventions: who keeps the instruments of accession. */
  depositary: Bilingual | null;
  depositDate: IsoDate | null;
  signatureDate: IsoDate | null;
  entryIntoForce: IsoDate | null;
  /** The day it stops binding (not in force on it): a termination's effective date or the expiry; null while open-ended. */
  endDate: IsoDate | null;
  /** Annexes that bind the country (mandatory ones and those accepted). */
  annexes: Array<{ code: string; title: Bilingual }>;
  reservations: string[];
  /** The act that approved it at home: the law of accession or of ratification. */
  act: { number: string; date: IsoDate | null } | null;
  validity: Bilingual | null;
  nextDeadline: { kind: AgreementDeadlineKind; date: IsoDate; label: Bilingual } | null;
  imported: boolean;
}

interface AccessionDetails {
  fields?: { conventionCode?: string };
  deposit?: { depositDate: string; entryIntoForce: string | null } | null;
  annexesAccepted?: string[];
  reservations?: string[];
  parliament?: { lawNumber?: string; lawDate?: string } | null;
  imported?: unknown;
}

interface AgreementDetails {
  fields?: Record<string, string>;
  agreement?: AgreementData | null;
  imported?: unknown;
}

const before = (a: IsoDate, b: IsoDate) => compareIsoDates(a, b) < 0;

export function registerEntry(row: TreatyRegisterRow, today: IsoDate): RegisterEntry {
  return row.kind === 'accession' ? conventionEntry(row, today) : bilateralEntry(row, today);
}

function conventionEntry(row: TreatyRegisterRow, today: IsoDate): RegisterEntry {
  const d = row.details as AccessionDetails;
  const code = d.fields?.conventionCode ?? null;
  const def = code ? CONVENTIONS_V1.conventions.find((c) => c.code === code) : undefined;
  const eif = d.deposit?.entryIntoForce ?? null;
  const accepted = d.annexesAccepted ?? [];
  const annexes = def
    ? bindingAnnexes(def, accepted).map((a) => ({ code: a, title: def.annexes.find((x) => x.code === a)!.title }))
    : accepted.map((a) => ({ code: a, title: { en: a, mn: a } }));
  const status: RegisterStatus = eif && !before(today, eif) ? 'in_force' : 'not_yet_in_force';
  return {
    ...common(row, status, 'convention'),
    conventionCode: code,
    counterpartCountry: null,
    counterpartCountryName: null,
    counterpartAuthority: null,
    depositary: def ? def.depositary : null,
    depositDate: d.deposit?.depositDate ?? null,
    signatureDate: null,
    entryIntoForce: eif,
    endDate: null,
    annexes,
    reservations: d.reservations ?? [],
    act: d.parliament?.lawNumber ? { number: d.parliament.lawNumber, date: d.parliament.lawDate ?? null } : null,
    validity: { en: 'Indefinite (until denounced)', mn: 'Хугацаагүй (цуцлах хүртэл)' },
    nextDeadline: null,
    imported: !!d.imported,
  };
}

function bilateralEntry(row: TreatyRegisterRow, today: IsoDate): RegisterEntry {
  const d = row.details as AgreementDetails;
  const f = d.fields ?? {};
  const a = d.agreement ?? null;
  const eif = a?.entryIntoForce ?? f.entryIntoForce ?? null;
  const end = endOf(a, eif);
  let status: RegisterStatus;
  if (row.stage === 'TERMINATED') status = 'terminated';
  else if (row.stage === 'EXPIRED') status = 'expired';
  else if (row.stage !== 'IN_FORCE' || !eif) status = 'signed';
  // The dates decide on the day itself, before the workflow's timer has moved the stage.
  else if (end && !before(today, end.date)) status = end.kind === 'termination' ? 'terminated' : 'expired';
  else status = before(today, eif) ? 'not_yet_in_force' : 'in_force';
  const type = (f.instrumentType === 'interagency_mou' ? 'interagency_mou' : 'intergovernmental') as RegisterInstrumentType;
  const next = a && row.stage === 'IN_FORCE' && row.status === 'open' ? nextAgreementDeadline(a, today) : null;
  return {
    ...common(row, status, type),
    conventionCode: null,
    counterpartCountry: f.counterpartCountry ?? null,
    counterpartCountryName: f.counterpartCountry ? countryName(f.counterpartCountry) : null,
    counterpartAuthority: f.counterpartAuthority ?? null,
    depositary: null,
    depositDate: null,
    signatureDate: a?.signature?.date ?? f.signatureDate ?? null,
    entryIntoForce: eif,
    endDate: end?.date ?? null,
    annexes: [],
    reservations: [],
    act: a?.ratification ? { number: a.ratification.actNumber, date: a.ratification.actDate } : null,
    validity: a ? validityText(a.renewalRule, eif) : null,
    nextDeadline: next ? { ...next, label: DEADLINE_LABELS[next.kind] } : null,
    imported: !!d.imported,
  };
}

function common(row: TreatyRegisterRow, status: RegisterStatus, type: RegisterInstrumentType) {
  return {
    id: row.id,
    category: (row.kind === 'accession' ? 'convention' : 'bilateral') as RegisterCategory,
    title: { en: row.titleEn, mn: row.titleMn },
    stage: row.stage,
    stageName: stageLabel(row.kind, row.stage),
    status,
    statusLabel: REGISTER_STATUS_LABELS[status],
    instrumentType: type,
    instrumentTypeLabel: INSTRUMENT_TYPE_LABELS[type],
  };
}

/** The first day it no longer binds: a termination's effective date, or the expiry of one that does not renew. */
function endOf(a: AgreementData | null, eif: IsoDate | null): { kind: 'termination' | 'expiry'; date: IsoDate } | null {
  if (a?.termination) return { kind: 'termination', date: a.termination.effectiveDate };
  const r = a?.renewalRule;
  if (r && !r.automaticRenewal && eif) return { kind: 'expiry', date: addYears(eif, r.validityYears) };
  return null;
}

function validityText(r: RenewalRule | null, eif: IsoDate | null): Bilingual {
  if (!r) return { en: 'Until terminated', mn: 'Цуцлах хүртэл' };
  if (!r.automaticRenewal) {
    const expiry = eif ? addYears(eif, r.validityYears) : null;
    return {
      en: `${r.validityYears} years${expiry ? `, until ${expiry}` : ''}; no automatic renewal`,
      mn: `${r.validityYears} жил${expiry ? `, ${expiry} хүртэл` : ''}; автоматаар сунгагдахгүй`,
    };
  }
  const { periodYears, noticeMonths } = r.automaticRenewal;
  return {
    en: `${r.validityYears} years, renewed automatically for ${periodYears}-year periods unless notice is given ${noticeMonths} months before expiry`,
    mn: `${r.validityYears} жил; хугацаа дуусахаас ${noticeMonths} сарын өмнө мэдэгдэл өгөөгүй бол ${periodYears} жилээр автоматаар сунгагдана`,
  };
}

/** Whether the instrument bound the country on `date`. */
export function inForceOn(e: RegisterEntry, date: IsoDate): boolean {
  if (!e.entryIntoForce || before(date, e.entryIntoForce)) return false;
  if (e.category === 'bilateral' && e.status === 'signed') return false;
  return !e.endDate || before(date, e.endDate);
}
