import type { TripData, TripRules } from '../domain/trips/trip-engine-context';
import type { HistoryLimits, ProposalResume } from './accession-proposal.contract';

/** Trips answer the same Update (`proposalAction`) and Query (`proposalState`) as accession proposals. */
export const OVERSEAS_TRIP_WORKFLOW = 'overseasTrip';

export interface OverseasTripInput {
  /** The trip's row in the proposals read model (kind 'trip'). */
  proposalId: string;
  ownerId: string;
  division: string | null;
  definitionVersion: string;
  trip: TripData;
  /** Rates, routing rules and timer lengths pinned when the request was made. */
  rules: TripRules;
  /** Defaults in workflows/proposal-shell.ts; only tests set them. */
  historyLimits?: HistoryLimits;
  resume?: ProposalResume;
}
