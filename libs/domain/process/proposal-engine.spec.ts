import { ACCESSION_V1 } from '../accession';
import { entryIntoForceFromFields } from '../accession/entry-into-force';
import { entryIntoForceMoment, implementationToday } from '../accession/entry-into-force-clock';
import { applyAction, checkAction, implementationComplete, initialState, openTasks } from './proposal-engine';
import { Actor, EngineContext, ProposalAction, ProposalEngineState } from './proposal-engine.types';

const def = ACCESSION_V1;
const owner: Actor = { id: 'owner', roles: ['officer'] };
const people: Record<string, Actor> = {
  division_head: { id: 'head', roles: ['division_head'] },
  legal: { id: 'lawyer', roles: ['legal'] },
  deputy_commissioner: { id: 'deputy', roles: ['deputy_commissioner'] },
  commissioner_general: { id: 'cg', roles: ['commissioner_general'] },
};
const admin: Actor = { id: 'admin', roles: ['admin'] };

let clock = new Date('2026-06-01T00:00:00Z');
const ctx = (): EngineContext => ({ now: clock, dayMs: 86_400_000, entryIntoForce: entryIntoForceFromFields });

function fresh(): ProposalEngineState {
  clock = new Date('2026-06-01T00:00:00Z');
  return initialState(def, { proposalId: 'p1', ownerId: owner.id, division: 'intl', fields: { conventionCode: 'RKC' } }, ctx()).state;
}

function act(s: ProposalEngineState, a: ProposalAction) {
  const refusal = checkAction(def, s, a, ctx());
  if (refusal) throw new Error(`refused: ${refusal.message}`);
  return applyAction(def, s, a, ctx());
}

/** Assigns every open role task to the person holding that role, as the workflow's directory lookup would. */
function assignAll(s: ProposalEngineState) {
  for (const t of openTasks(s)) if (t.assigneeId === null) act(s, { type: 'task_assigned', taskId: t.id, assigneeId: people[t.role].id, onBehalfOfId: null });
}

function approveCurrent(s: ProposalEngineState) {
  assignAll(s);
  const task = openTasks(s).find((t) => t.kind === 'approval')!;
  return act(s, { type: 'decide', actor: people[task.role], taskId: task.id, decision: 'approve' });
}

const doc = (kind: string) => ({ type: 'attach_document' as const, actor: owner, document: { kind, documentId: `${kind}-1`, version: 1, fileName: `${kind}.pdf` } });

/** Drives a fresh proposal to the given stage along the happy path. */
function driveTo(stage: string): ProposalEngineState {
  const s = fresh();
  const steps: Array<() => void> = [
    () => (act(s, doc('convention_text')), act(s, { type: 'submit', actor: owner })),
    () => (act(s, doc('translation')), act(s, { type: 'complete_work', actor: owner }), approveCurrent(s)),
    () => (act(s, doc('research_report')), act(s, { type: 'complete_work', actor: owner }), approveCurrent(s)),
    () => {
      act(s, { type: 'record_remark', actor: owner, body: 'Ministry of Finance', remarks: 'Budget impact?', replyDeadline: '2026-07-01' });
      act(s, { type: 'respond_remark', actor: owner, remarkId: 'r1', response: 'See section 4' });
      act(s, { type: 'complete_work', actor: owner });
    },
    () => {
      for (let i = 0; i < 4; i++) approveCurrent(s);
    },
    () => act(s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionNumber: '217', resolutionDate: '2026-05-20' }),
    () => act(s, { type: 'parliament_outcome', actor: owner, outcome: 'ratified', lawNumber: 'XI-45', lawDate: '2026-05-25', annexesAccepted: ['GA', 'A'] }),
    () => act(s, { type: 'record_deposit', actor: owner, depositDate: '2026-05-30' }),
  ];
  for (const step of steps) {
    if (s.stage === stage) return s;
    step();
  }
  expect(s.stage).toBe(stage);
  return s;
}

