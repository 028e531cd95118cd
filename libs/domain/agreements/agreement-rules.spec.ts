import { applyAction, checkAction, initialState, openTasks } from '../process/proposal-engine';
import { Actor, EngineContext, ProposalAction, ProposalEngineState } from '../process/proposal-engine.types';
import { CalendarClock } from '../calendar/scaled-calendar';
import { agreementData, emptyAgreementData } from './agreement-data';
import { AGREEMENT_V1 } from './agreement-definition.v1';
import { AGREEMENT_LIFE_V1, nextAgreementDeadline, nextInForcePoints } from './agreement-life';
import { agreementRules, importedAgreementState } from './agreement-rules';
import { FIVE_YEARS_AUTO_RENEWING_V1 } from './renewal-rule';

const def = AGREEMENT_V1;
const owner: Actor = { id: 'owner', roles: ['officer'] };
const people: Record<string, Actor> = {
  division_head: { id: 'head', roles: ['division_head'] },
  legal: { id: 'lawyer', roles: ['legal'] },
  deputy_commissioner: { id: 'deputy', roles: ['deputy_commissioner'] },
  commissioner_general: { id: 'cg', roles: ['commissioner_general'] },
};
const clock: CalendarClock = { dayMs: 86_400_000, calendarOrigin: null };
let now = new Date('2026-06-01T02:00:00Z');
const ctx = (): EngineContext => ({ now, dayMs: clock.dayMs, entryIntoForce: () => null, kindRules: agreementRules(clock, AGREEMENT_LIFE_V1) });

function fresh(fields: Record<string, string>, terms = { entryIntoForceRule: { type: 'days_after_last_notification' as const, days: 30 }, renewalRule: FIVE_YEARS_AUTO_RENEWING_V1 }) {
  now = new Date('2026-06-01T02:00:00Z');
  const base = { counterpartCountry: 'KR', counterpartAuthority: 'Korea Customs Service', subject: 'Mutual assistance in customs matters', ...fields };
  return initialState(def, { proposalId: 'a1', ownerId: owner.id, division: 'intl', fields: base, data: emptyAgreementData(terms) as unknown as Record<string, unknown> }, ctx()).state;
}
function act(s: ProposalEngineState, a: ProposalAction) {
  const refusal = checkAction(def, s, a, ctx());
  if (refusal) throw new Error(`refused: ${refusal.message}`);
  return applyAction(def, s, a, ctx());
}
function approveAll(s: ProposalEngineState) {
  const stage = s.stage;
  while (s.stage === stage) {
    for (const t of openTasks(s)) if (t.assigneeId === null) act(s, { type: 'task_assigned', taskId: t.id, assigneeId: people[t.role].id, onBehalfOfId: null });
    const task = openTasks(s).find((t) => t.kind === 'approval')!;
    act(s, { type: 'decide', actor: people[task.role], taskId: task.id, decision: 'approve' });
  }
}
const doc = (kind: string, n = 1) => ({ type: 'attach_document' as const, actor: owner, document: { kind, documentId: `${kind}-${n}`, version: 1, fileName: `${kind}.pdf` } });

/** Drafts, negotiates (two rounds), translates, coordinates and approves internally: the part every instrument shares. */
function toSignatureOrCabinet(s: ProposalEngineState): string[] {
  const visited = [s.stage];
  act(s, { type: 'submit', actor: owner });
  visited.push(s.stage);
  act(s, doc('draft_text'));
  expect(checkAction(def, s, { type: 'complete_work', actor: owner }, ctx())).toMatchObject({ code: 'missing_requirement', missing: ['negotiationRounds'] });
  act(s, { type: 'record_negotiation_round', actor: owner, round: { date: '2026-05-20', place: 'Seoul', textVersion: 'v1', counterpartRemarks: 'Art. 5 wording' } });
  act(s, { type: 'record_negotiation_round', actor: owner, round: { date: '2026-05-30', place: 'Ulaanbaatar', textVersion: 'v2', counterpartRemarks: 'agreed' } });
  act(s, { type: 'complete_work', actor: owner });
  visited.push(s.stage);
  for (const k of ['text_mn', 'text_counterpart', 'text_en']) act(s, doc(k));
  act(s, { type: 'complete_work', actor: owner });
  approveAll(s);
  visited.push(s.stage);
  act(s, { type: 'record_remark', actor: owner, body: 'Ministry of Justice', remarks: 'ok' });
  act(s, { type: 'respond_remark', actor: owner, remarkId: 'r1', response: 'noted' });
  act(s, { type: 'complete_work', actor: owner });
  visited.push(s.stage);
  approveAll(s);
  visited.push(s.stage);
  return visited;
}

