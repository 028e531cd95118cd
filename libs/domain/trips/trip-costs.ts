import type { Bilingual, RoleName } from '../process/process-definition';

/** Who pays a cost line of an overseas trip. */
export const FUNDING_SOURCES = ['host', 'international_organisation', 'administration_budget', 'donor_project'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_SOURCE_NAMES: Record<FundingSource, Bilingual> = {
  host: { en: 'Host', mn: 'Хүлээн авагч тал' },
  international_organisation: { en: 'International organisation', mn: 'Олон улсын байгууллага' },
  administration_budget: { en: "The administration's budget", mn: 'Байгууллагын төсөв' },
  donor_project: { en: 'Donor project', mn: 'Хандивлагчийн төсөл' },
};

export const COST_CATEGORIES = ['airfare', 'accommodation', 'per_diem', 'registration', 'visa', 'insurance', 'local_transport', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export const COST_CATEGORY_NAMES: Record<CostCategory, Bilingual> = {
  airfare: { en: 'Airfare', mn: 'Онгоцны тийз' },
  accommodation: { en: 'Accommodation', mn: 'Буудлын зардал' },
  per_diem: { en: 'Per diem', mn: 'Хоногийн мөнгө' },
  registration: { en: 'Registration fee', mn: 'Бүртгэлийн хураамж' },
  visa: { en: 'Visa', mn: 'Виз' },
  insurance: { en: 'Insurance', mn: 'Даатгал' },
  local_transport: { en: 'Local transport', mn: 'Орон нутгийн тээвэр' },
  other: { en: 'Other', mn: 'Бусад' },
};

/** One estimated cost: an amount in a currency (ISO 4217 code), paid by one source. */
export interface TripCostLine {
  category: CostCategory;
  amount: number;
  currency: string;
  fundingSource: FundingSource;
}

/** The roles a trip request can be routed to, in the order they approve. */
export const TRIP_APPROVER_ROLES = ['division_head', 'finance', 'deputy_commissioner', 'commissioner_general'] as const satisfies readonly RoleName[];
export type TripApproverRole = (typeof TRIP_APPROVER_ROLES)[number];
