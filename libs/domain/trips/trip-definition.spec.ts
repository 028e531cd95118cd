import { applyAction, checkAction, initialState } from '../process/proposal-engine';
import { ladderPoints } from '../process/reminder-ladder';
import { EngineContext, ProposalEngineState } from '../process/proposal-engine.types';
import { TRIP_REPORT_LADDER, TRIP_V1 } from './trip-definition.v1';
import { TripData, tripEngineContext, TripRules } from './trip-engine-context';
import { TRIP_ROUTING_V1 } from './trip-routing';
import { reportDueDate } from './trip-timing';

const owner = { id: 'owner', roles: ['officer' as const] };
const traveller = { id: 'u2', roles: ['division_head' as const] };
const head = { id: 'head', roles: ['division_head' as const] };
const RULES: TripRules = {
  rates: { mntPerUnit: { USD: 3450 } },
  routing: TRIP_ROUTING_V1,
  // 2026-11-26 is a Thursday; a day lasts a second from the origin.
  timing: { dayMs: 1000, calendarOrigin: '2026-11-26T02:00:00.000Z', reportDueWorkingDays: 2, holidays: [] },
};
const DATA: TripData = {
  event: { name: 'WCO Council', organiser: 'WCO', type: 'wco_council' },
  destination: { country: 'BE', city: 'Brussels' },
  departureDate: '2026-12-01',
  returnDate: '2026-12-04',
  delegateIds: ['owner', 'u2'],
  costs: [{ category: 'airfare', amount: 1000, currency: 'USD', fundingSource: 'administration_budget' }],
  lateJustification: null,
};
const origin = Date.parse(RULES.timing.calendarOrigin!);

function ctxAt(ms: number): EngineContext {
  return { now: new Date(ms), dayMs: 1000, entryIntoForce: () => null, ...tripEngineContext(RULES) };
}

function newTrip(data: TripData = DATA): ProposalEngineState {
  const { state } = initialState(TRIP_V1, { proposalId: 'p1', ownerId: 'owner', division: 'icd', fields: {} }, ctxAt(origin));
  state.data = { ...data } as unknown as Record<string, unknown>;
  return state;
}

const openApproval = (s: ProposalEngineState) => s.tasks.find((t) => t.status === 'open' && t.kind === 'approval')!;

function approveAll(s: ProposalEngineState, ctx: EngineContext, who: Record<string, string>): string[] {
  const roles: string[] = [];
  while (s.stage === 'SUBMITTED') {
    const t = openApproval(s);
    roles.push(t.role);
    applyAction(TRIP_V1, s, { type: 'task_assigned', taskId: t.id, assigneeId: who[t.role], onBehalfOfId: null }, ctx);
    applyAction(TRIP_V1, s, { type: 'decide', actor: { id: who[t.role], roles: [t.role as 'finance'] }, taskId: t.id, decision: 'approve' }, ctx);
  }
  return roles;
}
const WHO = { division_head: 'head', finance: 'fin', deputy_commissioner: 'dep', commissioner_general: 'cg' };

function submitted(): ProposalEngineState {
  const s = newTrip();
  const ctx = ctxAt(origin);
  applyAction(TRIP_V1, s, { type: 'attach_document', actor: owner, document: { kind: 'invitation_letter', documentId: 'd1', version: 1, fileName: 'inv.pdf' } }, ctx);
  applyAction(TRIP_V1, s, { type: 'submit', actor: owner }, ctx);
  return s;
}