describe('bilateral agreement rules (agreement-v1)', () => {
  it('an inter-agency MoU skips Cabinet and ratification and enters into force on the last notification + 30 days', () => {
    const s = fresh({ instrumentType: 'interagency_mou', requiresRatification: 'no' });
    const visited = toSignatureOrCabinet(s);
    expect(visited).toEqual(['DRAFT', 'NEGOTIATION', 'TRANSLATION', 'COORDINATION', 'INTERNAL_REVIEW', 'SIGNATURE']);
    expect(agreementData(s).rounds.map((r) => r.n)).toEqual([1, 2]);
    expect(checkAction(def, s, { type: 'record_notification', actor: owner, notification: { party: 'mongolia', date: '2026-05-31', reference: 'N1' } }, ctx())?.code).toBe('not_allowed_now');
    act(s, { type: 'record_signature', actor: owner, signature: { date: '2026-05-31', place: 'Seoul', signatories: [{ party: 'mongolia', name: 'B. Bat', title: 'Commissioner General' }, { party: 'counterpart', name: 'K. Lee', title: 'Commissioner' }] } });
    expect(s.stage).toBe('SIGNATURE');
    expect(s.phase).toBe('waiting');
    act(s, { type: 'record_notification', actor: owner, notification: { party: 'mongolia', date: '2026-05-31', reference: 'N1' } });
    expect(s.stage).toBe('SIGNATURE');
    act(s, { type: 'record_notification', actor: owner, notification: { party: 'counterpart', date: '2026-06-01', reference: 'K-77' } });
    expect(s.stage).toBe('IN_FORCE');
    expect(agreementData(s).entryIntoForce).toBe('2026-07-01');
    expect(s.dueAt).toBeNull();
    expect(openTasks(s)).toEqual([]);
  });

  it('an intergovernmental agreement passes Cabinet and ratification; on-signature entry into force needs no notes', () => {
    const s = fresh({ instrumentType: 'intergovernmental', requiresRatification: 'yes' }, { entryIntoForceRule: { type: 'on_signature' } as never, renewalRule: null as never });
    expect(toSignatureOrCabinet(s).pop()).toBe('CABINET_REVIEW');
    act(s, { type: 'cabinet_outcome', actor: owner, outcome: 'approved', resolutionNumber: '123', resolutionDate: '2026-05-31' });
    expect(s.stage).toBe('SIGNATURE');
    act(s, { type: 'record_signature', actor: owner, signature: { date: '2026-06-01', place: 'Ulaanbaatar', signatories: [{ party: 'mongolia', name: 'A', title: 'Minister' }, { party: 'counterpart', name: 'B', title: 'Ambassador' }] } });
    expect(s.stage).toBe('RATIFICATION');
    expect(checkAction(def, s, { type: 'record_notification', actor: owner, notification: { party: 'mongolia', date: '2026-06-01', reference: 'x' } }, ctx())?.message).toMatch(/on signature/);
    act(s, { type: 'record_ratification', actor: owner, ratification: { actKind: 'law', actNumber: 'L-9', actDate: '2026-06-01' } });
    expect(s.stage).toBe('IN_FORCE');
    expect(agreementData(s).entryIntoForce).toBe('2026-06-01');
  });

  it('refuses bad input with reasons: an MoU is not ratified, future dates, one signatory per party, terminate only in force', () => {
    const s = fresh({ instrumentType: 'interagency_mou', requiresRatification: 'yes' });
    expect(checkAction(def, s, { type: 'submit', actor: owner }, ctx())?.message).toMatch(/MoU is not ratified/);
    const t = fresh({ instrumentType: 'intergovernmental', requiresRatification: 'no' });
    act(t, { type: 'submit', actor: owner });
    expect(checkAction(def, t, { type: 'record_negotiation_round', actor: owner, round: { date: '2099-01-01', place: 'x', textVersion: 'v', counterpartRemarks: '' } }, ctx())?.message).toMatch(/future/);
    expect(checkAction(def, t, { type: 'record_negotiation_round', actor: people.legal, round: { date: '2026-01-01', place: 'x', textVersion: 'v', counterpartRemarks: '' } }, ctx())?.code).toBe('not_your_task');
    expect(checkAction(def, t, { type: 'terminate', actor: owner, termination: { initiatedBy: 'mongolia', noticeDate: '2026-01-01', effectiveDate: '2026-07-01', reason: 'x' } }, ctx())?.code).toBe('not_allowed_now');
    expect(checkAction(def, t, { type: 'set_agreement_terms', actor: owner, terms: { entryIntoForceRule: { type: 'days_after_last_notification', days: -1 }, renewalRule: null } }, ctx())?.message).toMatch(/days/);
    // An accession proposal knows nothing of agreement actions.
    expect(checkAction({ ...def, kind: 'accession' }, t, { type: 'record_joint_activity', actor: owner, activity: { date: '2026-01-01', title: 't', description: '' } }, { ...ctx(), kindRules: undefined })?.message).toMatch(/does not apply/);
  });

  it('life in force: reminders before the notice deadline and renewal, annual reviews, renewal, then termination', () => {
    const s = fresh({ instrumentType: 'interagency_mou', requiresRatification: 'no' }, { entryIntoForceRule: { type: 'on_signature' } as never, renewalRule: { version: 't', validityYears: 1, automaticRenewal: { periodYears: 1, noticeMonths: 1 }, reviewLeadMonths: 0 } as never });
    toSignatureOrCabinet(s);
    act(s, { type: 'record_signature', actor: owner, signature: { date: '2026-06-01', place: 'x', signatories: [{ party: 'mongolia', name: 'A', title: 'a' }, { party: 'counterpart', name: 'B', title: 'b' }] } });
    expect(s.stage).toBe('IN_FORCE');
    const data = agreementData(s);
    const fired: string[] = [];
    for (let i = 0; i < 12; i++) {
      const next = nextInForcePoints(data, AGREEMENT_LIFE_V1, data.inForceCursor!)!;
      fired.push(...next.points.map((p) => `${p.date} ${p.kind}${p.daysBefore ? `-${p.daysBefore}` : ''}`));
      now = new Date(`${next.date}T02:00:00Z`);
      act(s, { type: 'agreement_timer', points: next.points });
    }
    expect(fired).toEqual([
      '2027-01-31 notice_reminder-90',
      '2027-03-03 renewal_reminder-90',
      '2027-04-01 notice_reminder-30',
      '2027-04-24 notice_reminder-7',
      '2027-05-02 renewal_reminder-30',
      '2027-05-25 renewal_reminder-7',
      '2027-06-01 annual_review',
      '2027-06-01 renewal',
      '2028-02-01 notice_reminder-90',
      '2028-03-03 renewal_reminder-90', // 2028 is a leap year
      '2028-04-01 notice_reminder-30',
      '2028-04-24 notice_reminder-7',
      '2028-05-02 renewal_reminder-30',
    ]);
    expect(data.renewals).toHaveLength(1);
    expect(openTasks(s).map((t) => t.actions)).toEqual([['complete_annual_review']]);
    expect(nextAgreementDeadline(data, '2028-04-24')).toEqual({ kind: 'annual_review', date: '2027-07-01' });
    act(s, { type: 'complete_annual_review', actor: owner, summary: 'Two joint operations; exchange working well.' });
    expect(nextAgreementDeadline(data, '2028-04-24')).toEqual({ kind: 'notice_deadline', date: '2028-05-01' });
    act(s, { type: 'terminate', actor: owner, termination: { initiatedBy: 'mongolia', noticeDate: '2028-04-24', effectiveDate: '2028-06-01', reason: 'Replaced by a new agreement' } });
    expect(s.status).toBe('open');
    const end = nextInForcePoints(data, AGREEMENT_LIFE_V1, data.inForceCursor!)!;
    expect(end.points).toEqual([{ kind: 'termination', date: '2028-06-01' }]);
    act(s, { type: 'agreement_timer', points: end.points });
    expect([s.stage, s.status]).toEqual(['TERMINATED', 'terminated']);
  });

  it('a non-renewing agreement expires; an imported one starts in force with no tasks and only future dates', () => {
    const data = { ...emptyAgreementData({ entryIntoForceRule: { type: 'on_last_notification' }, renewalRule: { version: 'x', validityYears: 3, automaticRenewal: null, reviewLeadMonths: 0 } }), entryIntoForce: '2024-09-10', imported: { key: 'HU-2024', source: 'test' } };
    now = new Date('2026-06-01T02:00:00Z');
    const { state, effects } = importedAgreementState(def, { proposalId: 'i1', ownerId: 'owner', division: null, fields: { instrumentType: 'intergovernmental' }, data, stage: 'IN_FORCE' }, now, '2026-06-01');
    expect(effects).toHaveLength(1);
    expect(state.tasks).toEqual([]);
    const d = agreementData(state);
    const next = nextInForcePoints(d, AGREEMENT_LIFE_V1, d.inForceCursor!)!;
    expect(next).toEqual({ date: '2026-09-10', points: [{ kind: 'annual_review', date: '2026-09-10' }] });
    expect(nextInForcePoints(d, AGREEMENT_LIFE_V1, '2026-09-10')!.points).toEqual([{ kind: 'expiry_reminder', date: '2027-06-12', deadline: '2027-09-10', daysBefore: 90 }]);
    now = new Date('2027-09-10T02:00:00Z');
    const last = nextInForcePoints(d, AGREEMENT_LIFE_V1, '2027-09-09')!;
    expect(last.points.map((p) => p.kind)).toEqual(['expiry']);
    act(state, { type: 'agreement_timer', points: last.points });
    expect([state.stage, state.status, openTasks(state)]).toEqual(['EXPIRED', 'expired', []]);
  });
});
