import {
  ACCESSION_V1,
  addYears,
  AGREEMENT_V1,
  AgreementData,
  AgreementEntryIntoForceRule,
  agreementEntryIntoForce,
  checkAnnexSelection,
  compareIsoDates,
  ContactPoint,
  CONVENTIONS_V1,
  ConventionCatalogue,
  DiplomaticNotification,
  entryIntoForceDate,
  INSTRUMENT_TYPES,
  InstrumentType,
  isIsoDate,
  IsoDate,
  Party,
  PARTIES,
  RenewalRule,
  Signatory,
  termsProblem,
  Termination,
} from '../../../../../libs/domain';

/**
 * One record of a treaty-register import file (JSON or CSV), checked and normalised. Pure: the importer reads the
 * file, resolves owners and documents, and writes; everything a person can get wrong in the file is caught here,
 * with the record number, the field and the reason in English and Mongolian.
 */

export interface ImportProblem {
  /** 1-based position of the record in the file; 0 for a problem with the file itself. */
  record: number;
  key: string | null;
  field: string;
  reason: string;
  reasonMn: string;
}

export interface ImportDocument {
  kind: string;
  /** As written in the file; relative paths are relative to the file. */
  path: string;
}

interface CommonImport {
  /** 1-based position in the file. */
  record: number;
  /** The natural key: the record's `key`, else the convention code or `<country>-<instrumentType>-<signatureDate>`. */
  key: string;
  titleEn: string;
  titleMn: string;
  summary: string;
  /** Email of the owner, if the record names one (otherwise the import's --owner). */
  owner: string | null;
  documents: ImportDocument[];
  note: string;
}

export interface ConventionImport extends CommonImport {
  category: 'convention';
  conventionCode: string;
  depositDate: IsoDate;
  entryIntoForce: IsoDate;
  /** True when the file left the date out and the convention's own rule gave it. */
  entryIntoForceComputed: boolean;
  annexesAccepted: string[];
  reservations: string[];
  law: { lawNumber: string; lawDate: IsoDate | null } | null;
}

export type ImportedStage = 'IN_FORCE' | 'TERMINATED' | 'EXPIRED';

export interface AgreementImport extends CommonImport {
  category: 'bilateral';
  /** Draft fields as the agreement workflow keeps them. */
  fields: Record<string, string>;
  /** Everything up to the final state; `imported` is filled in by the importer (it knows the source). */
  agreement: AgreementData;
  stage: ImportedStage;
}

export type ImportRecord = ConventionImport | AgreementImport;

