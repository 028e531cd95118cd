import type { Bilingual } from './i18n';

// Shapes of the dashboard API's answers (apps/api/src/dashboard/dto), as the pages use them.
export interface PersonRef {
  id: string;
  nameMn: string | null;
  nameLatin: string | null;
}

export interface Overview {
  generatedAt: string;
  totals: { openProposals: number; closedProposals: number; proposalsPastSla: number; openTasks: number; overdueTasks: number };
  countsByKindStage: Array<{ kind: string; stage: string; stageName: Bilingual; count: number; overdue: number }>;
  openTasksByPerson: Array<{ person: PersonRef; open: number; overdue: number }>;
  overdueTasks: { total: number; items: Array<{ taskId: string; proposalId: string; title: Bilingual; stageName: Bilingual; role: string; assignee: PersonRef | null; dueAt: string; daysOverdue: number }> };
  proposalsPastSla: { total: number; items: Array<{ proposalId: string; title: Bilingual; stageName: Bilingual; owner: PersonRef | null; dueAt: string; daysOverdue: number }> };
  trips: { available: boolean; departingThisMonth: number | null; reportsDueThisMonth: number | null };
}

export interface Pipeline {
  kinds: Array<{ kind: string; name: Bilingual; stages: Array<{ stage: string; name: Bilingual; onTime: number; overdue: number }>; closed: Record<string, number> }>;
}

export interface CycleTimes {
  from: string;
  to: string;
  stages: Array<{ kind: string; stage: string; name: Bilingual; samples: number; medianDays: number; p90Days: number }>;
}

export interface Filters {
  kinds: Array<{ kind: string; name: Bilingual; stages: Array<{ code: string; name: Bilingual }> }>;
  divisions: string[];
  owners: PersonRef[];
}

