import type { Bilingual } from '../process/process-definition';
import type { IsoDate } from '../calendar/iso-date';
import { ExchangeRateTable, formatMnt } from './money';
import { TripApproverRole, TripCostLine } from './trip-costs';
import { routeTrip, TripRoute, TRIP_ROUTING_V1, TripRoutingRules } from './trip-routing';

/** The parts of an approved trip request that approvers signed off. */
export interface TripApprovalSnapshot {
  departureDate: IsoDate;
  returnDate: IsoDate;
  destination: { country: string; city: string };
  delegateIds: readonly string[];
  costs: readonly TripCostLine[];
}

export type TripChangedField = 'dates' | 'destination' | 'delegates' | 'administration_budget_lines' | 'other_costs';

export interface TripReapprovalStep {
  role: TripApproverRole;
  reasons: Bilingual[];
}

export interface TripReapproval {
  changedFields: TripChangedField[];
  /** Roles that must approve again, in route order; empty when the change needs no new approval. */
  roles: TripApproverRole[];
  steps: TripReapprovalStep[];
  /** The route of the changed request. */
  route: TripRoute;
}

/**
 * Which approvals a change to an approved trip sends it back through (issue 6, item 4). Decided here:
 * - dates or destination changed: everyone on the new route (the trip they approved is not this one);
 * - delegates changed: the division head (who goes) and the final approver the new route needs;
 * - lines paid by the administration's budget changed: finance, if still on the route;
 * - the total cost rose: the final approver of the new route (they approved a smaller sum); when the rise crosses
 *   the threshold that final approver is now the commissioner general;
 * - any role the new route has and the old one did not (finance newly needed, deputy to commissioner general or
 *   back): that role.
 * Roles no longer on the new route never re-run, and a decrease of cost alone re-runs nobody.
 */
export function changedFieldsRequireReapproval(
  before: TripApprovalSnapshot,
  after: TripApprovalSnapshot,
  rates: ExchangeRateTable,
  rules: TripRoutingRules = TRIP_ROUTING_V1,
): TripReapproval {
  const oldRoute = routeTrip({ costs: before.costs, delegateCount: before.delegateIds.length }, rates, rules);
  const newRoute = routeTrip({ costs: after.costs, delegateCount: after.delegateIds.length }, rates, rules);
  const newRoles = newRoute.steps.map((s) => s.role);
  const oldRoles = new Set(oldRoute.steps.map((s) => s.role));
  const finalRole = newRoles[newRoles.length - 1];

  const changed: TripChangedField[] = [];
  if (before.departureDate !== after.departureDate || before.returnDate !== after.returnDate) changed.push('dates');
  if (!sameDestination(before.destination, after.destination)) changed.push('destination');
  if (!sameMembers(before.delegateIds, after.delegateIds)) changed.push('delegates');
  const budgetChanged = !sameCostLines(budgetLines(before.costs), budgetLines(after.costs));
  if (budgetChanged) changed.push('administration_budget_lines');
  if (!sameCostLines(otherLines(before.costs), otherLines(after.costs))) changed.push('other_costs');

  const reasons = new Map<TripApproverRole, Bilingual[]>();
  const add = (role: TripApproverRole, reason: Bilingual) => {
    if (!newRoles.includes(role)) return;
    reasons.set(role, [...(reasons.get(role) ?? []), reason]);
  };

  if (changed.includes('dates')) {
    const reason = {
      en: `The dates changed from ${before.departureDate} to ${before.returnDate} to ${after.departureDate} to ${after.returnDate}.`,
      mn: `Огноо ${before.departureDate}–${before.returnDate} байсныг ${after.departureDate}–${after.returnDate} болгож өөрчилсөн.`,
    };
    newRoles.forEach((role) => add(role, reason));
  }
  if (changed.includes('destination')) {
    const reason = {
      en: `The destination changed from ${place(before)} to ${place(after)}.`,
      mn: `Очих газар ${place(before)} байсныг ${place(after)} болгож өөрчилсөн.`,
    };
    newRoles.forEach((role) => add(role, reason));
  }
  if (changed.includes('delegates')) {
    const reason = {
      en: `The delegation changed (${before.delegateIds.length} to ${after.delegateIds.length} people).`,
      mn: `Төлөөлөгчдийн бүрэлдэхүүн өөрчлөгдсөн (${before.delegateIds.length} хүнээс ${after.delegateIds.length} хүн).`,
    };
    add('division_head', reason);
    add(finalRole, reason);
  }
  if (budgetChanged) {
    add('finance', {
      en: `The costs paid by the administration's budget changed (${formatMnt(oldRoute.administrationBudgetMnt * 100)} to ${formatMnt(newRoute.administrationBudgetMnt * 100)} MNT).`,
      mn: `Байгууллагын төсвөөс гарах зардал өөрчлөгдсөн (өмнө нь ${formatMnt(oldRoute.administrationBudgetMnt * 100)} төгрөг, одоо ${formatMnt(newRoute.administrationBudgetMnt * 100)} төгрөг).`,
    });
  }
  if (newRoute.totalCostMnt > oldRoute.totalCostMnt) {
    add(finalRole, {
      en: `The total cost rose from ${formatMnt(oldRoute.totalCostMnt * 100)} to ${formatMnt(newRoute.totalCostMnt * 100)} MNT.`,
      mn: `Нийт зардал ${formatMnt(oldRoute.totalCostMnt * 100)} төгрөг байсан нь ${formatMnt(newRoute.totalCostMnt * 100)} төгрөг болж нэмэгдсэн.`,
    });
  }
  for (const step of newRoute.steps) {
    if (!oldRoles.has(step.role)) add(step.role, { en: `Newly required: ${step.reason.en}`, mn: `Шинээр шаардлагатай болсон: ${step.reason.mn}` });
  }

  const steps = newRoles.filter((role) => reasons.has(role)).map((role) => ({ role, reasons: reasons.get(role)! }));
  return { changedFields: changed, roles: steps.map((s) => s.role), steps, route: newRoute };
}

function place(s: TripApprovalSnapshot): string {
  return `${s.destination.city.trim()}, ${s.destination.country.trim().toUpperCase()}`;
}

function sameDestination(a: TripApprovalSnapshot['destination'], b: TripApprovalSnapshot['destination']): boolean {
  return a.country.trim().toUpperCase() === b.country.trim().toUpperCase() && a.city.trim().toLowerCase() === b.city.trim().toLowerCase();
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((id) => y.has(id));
}

function budgetLines(costs: readonly TripCostLine[]): TripCostLine[] {
  return costs.filter((c) => c.fundingSource === 'administration_budget');
}

function otherLines(costs: readonly TripCostLine[]): TripCostLine[] {
  return costs.filter((c) => c.fundingSource !== 'administration_budget');
}

/** Same lines regardless of order (a reordering in the form is not a change). */
function sameCostLines(a: readonly TripCostLine[], b: readonly TripCostLine[]): boolean {
  const key = (c: TripCostLine) => `${c.fundingSource}|${c.category}|${c.currency}|${c.amount}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}