export interface RecordCheckContext {
  /** Today in Ulaanbaatar: dates of things that happened may not be later. */
  today: IsoDate;
  catalogue?: ConventionCatalogue;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IMPORTED_RENEWAL_VERSION = 'renewal-imported-v1';
/** The stage names an import file may state (status), by the stage they mean. */
export const IMPORT_STATUSES: Record<string, ImportedStage> = { in_force: 'IN_FORCE', terminated: 'TERMINATED', expired: 'EXPIRED' };

const COMMON_FIELDS = ['category', 'key', 'titleEn', 'titleMn', 'summary', 'owner', 'documents', 'note'];
const CONVENTION_FIELDS = [...COMMON_FIELDS, 'conventionCode', 'depositDate', 'entryIntoForce', 'annexesAccepted', 'reservations', 'lawNumber', 'lawDate'];
const BILATERAL_FIELDS = [
  ...COMMON_FIELDS,
  'counterpartCountry',
  'counterpartAuthority',
  'instrumentType',
  'subject',
  'legalBasis',
  'requiresRatification',
  'signatureDate',
  'signaturePlace',
  'signatories',
  'entryIntoForceRule',
  'notifications',
  'entryIntoForce',
  'ratification',
  'renewalRule',
  'termination',
  'status',
  'contactPoints',
];

type Raw = Record<string, unknown>;

/** Collects a record's problems; each reason in both languages. */
class Problems {
  readonly list: ImportProblem[] = [];
  constructor(
    private readonly record: number,
    private key: string | null,
  ) {}
  setKey(key: string | null): void {
    this.key = key;
    for (const p of this.list) p.key = key;
  }
  add(field: string, reason: string, reasonMn: string): void {
    this.list.push({ record: this.record, key: this.key, field, reason, reasonMn });
  }
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());

function text(r: Raw, field: string, p: Problems, opts: { required?: boolean; max?: number } = {}): string {
  const v = r[field];
  if (isBlank(v)) {
    if (opts.required) p.add(field, 'is required', 'заавал бөглөнө');
    return '';
  }
  if (typeof v !== 'string') {
    p.add(field, 'must be text', 'текст байна');
    return '';
  }
  const s = v.trim();
  const max = opts.max ?? 2000;
  if (s.length > max) p.add(field, `must be at most ${max} characters`, `${max}-аас ихгүй тэмдэгт байна`);
  return s;
}

/** A calendar date; `past`: not after today (it already happened). */
function date(r: Raw, field: string, p: Problems, ctx: RecordCheckContext, opts: { required?: boolean; past?: boolean } = {}): IsoDate | null {
  const v = r[field];
  return dateValue(v, field, p, ctx, opts);
}

function dateValue(v: unknown, field: string, p: Problems, ctx: RecordCheckContext, opts: { required?: boolean; past?: boolean } = {}): IsoDate | null {
  if (isBlank(v)) {
    if (opts.required) p.add(field, 'is required (a date, YYYY-MM-DD)', 'заавал бөглөнө (огноо, ОООО-СС-ӨӨ)');
    return null;
  }
  const s = typeof v === 'string' ? v.trim() : v;
  if (!isIsoDate(s)) {
    p.add(field, `must be a date (YYYY-MM-DD), not "${String(v)}"`, `огноо (ОООО-СС-ӨӨ) байна, "${String(v)}" биш`);
    return null;
  }
  if (opts.past && compareIsoDates(s, ctx.today) > 0) {
    p.add(field, `cannot be in the future (${s} is after today, ${ctx.today})`, `ирээдүйн огноо байж болохгүй (${s} нь өнөөдрөөс (${ctx.today}) хойш)`);
    return null;
  }
  return s;
}

function list(r: Raw, field: string, p: Problems): string[] {
  const v = r[field];
  if (isBlank(v)) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    p.add(field, 'must be a list of texts', 'текстүүдийн жагсаалт байна');
    return [];
  }
  return [...new Set(v.map((x: string) => x.trim()).filter(Boolean))];
}

function documents(r: Raw, kinds: string[], p: Problems): ImportDocument[] {
  const v = r.documents;
  if (isBlank(v)) return [];
  if (!Array.isArray(v)) {
    p.add('documents', 'must be a list of {kind, path}', '{kind, path} жагсаалт байна');
    return [];
  }
  const out: ImportDocument[] = [];
  v.forEach((d, i) => {
    const field = `documents[${i}]`;
    if (!d || typeof d !== 'object') return p.add(field, 'must be {kind, path}', '{kind, path} байна');
    const { kind, path } = d as Raw;
    if (typeof kind !== 'string' || !kinds.includes(kind.trim())) {
      return p.add(`${field}.kind`, `must be one of ${kinds.join(', ')}`, `дараахын нэг байна: ${kinds.join(', ')}`);
    }
    if (typeof path !== 'string' || !path.trim()) return p.add(`${field}.path`, 'is required (the file to store)', 'заавал бөглөнө (хадгалах файл)');
    out.push({ kind: kind.trim(), path: path.trim() });
  });
  return out;
}

function unknownFields(r: Raw, known: string[], p: Problems): void {
  for (const f of Object.keys(r)) {
    if (!known.includes(f)) p.add(f, `is not a field of this category (known: ${known.join(', ')})`, `энэ ангиллын талбар биш (талбарууд: ${known.join(', ')})`);
  }
}