describe('accession proposal engine', () => {
  it('goes through every stage to COMPLETED, with a timeline event for each step', () => {
    const s = driveTo('IMPLEMENTATION');
    expect(s.deposit).toEqual({ depositDate: '2026-05-30', entryIntoForce: '2026-08-30', recordedAt: '2026-06-01T00:00:00.000Z' }); // RKC: three months after deposit
    act(s, { type: 'add_action_item', actor: owner, title: 'Amend regulation', ownerId: 'owner', dueDate: '2026-09-01' });
    act(s, { type: 'complete_action_item', actor: owner, itemId: 'i1' });
    expect(s.stage).toBe('IMPLEMENTATION'); // entry into force has not passed yet
    clock = new Date('2026-08-30T00:00:00Z');
    const effects = act(s, { type: 'check_completion' });
    expect(s).toMatchObject({ stage: 'COMPLETED', status: 'completed' });
    expect(effects).toContainEqual(expect.objectContaining({ type: 'event', eventType: 'STAGE_CHANGED', fromStage: 'IMPLEMENTATION', toStage: 'COMPLETED' }));
    expect(openTasks(s)).toEqual([]);
  });

  it('refuses to submit without the convention text, naming what is missing', () => {
    const s = fresh();
    const r = checkAction(def, s, { type: 'submit', actor: owner }, ctx());
    expect(r).toEqual({ code: 'missing_requirement', message: expect.stringContaining('document:convention_text'), stage: 'DRAFT', missing: ['document:convention_text'] });
  });

  it('refuses actions of the wrong stage, naming the stage', () => {
    const s = fresh();
    const r = checkAction(def, s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionNumber: '1', resolutionDate: '2026-01-01' }, ctx());
    expect(r).toMatchObject({ code: 'not_allowed_now', stage: 'DRAFT' });
  });

  it('refuses a decision from someone who is not the assignee, and self-approval', () => {
    const s = driveTo('INTERNAL_REVIEW');
    assignAll(s);
    const task = openTasks(s)[0];
    expect(checkAction(def, s, { type: 'decide', actor: people.legal, taskId: task.id, decision: 'approve' }, ctx())).toMatchObject({ code: 'not_your_task' });
    expect(checkAction(def, s, { type: 'decide', actor: owner, taskId: task.id, decision: 'approve' }, ctx())).toMatchObject({ code: 'self_approval' });
  });

  it('requires a comment to request changes or reject', () => {
    const s = driveTo('INTERNAL_REVIEW');
    assignAll(s);
    const task = openTasks(s)[0];
    expect(checkAction(def, s, { type: 'decide', actor: people.division_head, taskId: task.id, decision: 'reject' }, ctx())).toMatchObject({ code: 'invalid_input' });
  });

  it.each(['division_head', 'legal', 'deputy_commissioner', 'commissioner_general'])(
    'internal review: %s requesting changes sends the proposal back to the named stage, and it can go forward again',
    (role) => {
      const s = driveTo('INTERNAL_REVIEW');
      while (openTasks(s)[0]?.role !== role) approveCurrent(s);
      assignAll(s);
      const task = openTasks(s)[0];
      const effects = act(s, { type: 'decide', actor: people[role], taskId: task.id, decision: 'request_changes', comment: 'Rework the gap analysis', returnToStage: 'RESEARCH' });
      expect(s.stage).toBe('RESEARCH');
      expect(effects).toContainEqual(expect.objectContaining({ eventType: 'CHANGES_REQUESTED', toStage: 'RESEARCH', comment: 'Rework the gap analysis' }));
      expect(openTasks(s)).toEqual([expect.objectContaining({ stage: 'RESEARCH', kind: 'work', assigneeId: 'owner' })]);
      act(s, { type: 'complete_work', actor: owner });
      approveCurrent(s);
      expect(s.stage).toBe('COORDINATION');
    },
  );

  it('refuses to send back to a later stage', () => {
    const s = driveTo('TRANSLATION');
    act(s, doc('translation'));
    act(s, { type: 'complete_work', actor: owner });
    assignAll(s);
    const task = openTasks(s)[0];
    expect(checkAction(def, s, { type: 'decide', actor: people.division_head, taskId: task.id, decision: 'request_changes', comment: 'x', returnToStage: 'PARLIAMENT' }, ctx())).toMatchObject({
      code: 'invalid_input',
    });
  });

  it('Cabinet returned goes back to COORDINATION; Parliament returned goes back to CABINET_REVIEW', () => {
    const s = driveTo('CABINET_REVIEW');
    act(s, { type: 'cabinet_outcome', actor: owner, outcome: 'returned', remarks: 'Consult the Ministry of Justice' });
    expect(s.stage).toBe('COORDINATION');
    act(s, { type: 'complete_work', actor: owner });
    for (let i = 0; i < 4; i++) approveCurrent(s);
    act(s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionNumber: '300', resolutionDate: '2026-05-21' });
    expect(s.stage).toBe('PARLIAMENT');
    act(s, { type: 'parliament_outcome', actor: owner, outcome: 'returned', remarks: 'Standing committee asks for a budget annex' });
    expect(s.stage).toBe('CABINET_REVIEW');
    act(s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionNumber: '301', resolutionDate: '2026-05-22' });
    expect(s.stage).toBe('PARLIAMENT');
  });

  it.each([
    ['an approver', (s: ProposalEngineState) => (assignAll(s), act(s, { type: 'decide', actor: people.division_head, taskId: openTasks(s)[0].id, decision: 'reject', comment: 'Not a priority' })), 'INTERNAL_REVIEW'],
    ['the Cabinet', (s: ProposalEngineState) => act(s, { type: 'cabinet_outcome', actor: owner, outcome: 'rejected', remarks: 'Declined' }), 'CABINET_REVIEW'],
    ['Parliament', (s: ProposalEngineState) => act(s, { type: 'parliament_outcome', actor: owner, outcome: 'rejected', remarks: 'Voted down' }), 'PARLIAMENT'],
  ])('rejection by %s ends in REJECTED with no open task', (_who, reject, stage) => {
    const s = driveTo(stage);
    reject(s);
    expect(s).toMatchObject({ stage: 'REJECTED', status: 'rejected' });
    expect(openTasks(s)).toEqual([]);
    expect(checkAction(def, s, { type: 'withdraw', actor: owner, reason: 'x' }, ctx())).toMatchObject({ code: 'not_allowed_now' });
  });

  it.each(['DRAFT', 'TRANSLATION', 'RESEARCH', 'COORDINATION', 'INTERNAL_REVIEW', 'CABINET_REVIEW', 'PARLIAMENT', 'DEPOSIT', 'IMPLEMENTATION'])(
    'withdrawal works from %s (owner or admin, with a reason)',
    (stage) => {
      const s = driveTo(stage);
      expect(checkAction(def, s, { type: 'withdraw', actor: people.legal, reason: 'x' }, ctx())).toMatchObject({ code: 'not_your_task' });
      expect(checkAction(def, s, { type: 'withdraw', actor: owner, reason: ' ' }, ctx())).toMatchObject({ code: 'invalid_input' });
      act(s, { type: 'withdraw', actor: stage === 'DEPOSIT' ? admin : owner, reason: 'Superseded' });
      expect(s).toMatchObject({ stage: 'WITHDRAWN', status: 'withdrawn' });
      expect(openTasks(s)).toEqual([]);
    },
  );

  it('coordination needs every remark answered before it can be completed', () => {
    const s = driveTo('COORDINATION');
    expect(checkAction(def, s, { type: 'complete_work', actor: owner }, ctx())).toMatchObject({ code: 'missing_requirement', missing: ['remarks'] });
    act(s, { type: 'record_remark', actor: owner, body: 'Ministry of Foreign Affairs', remarks: 'Check reservations' });
    expect(checkAction(def, s, { type: 'complete_work', actor: owner }, ctx())).toMatchObject({ missing: ['response to Ministry of Foreign Affairs'] });
  });

  it('outcome dates cannot be in the future and approvals need their numbers', () => {
    const s = driveTo('CABINET_REVIEW');
    expect(checkAction(def, s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionDate: '2026-05-01' }, ctx())).toMatchObject({ message: 'resolutionNumber is required' });
    expect(checkAction(def, s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionNumber: '1', resolutionDate: '2027-01-01' }, ctx())).toMatchObject({
      message: 'resolutionDate cannot be in the future',
    });
  });

  it("dates are checked against today's date in Ulaanbaatar, which is ahead of UTC until 08:00 there", () => {
    const s = driveTo('CABINET_REVIEW');
    // 2026-07-01 06:30 in Ulaanbaatar is still 2026-06-30 in UTC: a resolution signed that morning is not in the future.
    clock = new Date('2026-06-30T22:30:00Z');
    expect(checkAction(def, s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionNumber: '7', resolutionDate: '2026-07-01' }, ctx())).toBeNull();
    expect(checkAction(def, s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionNumber: '7', resolutionDate: '2026-07-02' }, ctx())).toMatchObject({ message: 'resolutionDate cannot be in the future' });
  });

  it('implementation needs at least one action item, all done, and entry into force passed', () => {
    const s = driveTo('IMPLEMENTATION');
    clock = new Date('2026-12-01T00:00:00Z');
    act(s, { type: 'check_completion' });
    expect(s.stage).toBe('IMPLEMENTATION');
    act(s, { type: 'add_action_item', actor: owner, title: 'Train officers', ownerId: 'head', dueDate: '2026-12-31' });
    expect(checkAction(def, s, { type: 'complete_action_item', actor: people.legal, itemId: 'i1' }, ctx())).toMatchObject({ code: 'not_your_task' });
    act(s, { type: 'complete_action_item', actor: people.division_head, itemId: 'i1' });
    expect(s.stage).toBe('COMPLETED');
  });
});

