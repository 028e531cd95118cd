import type { AgreementData } from '../domain/agreements/agreement-data';
import type { CalendarClock } from '../domain/calendar/scaled-calendar';
import type { HistoryLimits, ProposalResume } from './accession-proposal.contract';

/** Agreements answer the same Update (`proposalAction`) and Query (`proposalState`) as accession proposals. */
export const BILATERAL_AGREEMENT_WORKFLOW = 'bilateralAgreement';

export interface BilateralAgreementInput {
  /** The agreement's row in the proposals read model (kind 'agreement'). */
  proposalId: string;
  ownerId: string;
  division: string | null;
  definitionVersion: string;
  /**
   * Draft fields: counterpartCountry (ISO 3166-1 alpha-2), counterpartAuthority, instrumentType
   * ('intergovernmental' | 'interagency_mou'), subject, legalBasis, requiresRatification ('yes' | 'no').
   */
  fields: Record<string, string>;
  /** The agreement's structured data at start: its terms, and for an import everything up to its final state. */
  agreement: AgreementData;
  /** How the agreement's calendar dates become timer moments (scaled in tests). */
  clock: CalendarClock;
  /** An instrument concluded before Accord, created directly in its final stage (no lifecycle, no email). */
  imported?: { stage: 'IN_FORCE' | 'TERMINATED' | 'EXPIRED' };
  /** Defaults in workflows/proposal-shell.ts; only tests set them. */
  historyLimits?: HistoryLimits;
  resume?: ProposalResume;
}