function common(r: Raw, p: Problems, kinds: string[]): Omit<CommonImport, 'record' | 'key' | 'titleEn' | 'titleMn'> {
  const owner = text(r, 'owner', p, { max: 254 });
  if (owner && !EMAIL_PATTERN.test(owner)) p.add('owner', 'must be an email address', 'имэйл хаяг байна');
  return { summary: text(r, 'summary', p), owner: owner || null, documents: documents(r, kinds, p), note: text(r, 'note', p) };
}

function explicitKey(r: Raw, p: Problems): string | null {
  const k = text(r, 'key', p, { max: 100 });
  if (!k) return null;
  if (!KEY_PATTERN.test(k)) p.add('key', 'may hold only letters, digits, ".", "_", ":" and "-" (at most 100)', 'зөвхөн латин үсэг, тоо, ".", "_", ":", "-" агуулна (100 хүртэл)');
  return k;
}

function checkConvention(r: Raw, n: number, ctx: RecordCheckContext): { record?: ConventionImport; problems: ImportProblem[] } {
  const catalogue = ctx.catalogue ?? CONVENTIONS_V1;
  const p = new Problems(n, null);
  unknownFields(r, CONVENTION_FIELDS, p);
  const code = text(r, 'conventionCode', p, { required: true, max: 32 });
  const key = explicitKey(r, p) ?? (code || null);
  p.setKey(key);
  const def = code ? catalogue.conventions.find((c) => c.code === code) : undefined;
  if (code && !def) {
    const known = catalogue.conventions.map((c) => c.code).join(', ');
    p.add('conventionCode', `is not in the convention catalogue (${known})`, `конвенцийн жагсаалтад байхгүй (${known})`);
  }
  const depositDate = date(r, 'depositDate', p, ctx, { required: true, past: true });
  const givenEif = date(r, 'entryIntoForce', p, ctx);
  let entryIntoForce: IsoDate | null = givenEif;
  if (givenEif && depositDate && compareIsoDates(givenEif, depositDate) < 0) {
    p.add('entryIntoForce', `cannot precede the deposit (${depositDate})`, `хадгалуулсан огнооноос (${depositDate}) өмнө байж болохгүй`);
  }
  if (!givenEif && def && depositDate) {
    try {
      entryIntoForce = entryIntoForceDate(def.entryIntoForce, depositDate);
    } catch (err) {
      p.add('entryIntoForce', `cannot be computed from the convention's rule (${(err as Error).message}); give the date`, `конвенцийн дүрмээр тооцоолох боломжгүй; огноог оруулна уу`);
    }
  }
  const annexesAccepted = list(r, 'annexesAccepted', p);
  if (def) {
    for (const problem of checkAnnexSelection(def, annexesAccepted)) p.add('annexesAccepted', problem.message.en, problem.message.mn);
  }
  const reservations = list(r, 'reservations', p);
  if (def && reservations.length && !def.reservations.allowed) p.add('reservations', def.reservations.scope.en, def.reservations.scope.mn);
  const lawNumber = text(r, 'lawNumber', p, { max: 64 });
  const lawDate = date(r, 'lawDate', p, ctx, { past: true });
  if (lawDate && depositDate && compareIsoDates(lawDate, depositDate) > 0) {
    p.add('lawDate', `the law comes before the deposit (${depositDate})`, `хууль нь хадгалуулахаас (${depositDate}) өмнө батлагдана`);
  }
  if (lawDate && !lawNumber) p.add('lawNumber', 'is required when lawDate is given', 'lawDate өгсөн бол заавал бөглөнө');
  const rest = common(r, p, ACCESSION_V1.documentKinds.map((k) => k.code));
  const titleEn = text(r, 'titleEn', p, { max: 500 }) || (def ? `Accession to the ${def.shortName.en}` : '');
  // Dative case: "конвенц" -> "конвенцид"; other endings get a plain suffix.
  const titleMn = text(r, 'titleMn', p, { max: 500 }) || (def ? `${def.shortName.mn}${def.shortName.mn.endsWith('ц') ? 'ид' : '-д'} нэгдэн орсон` : '');
  if (p.list.length || !key || !def || !depositDate || !entryIntoForce) return { problems: p.list };
  return {
    problems: [],
    record: {
      category: 'convention',
      record: n,
      key,
      titleEn,
      titleMn,
      ...rest,
      conventionCode: def.code,
      depositDate,
      entryIntoForce,
      entryIntoForceComputed: !givenEif,
      annexesAccepted,
      reservations,
      law: lawNumber ? { lawNumber, lawDate } : null,
    },
  };
}

