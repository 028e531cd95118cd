import { ProcessDefinition, ReminderLadder } from '../process/process-definition';

const noLadder: ReminderLadder = { beforeDueDays: [], escalateAfterDays: [] };

/** Approvers are reminded the day before their SLA and escalated two days after it. */
const approvalLadder: ReminderLadder = { beforeDueDays: [1], escalateAfterDays: [{ afterDays: 2, to: 'supervisor' }] };

/**
 * The report: reminded two days and one day before it is due, reminded again a day after, and escalated to the
 * traveller's supervisor (the division head) three days after.
 */
export const TRIP_REPORT_LADDER: ReminderLadder = {
  beforeDueDays: [2, 1],
  remindAfterDays: [1],
  escalateAfterDays: [{ afterDays: 3, to: 'supervisor' }],
};

/**
 * An overseas trip request, version 1. The approval chain of SUBMITTED is a placeholder: each trip's chain comes
 * from `routeTrip` (EngineContext.approvalChain). APPROVED and IN_TRAVEL wait for departure and return; REPORT_DUE
 * is due a configured number of working days after return (EngineContext.stageDueAt).
 */
export const TRIP_V1: ProcessDefinition = {
  kind: 'trip',
  version: 'trip-v1',
  initialStage: 'DRAFT',
  completedStage: 'CLOSED',
  documentKinds: [
    { code: 'invitation_letter', name: { en: 'Invitation letter', mn: 'Урилга' } },
    { code: 'trip_report', name: { en: 'Trip report', mn: 'Томилолтын тайлан' } },
    { code: 'other', name: { en: 'Other', mn: 'Бусад' } },
  ],
  cancelIn: ['DRAFT', 'SUBMITTED', 'APPROVED'],
  expireIn: ['DRAFT', 'SUBMITTED'],
  changes: { allowedIn: ['DRAFT', 'SUBMITTED', 'APPROVED'], approvalStage: 'SUBMITTED' },
  stages: [
    {
      code: 'DRAFT',
      name: { en: 'Draft request', mn: 'Хүсэлтийн төсөл' },
      work: { action: 'submit', label: { en: 'Submit', mn: 'Илгээх' }, requiredDocuments: ['invitation_letter'], requiredFields: [] },
      next: 'SUBMITTED',
      slaDays: 10,
      reminders: noLadder,
    },
    {
      code: 'SUBMITTED',
      name: { en: 'Awaiting approval', mn: 'Зөвшөөрөл хүлээж буй' },
      approval: { chain: ['division_head', 'deputy_commissioner'], approveLabel: { en: 'Approve the trip', mn: 'Томилолтыг зөвшөөрөх' } },
      next: 'APPROVED',
      slaDays: 3,
      reminders: approvalLadder,
    },
    {
      code: 'APPROVED',
      name: { en: 'Approved, before departure', mn: 'Зөвшөөрөгдсөн, явахаас өмнө' },
      timer: { label: { en: 'Until departure', mn: 'Явах хүртэл' } },
      next: 'IN_TRAVEL',
      slaDays: 0,
      reminders: noLadder,
    },
    {
      code: 'IN_TRAVEL',
      name: { en: 'Travelling', mn: 'Томилолтод яваа' },
      timer: { label: { en: 'Until return', mn: 'Буцаж ирэх хүртэл' } },
      next: 'REPORT_DUE',
      slaDays: 0,
      reminders: noLadder,
    },
    {
      code: 'REPORT_DUE',
      name: { en: 'Trip report due', mn: 'Томилолтын тайлан хүлээгдэж буй' },
      work: { action: 'complete_work', label: { en: 'Submit the report', mn: 'Тайлан илгээх' }, requiredDocuments: ['trip_report'], requiredFields: [] },
      next: 'CLOSED',
      slaDays: 10,
      reminders: TRIP_REPORT_LADDER,
    },
  ],
};

export const TRIP_DEFINITIONS: Record<string, ProcessDefinition> = { [TRIP_V1.version]: TRIP_V1 };