export interface ProposalRow {
  id: string;
  kind: string;
  title: Bilingual;
  stage: string;
  stageName: Bilingual;
  status: string;
  division: string | null;
  owner: PersonRef | null;
  stageEnteredAt: string;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProposalPage {
  items: ProposalRow[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
}

export interface ProposalStatus extends ProposalRow {
  summary: string;
  eventSeq: number;
  currentAssignees: PersonRef[];
  details: { fields?: Record<string, string> };
  stagePath: Array<{ code: string; name: Bilingual; terminal: boolean }>;
  documentKinds: Array<{ code: string; name: Bilingual }>;
  timeline: Array<{ seq: number; type: string; fromStage: string | null; fromStageName: Bilingual | null; toStageName: Bilingual | null; toStage: string | null; actor: PersonRef | null; onBehalfOf: PersonRef | null; comment: string | null; occurredAt: string; daysInStage: number | null }>;
  tasks: Array<{ id: string; stage: string; stageName: Bilingual; kind: string; role: string; assignee: PersonRef | null; status: string; openedAt: string; dueAt: string | null; closedAt: string | null; decision: string | null; comment: string | null }>;
  documents: Array<{ id: string; kind: string; kindName: Bilingual; version: number; fileName: string; sizeBytes: number; uploadedBy: PersonRef | null; uploadedAt: string; href: string }>;
  emails: Array<{ id: string; template: string; recipient: string; subject: string | null; status: string; createdAt: string; sentAt: string | null }>;
}

export interface MyTask {
  taskId: string;
  proposalId: string;
  title: Bilingual;
  stageName: Bilingual;
  taskKind: string;
  role: string;
  onBehalfOf: PersonRef | null;
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
}

export interface DigestSchedule {
  scheduleId: string;
  exists: boolean;
  paused: boolean;
  note: string | null;
  nextRuns: string[];
  recentRuns: string[];
}

/** The treaty register (apps/api/src/register/dto/register.dto.ts). */
export interface RegisterEntry {
  id: string;
  category: 'convention' | 'bilateral';
  title: Bilingual;
  stage: string;
  stageName: Bilingual;
  status: string;
  statusLabel: Bilingual;
  instrumentType: string;
  instrumentTypeLabel: Bilingual;
  conventionCode: string | null;
  counterpartCountry: string | null;
  counterpartCountryName: Bilingual | null;
  counterpartAuthority: string | null;
  depositary: Bilingual | null;
  depositDate: string | null;
  signatureDate: string | null;
  entryIntoForce: string | null;
  endDate: string | null;
  annexes: Array<{ code: string; title: Bilingual }>;
  reservations: string[];
  act: { number: string; date: string | null } | null;
  validity: Bilingual | null;
  nextDeadline: { kind: string; date: string; label: Bilingual } | null;
  imported: boolean;
}

export interface RegisterList {
  today: string;
  total: number;
  items: RegisterEntry[];
}

export interface RegisterFilters {
  categories: Array<{ code: string; name: Bilingual }>;
  statuses: Array<{ code: string; name: Bilingual }>;
  countries: Array<{ code: string; name: Bilingual }>;
}

/** A colleague from the people directory (apps/api/src/users/dto/person.dto.ts): GET /api/v1/people. */
export interface Person {
  id: string;
  nameMn: string;
  nameLatin: string;
  division: string | null;
}

/** One estimated cost of a trip, in its own currency. */
export interface TripCost {
  category: string;
  amount: number;
  currency: string;
  fundingSource: string;
}

/** A trip's request as the read model keeps it (`details.trip`; libs/domain/trips/trip-engine-context.ts). */
export interface TripData {
  event: { name: string; organiser: string; type: string };
  destination: { country: string; city: string };
  departureDate: string;
  returnDate: string;
  delegateIds: string[];
  costs: TripCost[];
  lateJustification: string | null;
}

/** GET /api/v1/trips/:id, the parts the detail page uses (apps/api/src/trips/dto/trip.dto.ts). */
export interface TripDetail {
  id: string;
  stage: string;
  status: string;
  details: { trip: TripData; approvalChain?: string[] | null };
  route: { rulesVersion: string; steps: Array<{ role: string; reason: Bilingual }>; totalCostMnt: number; administrationBudgetMnt: number };
}

/** One refused field of a 400 answer: `details[]` of the API's error body. */
export interface FieldProblem {
  field: string;
  reason: string;
  reasonMn?: string;
}

// A consulted body's remarks and the division's answer (`details.remarks`), and an implementation action item
// (`details.actionItems`): the workflow's own shapes, shared rather than copied.
import type { ActionItem, CoordinationRemark } from '../../libs/domain/process/proposal-engine.types';
export type { ActionItem, CoordinationRemark };

/** What an accession's read-model row keeps of its stage work (workflows/accession-proposal.workflow.ts accessionDetails). */
export interface AccessionDetails {
  fields?: Record<string, string>;
  remarks?: CoordinationRemark[];
  actionItems?: ActionItem[];
  cabinet?: { outcome: string; resolutionNumber?: string; resolutionDate?: string; remarks?: string } | null;
  parliament?: { outcome: string; lawNumber?: string; lawDate?: string; remarks?: string } | null;
  deposit?: { depositDate: string; entryIntoForce: string | null } | null;
  annexesAccepted?: string[];
  reservations?: string[];
}

/** Entry into force for the country (GET /api/v1/proposals/:id `entryIntoForce`): a forecast before deposit, fixed after. */
export interface EntryIntoForce {
  status: 'forecast' | 'fixed';
  basis: 'if_deposited_today' | 'deposit';
  conventionCode: string;
  depositDate: string;
  date: string;
  latestDepositForSameDate: string | null;
  label: Bilingual;
  rule: Bilingual;
}

/** GET /api/v1/proposals/:id, the parts the stage-work panels use (apps/api/src/proposals/dto/proposal.dto.ts). */
export interface ProposalApiDetail {
  id: string;
  definitionVersion: string;
  entryIntoForce: EntryIntoForce | null;
}