/** The entry-into-force clause: an object as the agreement keeps it, or a short form ("on_signature", "days_after_last_notification:30"). */
function eifRule(v: unknown, hasNotifications: boolean, p: Problems): AgreementEntryIntoForceRule | null {
  if (isBlank(v)) return hasNotifications ? { type: 'on_last_notification' } : { type: 'on_signature' };
  let rule: unknown = v;
  if (typeof v === 'string') {
    const [type, n] = v.trim().split(':');
    const num = n === undefined ? undefined : Number(n);
    rule = type === 'days_after_last_notification' ? { type, days: num } : type === 'first_day_of_month_after_last_notification' ? { type, months: num } : { type };
  }
  const problem = termsProblem({ entryIntoForceRule: rule as AgreementEntryIntoForceRule, renewalRule: null });
  if (problem) {
    p.add('entryIntoForceRule', problem, 'хүчин төгөлдөр болох нөхцөл буруу байна');
    return null;
  }
  const r = rule as AgreementEntryIntoForceRule;
  return r.type === 'days_after_last_notification' ? { type: r.type, days: r.days } : r.type === 'first_day_of_month_after_last_notification' ? { type: r.type, months: r.months } : { type: r.type };
}

function renewal(r: Raw, p: Problems): RenewalRule | null | undefined {
  if (!('renewalRule' in r)) {
    p.add('renewalRule', 'is required: null when in force until terminated, or {validityYears, automaticRenewal, reviewLeadMonths}', 'заавал бөглөнө: цуцлах хүртэл хүчинтэй бол null, эсвэл {validityYears, automaticRenewal, reviewLeadMonths}');
    return undefined;
  }
  const v = r.renewalRule;
  if (v === null || v === 'until_terminated') return null;
  if (typeof v !== 'object' || Array.isArray(v)) {
    p.add('renewalRule', 'must be null (until terminated) or {validityYears, automaticRenewal, reviewLeadMonths}', 'null (цуцлах хүртэл) эсвэл {validityYears, automaticRenewal, reviewLeadMonths} байна');
    return undefined;
  }
  const o = v as Raw;
  for (const f of Object.keys(o)) {
    if (!['version', 'validityYears', 'automaticRenewal', 'reviewLeadMonths'].includes(f)) p.add(`renewalRule.${f}`, 'is not a field of the renewal rule', 'сунгалтын нөхцлийн талбар биш');
  }
  const rule = {
    version: typeof o.version === 'string' && o.version.trim() ? o.version.trim() : IMPORTED_RENEWAL_VERSION,
    validityYears: o.validityYears,
    automaticRenewal: o.automaticRenewal === undefined ? null : o.automaticRenewal,
    reviewLeadMonths: o.reviewLeadMonths === undefined ? 3 : o.reviewLeadMonths,
  } as RenewalRule;
  const problem = termsProblem({ entryIntoForceRule: { type: 'on_signature' }, renewalRule: rule });
  if (problem) {
    p.add('renewalRule', problem, 'хүчинтэй хугацаа, сунгалтын нөхцөл буруу байна');
    return undefined;
  }
  const auto = rule.automaticRenewal;
  return { version: rule.version, validityYears: rule.validityYears, automaticRenewal: auto ? { periodYears: auto.periodYears, noticeMonths: auto.noticeMonths } : null, reviewLeadMonths: rule.reviewLeadMonths };
}

function party(v: unknown, field: string, p: Problems): Party | null {
  if (typeof v === 'string' && (PARTIES as readonly string[]).includes(v.trim())) return v.trim() as Party;
  p.add(field, `must be one of ${PARTIES.join(', ')}`, `дараахын нэг байна: ${PARTIES.join(', ')}`);
  return null;
}

