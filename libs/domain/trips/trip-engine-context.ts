import type { RoleName, StageDefinition } from '../process/process-definition';
import type { EngineContext, ProposalEngineState } from '../process/proposal-engine.types';
import type { IsoDate } from '../calendar/iso-date';
import { ExchangeRateTable } from './money';
import { TripCostLine } from './trip-costs';
import { changedFieldsRequireReapproval, TripApprovalSnapshot } from './trip-reapproval';
import { routeRoles, routeTrip, TripRoutingRules } from './trip-routing';
import { departureMoment, reportDueMoment, returnMoment, TripTiming } from './trip-timing';

export const TRIP_EVENT_TYPES = ['wco_council', 'regional_meeting', 'seminar', 'training', 'bilateral_visit', 'other'] as const;
export type TripEventType = (typeof TRIP_EVENT_TYPES)[number];

/** A trip's request as the engine keeps it in `state.data` and the read model in `details.trip`. */
export interface TripData {
  event: { name: string; organiser: string; type: TripEventType };
  destination: { country: string; city: string };
  departureDate: IsoDate;
  returnDate: IsoDate;
  delegateIds: string[];
  costs: TripCostLine[];
  lateJustification: string | null;
}

/** What a trip pins when it starts: the rates and rules its routing uses, and how its dates become moments. */
export interface TripRules {
  rates: ExchangeRateTable;
  routing: TripRoutingRules;
  timing: TripTiming;
}

export const tripData = (state: ProposalEngineState): TripData => state.data as unknown as TripData;

export function tripSnapshot(d: TripData): TripApprovalSnapshot {
  return { departureDate: d.departureDate, returnDate: d.returnDate, destination: d.destination, delegateIds: d.delegateIds, costs: d.costs };
}

/** The trip-specific parts of the engine context: routing, timers, travellers who may not approve, re-approval. */
export function tripEngineContext(rules: TripRules): Pick<EngineContext, 'approvalChain' | 'stageDueAt' | 'conflictedUserIds' | 'reapproval'> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    approvalChain: (_stage: StageDefinition, state: ProposalEngineState): RoleName[] => {
      const d = tripData(state);
      return routeRoles(routeTrip({ costs: d.costs, delegateCount: d.delegateIds.length }, rules.rates, rules.routing));
    },
    stageDueAt: (stage: StageDefinition, state: ProposalEngineState): string | null => {
      const d = tripData(state);
      if (stage.code === 'APPROVED') return iso(departureMoment(d.departureDate, rules.timing));
      if (stage.code === 'IN_TRAVEL') return iso(returnMoment(d.returnDate, rules.timing));
      if (stage.code === 'REPORT_DUE') return iso(reportDueMoment(d.returnDate, rules.timing));
      return null;
    },
    conflictedUserIds: (state: ProposalEngineState) => tripData(state).delegateIds,
    reapproval: (state: ProposalEngineState, data: Record<string, unknown>) => {
      const before = tripData(state);
      const after = { ...before, ...data } as TripData;
      const r = changedFieldsRequireReapproval(tripSnapshot(before), tripSnapshot(after), rules.rates, rules.routing);
      return { roles: r.roles, changedFields: r.changedFields };
    },
  };
}
