import type { IsoDate } from '../calendar/iso-date';
import type { Actor } from '../process/proposal-engine.types';
import type { AgreementData, AgreementEntryIntoForceRule, ContactPoint, DiplomaticNotification, Signatory, Termination } from './agreement-data';
import type { InForcePoint } from './agreement-life';

/** What people (and the agreement's own timers) do to a bilateral agreement beyond the common actions. */
export type AgreementAction =
  | { type: 'record_negotiation_round'; actor: Actor; round: { date: IsoDate; place: string; textVersion: string; counterpartRemarks: string } }
  | { type: 'set_agreement_terms'; actor: Actor; terms: Pick<AgreementData, 'entryIntoForceRule' | 'renewalRule'> }
  | { type: 'record_signature'; actor: Actor; signature: { date: IsoDate; place: string; signatories: Signatory[] } }
  | { type: 'record_ratification'; actor: Actor; ratification: { actKind: 'law' | 'resolution'; actNumber: string; actDate: IsoDate } }
  | { type: 'record_notification'; actor: Actor; notification: DiplomaticNotification }
  | { type: 'set_contact_points'; actor: Actor; contactPoints: ContactPoint[] }
  | { type: 'record_joint_activity'; actor: Actor; activity: { date: IsoDate; title: string; description: string } }
  | { type: 'complete_annual_review'; actor: Actor; summary: string }
  | { type: 'terminate'; actor: Actor; termination: Termination }
  /** System: a date of the agreement's life in force has come (reminder, review, renewal, expiry, termination). */
  | { type: 'agreement_timer'; points: InForcePoint[] };

export const AGREEMENT_SYSTEM_ACTIONS = ['agreement_timer'] as const;
export type { AgreementEntryIntoForceRule };