function objects(r: Raw, field: string, p: Problems): Raw[] {
  const v = r[field];
  if (isBlank(v)) return [];
  if (!Array.isArray(v) || v.some((x) => !x || typeof x !== 'object' || Array.isArray(x))) {
    p.add(field, 'must be a list of objects', 'объектуудын жагсаалт байна');
    return [];
  }
  return v as Raw[];
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function checkBilateral(r: Raw, n: number, ctx: RecordCheckContext): { record?: AgreementImport; problems: ImportProblem[] } {
  const p = new Problems(n, null);
  unknownFields(r, BILATERAL_FIELDS, p);
  const country = text(r, 'counterpartCountry', p, { required: true, max: 2 }).toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) p.add('counterpartCountry', 'must be a two-letter ISO 3166-1 code (e.g. RU, CN)', 'ISO 3166-1 хоёр үсгийн код байна (жишээ нь RU, CN)');
  const instrumentType = text(r, 'instrumentType', p, { required: true, max: 32 }) as InstrumentType;
  if (instrumentType && !INSTRUMENT_TYPES.includes(instrumentType)) p.add('instrumentType', `must be one of ${INSTRUMENT_TYPES.join(', ')}`, `дараахын нэг байна: ${INSTRUMENT_TYPES.join(', ')}`);
  const signatureDate = date(r, 'signatureDate', p, ctx, { required: true, past: true });
  const key = explicitKey(r, p) ?? (country && instrumentType && signatureDate ? `${country}-${instrumentType}-${signatureDate}` : null);
  p.setKey(key);
  const counterpartAuthority = text(r, 'counterpartAuthority', p, { required: true, max: 300 });
  const subject = text(r, 'subject', p, { required: true, max: 500 });
  const legalBasis = text(r, 'legalBasis', p, { max: 500 });
  const titleEn = text(r, 'titleEn', p, { required: true, max: 500 });
  const titleMn = text(r, 'titleMn', p, { required: true, max: 500 });
  const signaturePlace = text(r, 'signaturePlace', p, { max: 200 });

  let requiresRatification = 'no';
  const rr = r.requiresRatification;
  if (rr === true || rr === 'yes') requiresRatification = 'yes';
  else if (!(isBlank(rr) || rr === false || rr === 'no')) p.add('requiresRatification', 'must be yes or no', 'yes эсвэл no байна');
  if (instrumentType === 'interagency_mou' && requiresRatification === 'yes') p.add('requiresRatification', 'an inter-agency MoU is not ratified', 'байгууллага хоорондын санамж бичгийг соёрхон баталдаггүй');

  const signatories: Signatory[] = objects(r, 'signatories', p).map((s, i) => {
    const who = party(s.party, `signatories[${i}].party`, p);
    if (!str(s.name)) p.add(`signatories[${i}].name`, 'is required', 'заавал бөглөнө');
    return { name: str(s.name), title: str(s.title), party: who ?? 'mongolia' };
  });

  const notifications: DiplomaticNotification[] = [];
  objects(r, 'notifications', p).forEach((x, i) => {
    const f = `notifications[${i}]`;
    const who = party(x.party, `${f}.party`, p);
    const d = dateValue(x.date, `${f}.date`, p, ctx, { required: true, past: true });
    if (who && notifications.some((o) => o.party === who)) p.add(`${f}.party`, `the ${who} notification is given twice`, `${who} талын мэдэгдэл давхардсан`);
    if (d && signatureDate && compareIsoDates(d, signatureDate) < 0) p.add(`${f}.date`, `a notification cannot precede signature (${signatureDate})`, `мэдэгдэл гарын үсэг зурахаас (${signatureDate}) өмнө байж болохгүй`);
    if (who && d) notifications.push({ party: who, date: d, reference: str(x.reference) });
  });

  const rule = eifRule(r.entryIntoForceRule, notifications.length > 0, p);
  const givenEif = date(r, 'entryIntoForce', p, ctx);
  let entryIntoForce = givenEif;
  if (rule && signatureDate) {
    const computed = agreementEntryIntoForce(rule, signatureDate, notifications);
    if (givenEif && computed && computed !== givenEif) {
      p.add('entryIntoForce', `${givenEif} disagrees with the entry-into-force clause (${rule.type}), which gives ${computed}`, `${givenEif} нь хүчин төгөлдөр болох нөхцөлөөр (${rule.type}) гарах ${computed} огноотой зөрж байна`);
    }
    if (!givenEif && !computed) {
      p.add('entryIntoForce', `is required: the clause (${rule.type}) counts from both notifications, which are not both given`, `заавал бөглөнө: нөхцөл (${rule.type}) хоёр талын мэдэгдлээс тоологддог боловч хоёулаа өгөгдөөгүй`);
    }
    entryIntoForce = givenEif ?? computed;
  }
  if (entryIntoForce && signatureDate && compareIsoDates(entryIntoForce, signatureDate) < 0) {
    p.add('entryIntoForce', `cannot precede signature (${signatureDate})`, `гарын үсэг зурахаас (${signatureDate}) өмнө байж болохгүй`);
  }

  let ratification: AgreementData['ratification'] = null;
  if (!isBlank(r.ratification)) {
    const o = (typeof r.ratification === 'object' && !Array.isArray(r.ratification) ? r.ratification : {}) as Raw;
    const actKind = str(o.actKind);
    if (!['law', 'resolution'].includes(actKind)) p.add('ratification.actKind', 'must be law or resolution', 'law эсвэл resolution байна');
    if (!str(o.actNumber)) p.add('ratification.actNumber', 'is required', 'заавал бөглөнө');
    const actDate = dateValue(o.actDate, 'ratification.actDate', p, ctx, { required: true, past: true });
    if (actDate && signatureDate && compareIsoDates(actDate, signatureDate) < 0) p.add('ratification.actDate', `ratification cannot precede signature (${signatureDate})`, `соёрхон батлах нь гарын үсэг зурахаас (${signatureDate}) өмнө байж болохгүй`);
    if (actDate) ratification = { actKind: actKind as 'law' | 'resolution', actNumber: str(o.actNumber), actDate };
    if (instrumentType === 'interagency_mou') p.add('ratification', 'an inter-agency MoU is not ratified', 'байгууллага хоорондын санамж бичгийг соёрхон баталдаггүй');
  }

  const renewalRule = renewal(r, p);

  let termination: Termination | null = null;
  if (!isBlank(r.termination)) {
    const o = (typeof r.termination === 'object' && !Array.isArray(r.termination) ? r.termination : {}) as Raw;
    const initiatedBy = party(o.initiatedBy, 'termination.initiatedBy', p);
    const noticeDate = dateValue(o.noticeDate, 'termination.noticeDate', p, ctx, { required: true, past: true });
    const effectiveDate = dateValue(o.effectiveDate, 'termination.effectiveDate', p, ctx, { required: true });
    if (noticeDate && effectiveDate && compareIsoDates(effectiveDate, noticeDate) < 0) p.add('termination.effectiveDate', 'cannot precede noticeDate', 'мэдэгдсэн огнооноос өмнө байж болохгүй');
    if (noticeDate && signatureDate && compareIsoDates(noticeDate, signatureDate) < 0) p.add('termination.noticeDate', `cannot precede signature (${signatureDate})`, `гарын үсэг зурахаас (${signatureDate}) өмнө байж болохгүй`);
    if (!str(o.reason)) p.add('termination.reason', 'is required', 'заавал бөглөнө');
    if (initiatedBy && noticeDate && effectiveDate) termination = { initiatedBy, noticeDate, effectiveDate, reason: str(o.reason) };
  }

  const contactPoints: ContactPoint[] = objects(r, 'contactPoints', p).map((c, i) => {
    const who = party(c.party, `contactPoints[${i}].party`, p);
    if (!str(c.name)) p.add(`contactPoints[${i}].name`, 'is required', 'заавал бөглөнө');
    return { party: who ?? 'mongolia', name: str(c.name), position: str(c.position), email: str(c.email), phone: str(c.phone) };
  });

  // Where the instrument stands today follows from its dates; a stated status must agree.
  let stage: ImportedStage = 'IN_FORCE';
  let why = { en: 'in force', mn: 'хүчин төгөлдөр' };
  if (termination && compareIsoDates(termination.effectiveDate, ctx.today) <= 0) {
    stage = 'TERMINATED';
    why = { en: `terminated on ${termination.effectiveDate}`, mn: `${termination.effectiveDate}-нд цуцлагдсан` };
  } else if (renewalRule && !renewalRule.automaticRenewal && entryIntoForce) {
    const expiry = addYears(entryIntoForce, renewalRule.validityYears);
    if (compareIsoDates(expiry, ctx.today) <= 0) {
      stage = 'EXPIRED';
      why = { en: `expired on ${expiry}`, mn: `${expiry}-нд хугацаа дууссан` };
    }
  }
  const status = text(r, 'status', p, { max: 32 });
  if (status && !(status in IMPORT_STATUSES)) p.add('status', `must be one of ${Object.keys(IMPORT_STATUSES).join(', ')}`, `дараахын нэг байна: ${Object.keys(IMPORT_STATUSES).join(', ')}`);
  else if (status && IMPORT_STATUSES[status] !== stage) {
    p.add(
      'status',
      `says ${status}, but by its dates the instrument is ${why.en}; give termination (or fix renewalRule / entryIntoForce)`,
      `${status} гэж заасан боловч огноогоороо ${why.mn}; termination-ийг оруулах (эсвэл renewalRule / entryIntoForce-ийг засах)`,
    );
  }

  const rest = common(r, p, AGREEMENT_V1.documentKinds.map((k) => k.code));
  if (p.list.length || !key || !signatureDate || !entryIntoForce || !rule || renewalRule === undefined) return { problems: p.list };
  const agreement: AgreementData = {
    entryIntoForceRule: rule,
    renewalRule,
    rounds: [],
    signature: { date: signatureDate, place: signaturePlace, signatories },
    ratification,
    notifications,
    entryIntoForce,
    contactPoints,
    jointActivities: [],
    reviews: [],
    renewals: [],
    termination,
    inForceCursor: null,
    imported: null,
  };
  return {
    problems: [],
    record: {
      category: 'bilateral',
      record: n,
      key,
      titleEn,
      titleMn,
      ...rest,
      fields: { counterpartCountry: country, counterpartAuthority, instrumentType, subject, legalBasis, requiresRatification, signatureDate, entryIntoForce },
      agreement,
      stage,
    },
  };
}