describe('entry into force on the Ulaanbaatar calendar', () => {
  it('has passed from 00:00 in Ulaanbaatar, eight hours before the UTC date turns', () => {
    const state = { actionItems: [{ status: 'done' }], deposit: { depositDate: '2026-05-30', entryIntoForce: '2026-08-30' } } as unknown as ProposalEngineState;
    const ubMidnight = new Date('2026-08-29T16:00:00Z');
    // Workflows started before the Ulaanbaatar clock compare UTC dates (no `today` given).
    expect(implementationComplete(state, ubMidnight)).toBe(false);
    expect(implementationComplete(state, ubMidnight, implementationToday(state.deposit, ubMidnight, 86_400_000))).toBe(true);
    expect(implementationComplete(state, new Date('2026-08-29T15:59:59Z'), implementationToday(state.deposit, new Date('2026-08-29T15:59:59Z'), 86_400_000))).toBe(false);
  });

  it('runs a scaled calendar from the moment the deposit was recorded', () => {
    const deposit = { entryIntoForce: '2026-08-30', recordedAt: '2026-05-30T02:00:00.000Z' };
    // 92 days from 2026-05-30 (Ulaanbaatar date of the recording) at 100 ms a day.
    expect(entryIntoForceMoment(deposit, 100, new Date())).toBe(Date.parse(deposit.recordedAt) + 92 * 100);
    expect(implementationToday(deposit, new Date(Date.parse(deposit.recordedAt) + 92 * 100), 100)).toBe('2026-08-30');
    expect(implementationToday(deposit, new Date(Date.parse(deposit.recordedAt) + 92 * 100 - 1), 100)).toBe('2026-08-29');
    expect(entryIntoForceMoment(deposit, 86_400_000, new Date())).toBe(Date.parse('2026-08-29T16:00:00Z'));
  });
});
