import type { IsoDate } from '../calendar/iso-date';
import type { ProposalEngineState } from '../process/proposal-engine.types';
import type { RenewalRule } from './renewal-rule';

export const INSTRUMENT_TYPES = ['intergovernmental', 'interagency_mou'] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];
export const PARTIES = ['mongolia', 'counterpart'] as const;
export type Party = (typeof PARTIES)[number];

/**
 * When a bilateral instrument takes effect, from its own final clause. The notification rules count from the later
 * of the two diplomatic notifications that internal procedures are complete.
 */
export type AgreementEntryIntoForceRule =
  | { type: 'on_signature' }
  | { type: 'on_last_notification' }
  | { type: 'days_after_last_notification'; days: number }
  | { type: 'first_day_of_month_after_last_notification'; months: number };
export const ENTRY_INTO_FORCE_RULE_TYPES = ['on_signature', 'on_last_notification', 'days_after_last_notification', 'first_day_of_month_after_last_notification'] as const;

export interface NegotiationRound {
  n: number;
  date: IsoDate;
  place: string;
  /** The text version exchanged (e.g. "draft v3, 2026-05-10"). */
  textVersion: string;
  counterpartRemarks: string;
  recordedAt: string;
}

export interface Signatory {
  name: string;
  title: string;
  party: Party;
}

export interface DiplomaticNotification {
  party: Party;
  date: IsoDate;
  /** The note's number or reference. */
  reference: string;
}

export interface ContactPoint {
  party: Party;
  name: string;
  position: string;
  email: string;
  phone: string;
}

export interface JointActivity {
  id: string;
  date: IsoDate;
  title: string;
  description: string;
}

export interface AnnualReview {
  /** The anniversary the review belongs to. */
  dueDate: IsoDate;
  taskId: string;
  completedAt: string | null;
  summary: string | null;
}

export interface Termination {
  initiatedBy: Party;
  noticeDate: IsoDate;
  effectiveDate: IsoDate;
  reason: string;
}

/** A bilateral agreement's structured data, kept by the engine in `state.data` and by the read model in `details.agreement`. */
export interface AgreementData {
  entryIntoForceRule: AgreementEntryIntoForceRule;
  /** Validity and renewal; null: in force until terminated. */
  renewalRule: RenewalRule | null;
  rounds: NegotiationRound[];
  signature: { date: IsoDate; place: string; signatories: Signatory[] } | null;
  ratification: { actKind: 'law' | 'resolution'; actNumber: string; actDate: IsoDate } | null;
  notifications: DiplomaticNotification[];
  entryIntoForce: IsoDate | null;
  contactPoints: ContactPoint[];
  jointActivities: JointActivity[];
  reviews: AnnualReview[];
  renewals: { expiry: IsoDate; renewedOn: string }[];
  termination: Termination | null;
  /** Dates up to and including this one have had their in-force reminders, reviews and renewals. */
  inForceCursor: IsoDate | null;
  /** Set for instruments concluded before Accord and imported in their final state. */
  imported: { key: string; source: string } | null;
}

export const agreementData = (state: ProposalEngineState): AgreementData => state.data as unknown as AgreementData;

export function emptyAgreementData(terms: Pick<AgreementData, 'entryIntoForceRule' | 'renewalRule'>): AgreementData {
  return {
    entryIntoForceRule: terms.entryIntoForceRule,
    renewalRule: terms.renewalRule,
    rounds: [],
    signature: null,
    ratification: null,
    notifications: [],
    entryIntoForce: null,
    contactPoints: [],
    jointActivities: [],
    reviews: [],
    renewals: [],
    termination: null,
    inForceCursor: null,
    imported: null,
  };
}