describe('trip definition v1 on the proposal engine', () => {
  it('needs the invitation letter to submit', () => {
    const s = newTrip();
    expect(checkAction(TRIP_V1, s, { type: 'submit', actor: owner }, ctxAt(origin))).toMatchObject({ code: 'missing_requirement', missing: ['document:invitation_letter'] });
  });

  it('routes the approval chain per trip, and keeps travellers from approving', () => {
    const s = submitted();
    expect(s).toMatchObject({ stage: 'SUBMITTED', phase: 'approval', chain: ['division_head', 'finance', 'deputy_commissioner'] });
    const t = openApproval(s);
    applyAction(TRIP_V1, s, { type: 'task_assigned', taskId: t.id, assigneeId: 'u2', onBehalfOfId: null }, ctxAt(origin));
    expect(checkAction(TRIP_V1, s, { type: 'decide', actor: traveller, taskId: t.id, decision: 'approve' }, ctxAt(origin))).toMatchObject({ code: 'self_approval' });
    expect(checkAction(TRIP_V1, s, { type: 'reassign_task', actor: head, taskId: t.id, assigneeId: 'u2' }, ctxAt(origin))).toMatchObject({ code: 'self_approval' });
  });

  it('waits for departure and return, then the report closes it', () => {
    const s = submitted();
    expect(approveAll(s, ctxAt(origin + 100), WHO)).toEqual(['division_head', 'finance', 'deputy_commissioner']);
    // Departure 2026-12-01 is five days after the origin date.
    expect(s).toMatchObject({ stage: 'APPROVED', phase: 'waiting', dueAt: new Date(origin + 5000).toISOString() });
    expect(checkAction(TRIP_V1, s, { type: 'timer_elapsed', stage: 'IN_TRAVEL' }, ctxAt(origin))).toMatchObject({ code: 'not_allowed_now' });
    applyAction(TRIP_V1, s, { type: 'timer_elapsed', stage: 'APPROVED' }, ctxAt(origin + 5000));
    // Back at the end of 2026-12-04: nine days after the origin date.
    expect(s).toMatchObject({ stage: 'IN_TRAVEL', dueAt: new Date(origin + 9000).toISOString() });
    expect(checkAction(TRIP_V1, s, { type: 'cancel', actor: owner, reason: 'x' }, ctxAt(origin + 6000))).toMatchObject({ code: 'not_allowed_now' });
    applyAction(TRIP_V1, s, { type: 'timer_elapsed', stage: 'IN_TRAVEL' }, ctxAt(origin + 9000));
    // Two working days after Friday 2026-12-04 is Tuesday 2026-12-08, due at its end (13 days after the origin).
    expect(reportDueDate('2026-12-04', RULES.timing)).toBe('2026-12-08');
    expect(s).toMatchObject({ stage: 'REPORT_DUE', phase: 'work', dueAt: new Date(origin + 13000).toISOString() });
    expect(checkAction(TRIP_V1, s, { type: 'complete_work', actor: owner }, ctxAt(origin + 9500))).toMatchObject({ missing: ['document:trip_report'] });
    applyAction(TRIP_V1, s, { type: 'attach_document', actor: owner, document: { kind: 'trip_report', documentId: 'd2', version: 1, fileName: 'r.pdf' } }, ctxAt(origin + 9500));
    applyAction(TRIP_V1, s, { type: 'complete_work', actor: owner }, ctxAt(origin + 9500));
    expect(s).toMatchObject({ stage: 'CLOSED', status: 'completed' });
  });

  it('is cancelled by the requester with a reason before departure', () => {
    const s = submitted();
    expect(checkAction(TRIP_V1, s, { type: 'cancel', actor: owner, reason: ' ' }, ctxAt(origin))).toMatchObject({ code: 'invalid_input' });
    expect(checkAction(TRIP_V1, s, { type: 'cancel', actor: head, reason: 'no' }, ctxAt(origin))).toMatchObject({ code: 'not_your_task' });
    const effects = applyAction(TRIP_V1, s, { type: 'cancel', actor: owner, reason: 'event postponed' }, ctxAt(origin));
    expect(s).toMatchObject({ stage: 'CANCELLED', status: 'cancelled' });
    expect(s.tasks.every((t) => t.status !== 'open')).toBe(true);
    expect(effects).toContainEqual(expect.objectContaining({ type: 'event', eventType: 'CANCELLED', comment: 'event postponed' }));
  });

  it('expires while undecided, not once approved', () => {
    const s = submitted();
    applyAction(TRIP_V1, s, { type: 'expire' }, ctxAt(origin + 5000));
    expect(s).toMatchObject({ stage: 'EXPIRED', status: 'expired' });
    const a = submitted();
    approveAll(a, ctxAt(origin), WHO);
    expect(checkAction(TRIP_V1, a, { type: 'expire' }, ctxAt(origin))).toMatchObject({ code: 'not_allowed_now' });
  });

  it('sends a date change after approval back through the affected approvals only', () => {
    const s = submitted();
    approveAll(s, ctxAt(origin), WHO);
    const effects = applyAction(TRIP_V1, s, { type: 'change_request', actor: owner, data: { delegateIds: ['owner', 'u3'] } }, ctxAt(origin + 100));
    expect(effects).toContainEqual(expect.objectContaining({ eventType: 'CHANGE_REQUESTED', data: { changedFields: ['delegates'], reapprovalRoles: ['division_head', 'deputy_commissioner'] } }));
    expect(s).toMatchObject({ stage: 'SUBMITTED', chain: ['division_head', 'deputy_commissioner'] });
    expect(approveAll(s, ctxAt(origin + 200), WHO)).toEqual(['division_head', 'deputy_commissioner']);
    applyAction(TRIP_V1, s, { type: 'change_request', actor: owner, data: { departureDate: '2026-12-02' } }, ctxAt(origin + 300));
    expect(approveAll(s, ctxAt(origin + 400), WHO)).toEqual(['division_head', 'finance', 'deputy_commissioner']);
    expect(s).toMatchObject({ stage: 'APPROVED', dueAt: new Date(origin + 6000).toISOString() });
  });

  it('a change that needs nobody keeps the approval and moves the departure timer', () => {
    const s = submitted();
    approveAll(s, ctxAt(origin), WHO);
    applyAction(TRIP_V1, s, { type: 'change_request', actor: owner, data: { delegateIds: ['u2', 'owner'] } }, ctxAt(origin + 100));
    expect(s.stage).toBe('APPROVED');
  });

  it('reminds before and after the report due date, then escalates', () => {
    expect(ladderPoints(10_000, TRIP_REPORT_LADDER, 1000).map((p) => [p.atMs, p.kind, p.n])).toEqual([
      [8000, 'reminder', 1],
      [9000, 'reminder', 2],
      [11000, 'reminder', 3],
      [13000, 'escalation', 1],
    ]);
  });
});
