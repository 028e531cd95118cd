import type { Bilingual } from '../process/process-definition';
import { ExchangeRateTable, formatMnt, sumMongo } from './money';
import { TripApproverRole, TripCostLine } from './trip-costs';

/**
 * Who approves an overseas trip, as versioned data. A trip pins the rules version it was submitted under, so a
 * change of thresholds never re-routes a running request.
 */
export interface TripRoutingRules {
  version: string;
  commissionerGeneral: {
    /** A cost strictly above this many MNT goes to the commissioner general; at or below it, to the deputy. */
    costAboveMnt: number;
    /** A delegation of more people than this goes to the commissioner general. */
    delegationAbove: number;
    /** Which costs count toward the threshold: every cost of the trip, or only what the administration pays. */
    costBasis: 'all_sources' | 'administration_budget';
  };
}

export const TRIP_ROUTING_V1: TripRoutingRules = {
  version: 'trip-routing-v1',
  commissionerGeneral: { costAboveMnt: 20_000_000, delegationAbove: 5, costBasis: 'all_sources' },
};

export interface TripRoutingInput {
  costs: readonly TripCostLine[];
  delegateCount: number;
}

/** Which rule put a role on the route. */
export type TripRoutingCause = 'every_trip' | 'administration_budget_pays' | 'cost_above_threshold' | 'delegation_above_size' | 'within_thresholds';

export interface TripRouteStep {
  role: TripApproverRole;
  causes: TripRoutingCause[];
  reason: Bilingual;
}

export interface TripRoute {
  rulesVersion: string;
  steps: TripRouteStep[];
  /** Every cost, in MNT. */
  totalCostMnt: number;
  /** What the administration's budget pays, in MNT. */
  administrationBudgetMnt: number;
  /** The amount compared with the threshold (per the rules' cost basis), in MNT. */
  thresholdBasisMnt: number;
  delegateCount: number;
}

function checkRules(rules: TripRoutingRules): void {
  const cg = rules.commissionerGeneral;
  if (!(Number.isFinite(cg.costAboveMnt) && cg.costAboveMnt >= 0 && Number.isInteger(cg.delegationAbove) && cg.delegationAbove >= 0)) {
    throw new RangeError(`invalid trip routing rules ${rules.version}`);
  }
}

/**
 * The ordered approvers of a trip: the division head always; finance when the administration's budget pays any
 * cost; then the commissioner general when the cost exceeds the threshold or the delegation exceeds the size,
 * otherwise the deputy commissioner. Costs are converted to MNT with the rates given.
 */
export function routeTrip(input: TripRoutingInput, rates: ExchangeRateTable, rules: TripRoutingRules = TRIP_ROUTING_V1): TripRoute {
  checkRules(rules);
  if (!Number.isInteger(input.delegateCount) || input.delegateCount < 0) throw new RangeError(`invalid delegate count ${input.delegateCount}`);
  const budgetLines = input.costs.filter((c) => c.fundingSource === 'administration_budget');
  const totalMongo = sumMongo(input.costs, rates);
  const budgetMongo = sumMongo(budgetLines, rates);
  const cg = rules.commissionerGeneral;
  const basisMongo = cg.costBasis === 'all_sources' ? totalMongo : budgetMongo;
  const thresholdMongo = Math.round(cg.costAboveMnt * 100);
  const basisLabel: Bilingual =
    cg.costBasis === 'all_sources' ? { en: 'The total cost', mn: 'Нийт зардал' } : { en: "The cost to the administration's budget", mn: 'Байгууллагын төсвөөс гарах зардал' };
  const cost = `${formatMnt(basisMongo)} MNT`;
  const threshold = `${formatMnt(thresholdMongo)} MNT`;

  const steps: TripRouteStep[] = [
    {
      role: 'division_head',
      causes: ['every_trip'],
      reason: {
        en: 'The head of the International Cooperation Division approves every overseas trip.',
        mn: 'Гадаад томилолт бүрийг Олон улсын хамтын ажиллагааны хэлтсийн дарга хянаж зөвшөөрнө.',
      },
    },
  ];

  if (budgetLines.length > 0) {
    const amount = `${formatMnt(budgetMongo)} MNT`;
    steps.push({
      role: 'finance',
      causes: ['administration_budget_pays'],
      reason: {
        en: `The administration's budget pays ${budgetLines.length} cost line(s), ${amount} in total.`,
        mn: `Байгууллагын төсвөөс ${budgetLines.length} зардал, нийт ${amount} санхүүжих тул санхүүгийн алба хянана.`,
      },
    });
  }

  const causes: TripRoutingCause[] = [];
  const en: string[] = [];
  const mn: string[] = [];
  if (basisMongo > thresholdMongo) {
    causes.push('cost_above_threshold');
    en.push(`${basisLabel.en} of ${cost} exceeds ${threshold}.`);
    mn.push(`${basisLabel.mn} ${cost} нь ${threshold} босго хэмжээнээс их.`);
  }
  if (input.delegateCount > cg.delegationAbove) {
    causes.push('delegation_above_size');
    en.push(`The delegation of ${input.delegateCount} exceeds ${cg.delegationAbove} people.`);
    mn.push(`Төлөөлөгчдийн тоо ${input.delegateCount} нь ${cg.delegationAbove} хүний хязгаараас их.`);
  }
  if (causes.length > 0) {
    steps.push({
      role: 'commissioner_general',
      causes,
      reason: { en: `${en.join(' ')} The Commissioner General approves.`, mn: `${mn.join(' ')} Гаалийн ерөнхий газрын дарга батална.` },
    });
  } else {
    steps.push({
      role: 'deputy_commissioner',
      causes: ['within_thresholds'],
      reason: {
        en: `${basisLabel.en} of ${cost} is within ${threshold} and the delegation of ${input.delegateCount} within ${cg.delegationAbove} people: the Deputy Commissioner approves.`,
        mn: `${basisLabel.mn} ${cost} нь ${threshold} босго хэмжээнд, төлөөлөгчдийн тоо ${input.delegateCount} нь ${cg.delegationAbove} хүний хязгаарт багтсан тул Гаалийн ерөнхий газрын дэд дарга батална.`,
      },
    });
  }

  return {
    rulesVersion: rules.version,
    steps,
    totalCostMnt: totalMongo / 100,
    administrationBudgetMnt: budgetMongo / 100,
    thresholdBasisMnt: basisMongo / 100,
    delegateCount: input.delegateCount,
  };
}

export function routeRoles(route: TripRoute): TripApproverRole[] {
  return route.steps.map((s) => s.role);
}
