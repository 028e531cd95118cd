/**
 * The shape of a proposal process as data: stages, who works on and who approves each, what must be present to
 * leave it, its SLA and its reminder/escalation ladder. Definitions are versioned; a workflow pins the version it
 * started with, so editing a definition never changes a running proposal.
 */
export type RoleName =
  | 'officer'
  | 'division_head'
  | 'legal'
  | 'finance'
  | 'deputy_commissioner'
  | 'commissioner_general'
  | 'leadership'
  | 'admin';

export const ROLE_NAMES: readonly RoleName[] = [
  'officer',
  'division_head',
  'legal',
  'finance',
  'deputy_commissioner',
  'commissioner_general',
  'leadership',
  'admin',
];

export interface Bilingual {
  en: string;
  mn: string;
}

/** How the owner finishes the work of a stage; each kind is one API action. */
export type WorkActionKind =
  | 'submit'
  | 'complete_work'
  | 'cabinet_outcome'
  | 'parliament_outcome'
  | 'deposit'
  | 'implementation'
  | 'record_signature'
  | 'record_ratification'
  | 'complete_annual_review';

export interface ReminderLadder {
  /** Reminders to the assignee this many days before the due date. */
  beforeDueDays: number[];
  /** Escalations after the due date: first to the assignee's supervisor, then to leadership. */
  escalateAfterDays: { afterDays: number; to: 'supervisor' | 'leadership' }[];
  /** Reminders to the assignee this many days after the due date (a late trip report); none when absent. */
  remindAfterDays?: number[];
}

export interface StageDefinition {
  code: string;
  name: Bilingual;
  /** Work done by the proposal owner, finished by one action. */
  work?: {
    action: WorkActionKind;
    label: Bilingual;
    requiredDocuments: string[];
    requiredFields: string[];
  };
  /** Sequential approval after the work (or instead of it): one task per role, in order. */
  approval?: {
    chain: RoleName[];
    approveLabel: Bilingual;
  };
  /** A stage with neither work nor approval that is left when its timer elapses (see EngineContext.stageDueAt). */
  timer?: { label: Bilingual };
  /** Where the process goes when this stage is done (stages that do not apply to this proposal are skipped). */
  next: string;
  /** Only proposals whose field has one of these values pass through this stage (Cabinet review for agreements, not MoUs). */
  appliesWhen?: { field: string; in: string[] };
  /** Where "returned" outcomes (Cabinet, Parliament) send the proposal back to. */
  returnTo?: string;
  slaDays: number;
  reminders: ReminderLadder;
}

export interface ProcessDefinition {
  kind: string;
  version: string;
  initialStage: string;
  completedStage: string;
  /** Terminal stages besides completion, rejection and withdrawal that the kind's own rules reach (an agreement's expiry). */
  otherEnds?: string[];
  stages: StageDefinition[];
  documentKinds: { code: string; name: Bilingual }[];
  /** Stages in which the owner may cancel, with a reason (ends in CANCELLED). */
  cancelIn?: string[];
  /** Stages in which the system may expire the proposal (ends in EXPIRED). */
  expireIn?: string[];
  /** Stages in which the owner may change the data, and the approval stage a change after approval goes back to. */
  changes?: { allowedIn: string[]; approvalStage: string };
}

export const TERMINAL_STAGES = ['COMPLETED', 'REJECTED', 'WITHDRAWN'] as const;
/** Terminal stages only some kinds reach (cancellation, expiry, a trip's closing). */
export const OTHER_TERMINAL_STAGES = ['CANCELLED', 'EXPIRED', 'CLOSED', 'TERMINATED'] as const;

export function stageDefinition(def: ProcessDefinition, code: string): StageDefinition {
  const s = def.stages.find((x) => x.code === code);
  if (!s) throw new Error(`stage ${code} is not part of ${def.kind} ${def.version}`);
  return s;
}

/** Whether a proposal with these fields passes through the stage. */
export function stageApplies(stage: StageDefinition, fields: Record<string, string>): boolean {
  return !stage.appliesWhen || stage.appliesWhen.in.includes(fields[stage.appliesWhen.field] ?? '');
}

/** The stage after `code` for a proposal with these fields: the definition's `next`, skipping stages that do not apply. */
export function nextStage(def: ProcessDefinition, code: string, fields: Record<string, string>): string {
  let next = stageDefinition(def, code).next;
  for (;;) {
    const s = def.stages.find((x) => x.code === next);
    if (!s || stageApplies(s, fields)) return next;
    next = s.next;
  }
}

export function stageIndex(def: ProcessDefinition, code: string): number {
  return def.stages.findIndex((x) => x.code === code);
}

export function isTerminalStage(code: string): boolean {
  return (TERMINAL_STAGES as readonly string[]).includes(code) || (OTHER_TERMINAL_STAGES as readonly string[]).includes(code);
}
