import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { agreementWorkflowId, BilateralAgreementInput } from '../../libs/contracts';
import { ProposalRepository } from '../../libs/db';
import { AgreementData, calendarDate, CalendarClock, emptyAgreementData, ProposalEngineState } from '../../libs/domain';
import { ProposalActionRefusedError, ProposalWorkflowGateway } from '../../libs/temporal';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { recordHistory } from '../support/history-recorder';
import { startSmtpTestServer, SmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

/** 40 ms per calendar day: a one-year agreement renews after about 15 seconds. */
const DAY_MS = 40;

/**
 * An agreement in force on a scaled calendar: its notice and renewal reminders reach the owner and leadership in
 * date order, the anniversary opens the annual review and renews it, and termination ends the workflow. Real
 * Temporal, PostgreSQL (read model, outbox) and SMTP.
 */
describe('bilateralAgreement workflow: life in force', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let gateway: ProposalWorkflowGateway;
  let owner: SignedInUser;
  let leader: SignedInUser;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: { ...smtp.env(), ACCORD_WORKFLOW_DAY_MS: String(DAY_MS) } });
    gateway = stack.api.get(ProposalWorkflowGateway);
    owner = await createUserAndLogin(stack, ['officer']);
    leader = await createUserAndLogin(stack, ['leadership']);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  /** An agreement imported in force today (as the import does): a read-model row, then its workflow. */
  async function importInForce(data: Partial<AgreementData>, clock: CalendarClock): Promise<{ id: string; input: BilateralAgreementInput }> {
    const id = randomUUID();
    const today = calendarDate(new Date(), clock);
    const agreement: AgreementData = {
      ...emptyAgreementData({ entryIntoForceRule: { type: 'on_signature' }, renewalRule: { version: 'test', validityYears: 1, automaticRenewal: { periodYears: 1, noticeMonths: 1 }, reviewLeadMonths: 0 } }),
      signature: { date: today, place: 'Ulaanbaatar', signatories: [] },
      entryIntoForce: today,
      imported: { key: `test-${id}`, source: 'workflow test' },
      ...data,
    };
    const fields = { counterpartCountry: 'KR', counterpartAuthority: 'Korea Customs Service', instrumentType: 'interagency_mou', subject: 'Mutual assistance', requiresRatification: 'no' };
    await stack.api.get(ProposalRepository).insertDraftOnce({
      id,
      kind: 'agreement',
      titleEn: 'MoU with the Korea Customs Service',
      titleMn: 'Солонгосын Гаалийн албатай байгуулсан санамж бичиг',
      summary: '',
      ownerId: owner.id,
      division: null,
      stage: 'IN_FORCE',
      workflowId: agreementWorkflowId(id),
      definitionVersion: 'agreement-v1',
      details: { fields, agreement },
      createRequestId: `test:${id}`,
    });
    const input: BilateralAgreementInput = { proposalId: id, ownerId: owner.id, division: null, definitionVersion: 'agreement-v1', fields, agreement, clock, imported: { stage: 'IN_FORCE' } };
    expect(await gateway.startBilateralAgreement(input)).toBe(true);
    expect(await gateway.startBilateralAgreement(input)).toBe(false);
    return { id, input };
  }

  const timeline = async (id: string): Promise<{ type: string; data: Record<string, unknown> }[]> =>
    stack.api.get(DataSource).query(`SELECT type, data FROM proposal_events WHERE proposal_id = $1 ORDER BY seq`, [id]);

  it('reminds before the notice deadline and renewal in date order, opens the annual review, renews, and ends on termination', async () => {
    const clock: CalendarClock = { dayMs: DAY_MS, calendarOrigin: new Date().toISOString() };
    const { id } = await importInForce({}, clock);
    const wf = agreementWorkflowId(id);

    // One year on the scaled calendar: the renewal and the annual review on the anniversary.
    const renewed = await eventually(() => timeline(id), (t) => t.some((e) => e.type === 'RENEWED'), 30_000);
    const reminders = renewed.filter((e) => e.type === 'DEADLINE_REMINDER').map((e) => `${e.data.kind}-${e.data.daysBefore}`);
    expect(reminders).toEqual(['notice_reminder-90', 'renewal_reminder-90', 'notice_reminder-30', 'notice_reminder-7', 'renewal_reminder-30', 'renewal_reminder-7']);
    const dates = renewed.filter((e) => e.type === 'DEADLINE_REMINDER').map((e) => e.data.date as string);
    expect([...dates].sort()).toEqual(dates);
    expect(renewed.map((e) => e.type)).toEqual(expect.arrayContaining(['IMPORTED', 'ANNUAL_REVIEW_OPENED', 'RENEWED']));
    expect(renewed[0].type).toBe('IMPORTED');

    // Each reminder reached the owner and the leader once, as recorded on the timeline and received by the SMTP server.
    const sent = await eventually(
      async () => (await timeline(id)).filter((e) => e.type === 'EMAIL_SENT' && e.data.purpose === 'agreement-deadline'),
      (ms) => ms.filter((m) => m.data.recipientId === leader.id).length >= 6,
      20_000,
    );
    expect(sent.filter((m) => m.data.recipientId === owner.id)).toHaveLength(6);
    expect(sent.filter((m) => m.data.recipientId === leader.id)).toHaveLength(6);
    const received = new Set(smtp.messages.map((m) => m.messageId.replace(/[<>]/g, '')));
    for (const m of sent) expect(received.has(String(m.data.messageId).replace(/[<>]/g, ''))).toBe(true);

    // Termination with notice: effective ten (scaled) days later, then the workflow ends.
    const noticeDate = calendarDate(new Date(), clock);
    const effective = calendarDate(new Date(Date.now() + 10 * DAY_MS), clock);
    const act = (action: object) => gateway.act(id, { requestId: randomUUID(), action: { ...action, actor: { id: owner.id, roles: owner.roles } } as never }, wf);
    await expect(act({ type: 'terminate', termination: { initiatedBy: 'mongolia', noticeDate, effectiveDate: noticeDate > effective ? noticeDate : effective, reason: '' } })).rejects.toBeInstanceOf(ProposalActionRefusedError);
    await act({ type: 'terminate', termination: { initiatedBy: 'mongolia', noticeDate, effectiveDate: effective, reason: 'Superseded by the intergovernmental agreement' } });
    const result = (await stack.api.get(Client).workflow.getHandle(wf).result()) as ProposalEngineState;
    expect([result.stage, result.status]).toEqual(['TERMINATED', 'terminated']);
    const final = await eventually(() => timeline(id), (t) => t[t.length - 1]?.type === 'STAGE_CHANGED' || t.some((e) => e.type === 'TERMINATED'), 15_000);
    const types = final.map((e) => e.type);
    expect(types.indexOf('TERMINATION_NOTIFIED')).toBeLessThan(types.indexOf('TERMINATED'));
    await expect(act({ type: 'record_joint_activity', activity: { date: noticeDate, title: 'x', description: '' } })).rejects.toThrow();
    await recordHistory(stack.api.get(Client), wf, 'agreement-renewed-then-terminated');
  }, 90_000);

  it('an agreement that does not renew expires on its date; dates already past at import send nothing', async () => {
    const clock: CalendarClock = { dayMs: DAY_MS, calendarOrigin: new Date().toISOString() };
    const today = calendarDate(new Date(), clock);
    // In force for a year already, three-year term: the first anniversary and its reminders are history.
    const eif = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const { id } = await importInForce({ entryIntoForce: eif, renewalRule: { version: 'test', validityYears: 2, automaticRenewal: null, reviewLeadMonths: 0 } }, clock);
    const result = (await stack.api.get(Client).workflow.getHandle(agreementWorkflowId(id)).result()) as ProposalEngineState;
    expect([result.stage, result.status]).toEqual(['EXPIRED', 'expired']);
    const events = await eventually(() => timeline(id), (t) => t.some((e) => e.type === 'AGREEMENT_EXPIRED'), 15_000);
    const reviews = events.filter((e) => e.type === 'ANNUAL_REVIEW_OPENED').map((e) => e.data.anniversary);
    // The first anniversary is the import day (history) and the second is the expiry itself: no review.
    expect(reviews).toEqual([]);
    expect(events.filter((e) => e.type === 'DEADLINE_REMINDER').map((e) => e.data.daysBefore)).toEqual([90, 30, 7]);
    await recordHistory(stack.api.get(Client), agreementWorkflowId(id), 'agreement-imported-expired');
  }, 90_000);
});