/**
 * Checks every record of a file. Keys must be unique within the file. Returns the normalised records and every
 * problem; a caller imports nothing while any problem remains.
 */
export function checkImportRecords(raw: unknown[], ctx: RecordCheckContext): { records: ImportRecord[]; problems: ImportProblem[] } {
  const records: ImportRecord[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  raw.forEach((r, i) => {
    const n = i + 1;
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      problems.push({ record: n, key: null, field: '(record)', reason: 'must be an object', reasonMn: 'объект байна' });
      return;
    }
    const category = (r as Raw).category;
    const checked =
      category === 'convention' ? checkConvention(r as Raw, n, ctx) : category === 'bilateral' ? checkBilateral(r as Raw, n, ctx) : null;
    if (!checked) {
      problems.push({ record: n, key: null, field: 'category', reason: 'must be convention or bilateral', reasonMn: 'convention эсвэл bilateral байна' });
      return;
    }
    problems.push(...checked.problems);
    if (!checked.record) return;
    const first = seen.get(checked.record.key);
    if (first) {
      problems.push({ record: n, key: checked.record.key, field: 'key', reason: `repeats the key of record ${first}`, reasonMn: `${first}-р бичлэгийн түлхүүртэй давхардсан` });
      return;
    }
    seen.set(checked.record.key, n);
    records.push(checked.record);
  });
  return { records, problems };
}
