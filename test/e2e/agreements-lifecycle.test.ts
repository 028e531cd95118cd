import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { agreementWorkflowId } from '../../libs/contracts';
import { ProposalRepository } from '../../libs/db';
import { addDays, addMonths, addYears, emptyAgreementData, ulaanbaatarDate } from '../../libs/domain';
import { ProposalWorkflowGateway } from '../../libs/temporal';
import { AccordStack, eventually, startAccordStack } from '../support/accord-stack';
import { ReceivedMail, SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

const LINK = /\/api\/v1\/actions\/([A-Za-z0-9_-]{20,})/g;
const rid = () => randomUUID();
/** Dates a few days back: never "in the future" whichever clock (Ulaanbaatar or UTC) a rule reads. */
const daysAgo = (n: number) => addDays(ulaanbaatarDate(new Date()), -n);

type Task = { id: string; role: string; kind: string; status: string; assigneeId: string | null; stage: string };
type Event = { seq: number; type: string; fromStage: string | null; toStage: string | null; data: Record<string, unknown> };

const FIVE_YEARS = { validityYears: 5, automaticRenewal: { periodYears: 5, noticeMonths: 6 } };

/**
 * Bilateral agreements and MoUs end to end: the real API, worker, Temporal, PostgreSQL and an SMTP sink. Each
 * instrument type passes only the stages its definition gives it; approvers decide through the API and through the
 * links emailed to them.
 */
describe('bilateral agreements and MoUs, end to end', () => {
  let smtp: SmtpTestServer;
  let stack: AccordStack;
  let owner: SignedInUser, colleague: SignedInUser, head: SignedInUser, legal: SignedInUser, deputy: SignedInUser, chief: SignedInUser, leader: SignedInUser;
  let byRole: Record<string, SignedInUser>;
  const usedMail = new Set<string>();

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: smtp.env() });
    chief = await createUserAndLogin(stack, ['commissioner_general']);
    deputy = await createUserAndLogin(stack, ['deputy_commissioner'], { supervisorId: chief.id });
    head = await createUserAndLogin(stack, ['division_head'], { supervisorId: deputy.id, language: 'en' });
    legal = await createUserAndLogin(stack, ['legal'], { supervisorId: head.id });
    owner = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id, language: 'en' });
    colleague = await createUserAndLogin(stack, ['officer'], { supervisorId: head.id });
    leader = await createUserAndLogin(stack, ['leadership'], { division: null });
    byRole = { division_head: head, legal, deputy_commissioner: deputy, commissioner_general: chief };
  }, 60000);
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  function draft(overrides: Record<string, unknown> = {}) {
    return {
      titleEn: `Agreement on Mutual Assistance in Customs Matters ${randomUUID().slice(0, 6)}`,
      titleMn: 'Гаалийн асуудлаар харилцан туслалцаа үзүүлэх тухай хэлэлцээр',
      counterpartCountry: 'KR',
      counterpartAuthority: 'Korea Customs Service',
      instrumentType: 'interagency_mou',
      subject: 'Cooperation and mutual assistance in customs matters',
      legalBasis: 'WCO Model Bilateral Agreement',
      requiresRatification: false,
      entryIntoForceRule: { type: 'days_after_last_notification', days: 30 },
      renewalRule: FIVE_YEARS,
      requestId: rid(),
      ...overrides,
    };
  }

  const agreement = async (id: string, who: SignedInUser = owner) => (await who.http.get(`/api/v1/agreements/${id}`).expect(200)).body;
  /** The agreement once the read model has every event the workflow has emitted. */
  const settled = (id: string, ok: (x: any) => boolean = () => true, timeoutMs = 20000) =>
    eventually(() => agreement(id), (x) => !!x.live && x.timeline.length === x.live.eventSeq && ok(x), timeoutMs);
  const common = (id: string, path: string, body: Record<string, unknown> = {}, who = owner) => who.http.post(`/api/v1/proposals/${id}/${path}`).send({ requestId: rid(), ...body });
  const own = (id: string, path: string, body: Record<string, unknown>, method: 'post' | 'put' | 'patch' = 'post', who = owner) =>
    who.http[method](`/api/v1/agreements/${id}/${path}`).send({ requestId: rid(), ...body });
  const upload = (id: string, kind: string) =>
    owner.http.post(`/api/v1/proposals/${id}/documents`).field('kind', kind).field('requestId', rid()).attach('file', Buffer.from(`${kind} text`), { filename: `${kind}.pdf`, contentType: 'application/pdf' }).expect(201);

  async function openApproval(id: string): Promise<Task> {
    const x = await eventually(() => agreement(id), (a) => a.tasks.some((t: Task) => t.kind === 'approval' && t.status === 'open' && t.assigneeId), 20000);
    return x.tasks.find((t: Task) => t.kind === 'approval' && t.status === 'open' && t.assigneeId);
  }

  const links = (m: ReceivedMail) => [...new Set([...m.text.matchAll(LINK)].map((x) => x[1]))];
  /** Approves from the inbox: the confirmation page first (GET), then the button (POST with its CSRF token). */
  async function approveByEmail(user: SignedInUser, id: string): Promise<void> {
    const email = await smtp.waitFor((m) => m.to.includes(user.email) && m.text.includes(id) && links(m).length === 3 && !usedMail.has(m.messageId), 20000);
    usedMail.add(email.messageId);
    const [approve] = links(email);
    const page = await stack.http().get(`/api/v1/actions/${approve}`);
    expect(page.status).toBe(200);
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('accord_action_nonce='))?.split(';')[0] ?? '';
    const csrf = page.text.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';
    const done = await stack.http().post(`/api/v1/actions/${approve}`).type('form').set('Cookie', cookie).send({ csrf, comment: 'Approved from my inbox' });
    expect(done.status).toBe(200);
  }

  /** Every approval of the current stage, in order; `byEmail` roles decide from their inbox, the others through the API. */
  async function approveStage(id: string, expectedRoles: string[], byEmail: string[]): Promise<void> {
    for (const role of expectedRoles) {
      const task = await openApproval(id);
      expect(task.role).toBe(role);
      const who = byRole[role];
      expect(task.assigneeId).toBe(who.id);
      if (byEmail.includes(role)) await approveByEmail(who, id);
      else await common(id, 'decisions', { taskId: task.id, decision: 'approve' }, who).expect(200);
      await eventually(() => agreement(id), (a) => a.tasks.some((t: Task) => t.id === task.id && t.status === 'done'), 20000);
    }
  }

  /** Draft -> negotiation (rounds) -> translation -> coordination -> internal approvals: what every instrument shares. */
  async function toEndOfInternalReview(id: string, rounds: Array<{ date: string; place: string; textVersion: string; counterpartRemarks?: string }>): Promise<void> {
    await common(id, 'submit').expect(200);
    await upload(id, 'draft_text');
    // The text cannot be agreed before any round is recorded.
    const early = await common(id, 'complete-stage');
    expect(early.status).toBe(409);
    expect(early.body.details).toMatchObject({ reason: 'missing_requirement', stage: 'NEGOTIATION', missing: ['negotiationRounds'] });
    for (const r of rounds) await own(id, 'negotiation-rounds', r).expect(200);
    await common(id, 'complete-stage').expect(200);

    for (const kind of ['text_mn', 'text_counterpart', 'text_en']) await upload(id, kind);
    await common(id, 'complete-stage').expect(200);
    await approveStage(id, ['legal'], ['legal']);

    await eventually(() => agreement(id), (a) => a.live?.stage === 'COORDINATION');
    await common(id, 'remarks', { body: 'Ministry of Foreign Affairs', remarks: 'Align Art. 12 with the model text' }).expect(200);
    await common(id, 'remarks/r1/response', { response: 'Aligned in draft v4' }).expect(200);
    await common(id, 'complete-stage').expect(200);
    await approveStage(id, ['division_head', 'legal', 'deputy_commissioner', 'commissioner_general'], ['division_head', 'commissioner_general']);
  }

  const stagesVisited = (timeline: Event[]) => timeline.filter((e) => e.type === 'STAGE_CHANGED').map((e) => e.toStage);
  const signatories = [
    { party: 'mongolia', name: 'B. Bat', title: 'Commissioner General of Customs' },
    { party: 'counterpart', name: 'K. Lee', title: 'Commissioner, Korea Customs Service' },
  ];

  it('an inter-agency MoU: negotiated in rounds, never to Cabinet or ratification, in force 30 days after the last note', async () => {
    // An MoU is never ratified: refused at creation, with the field and both languages.
    const ratified = await owner.http.post('/api/v1/agreements').send(draft({ requiresRatification: true }));
    expect(ratified.status).toBe(400);
    expect(ratified.body).toMatchObject({ code: 'validation_failed', messageMn: expect.any(String), details: [expect.objectContaining({ field: 'requiresRatification', reasonMn: expect.any(String) })] });
    // Leadership reads but does not create.
    await leader.http.post('/api/v1/agreements').send(draft()).expect(403);
    // Null for a required field and an impossible clause are refused too.
    expect((await owner.http.post('/api/v1/agreements').send(draft({ renewalRule: { validityYears: 5, automaticRenewal: null, reviewLeadMonths: null } }))).status).toBe(400);
    const noDays = await owner.http.post('/api/v1/agreements').send(draft({ entryIntoForceRule: { type: 'days_after_last_notification' } }));
    expect(noDays.status).toBe(400);
    expect(noDays.body.details[0].field).toBe('entryIntoForceRule.days');

    const body = draft({ counterpartAuthority: 'KCS' });
    const created = await owner.http.post('/api/v1/agreements').send(body).expect(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({ kind: 'agreement', stage: 'DRAFT', workflowId: `agreement-${id}`, definitionVersion: 'agreement-v1' });
    // The same request id again lands on the same agreement.
    const again = await owner.http.post('/api/v1/agreements').send(body).expect(200);
    expect(again.body.id).toBe(id);

    // Draft edits: checked together with what is stored (an MoU stays unratified), then applied.
    const bad = await own(id, 'draft', { requiresRatification: true }, 'patch');
    expect(bad.status).toBe(400);
    await own(id, 'draft', { counterpartAuthority: 'Korea Customs Service', titleMn: 'Гаалийн хамтын ажиллагааны санамж бичиг' }, 'patch').expect(200);
    // Only the owner edits and acts (a colleague of the division may read it).
    await colleague.http.get(`/api/v1/agreements/${id}`).expect(200);
    expect((await own(id, 'draft', { subject: 'Something else entirely' }, 'patch', colleague)).status).toBe(403);

    await toEndOfInternalReview(id, [
      { date: daysAgo(40), place: 'Seoul', textVersion: 'draft v1', counterpartRemarks: 'Narrow Art. 5 (exchange of information)' },
      { date: daysAgo(25), place: 'Ulaanbaatar', textVersion: 'draft v2', counterpartRemarks: 'Art. 5 agreed; Art. 9 open' },
      { date: daysAgo(12), place: 'videoconference', textVersion: 'draft v3 (final)', counterpartRemarks: 'agreed ad referendum' },
    ]);
    // After internal approval an MoU goes straight to signature.
    const atSignature = await settled(id, (a) => a.stage === 'SIGNATURE');
    expect(atSignature.agreement.rounds.map((r: { n: number; place: string; textVersion: string }) => [r.n, r.place, r.textVersion])).toEqual([
      [1, 'Seoul', 'draft v1'],
      [2, 'Ulaanbaatar', 'draft v2'],
      [3, 'videoconference', 'draft v3 (final)'],
    ]);
    expect(atSignature.details.fields).toMatchObject({ counterpartAuthority: 'Korea Customs Service', instrumentType: 'interagency_mou', requiresRatification: 'no' });
    expect(atSignature.titleMn).toBe('Гаалийн хамтын ажиллагааны санамж бичиг');

    // A diplomatic note before signature is refused, naming the stage.
    const earlyNote = await own(id, 'notifications', { party: 'mongolia', date: daysAgo(5), reference: 'No. 4/1187' });
    expect(earlyNote.status).toBe(409);
    expect(earlyNote.body).toMatchObject({ code: 'conflict', messageMn: expect.any(String), details: { reason: 'not_allowed_now', stage: 'SIGNATURE' } });
    // One signatory per party.
    expect((await own(id, 'signature', { date: daysAgo(10), place: 'Seoul', signatories: signatories.slice(0, 1) })).status).toBe(400);
    await own(id, 'signature', { date: daysAgo(10), place: 'Seoul', signatories }).expect(200);
    const signed = await settled(id, (a) => !!a.agreement.signature);
    expect(signed.stage).toBe('SIGNATURE'); // waiting for both notes
    expect(signed.agreement.signature).toMatchObject({ date: daysAgo(10), place: 'Seoul' });

    await own(id, 'notifications', { party: 'mongolia', date: daysAgo(5), reference: 'No. 4/1187' }).expect(200);
    const dup = await own(id, 'notifications', { party: 'mongolia', date: daysAgo(4), reference: 'No. 4/1190' });
    expect(dup.status).toBe(409);
    await own(id, 'notifications', { party: 'counterpart', date: daysAgo(2), reference: 'KCS-2026-77' }).expect(200);

    const inForce = await settled(id, (a) => a.stage === 'IN_FORCE');
    // days_after_last_notification 30: the later note (two days ago) + 30 days.
    const expected = addDays(daysAgo(2), 30);
    expect(inForce.agreement.entryIntoForce).toBe(expected);
    expect(inForce.details.fields.entryIntoForce).toBe(expected);
    expect(inForce.timeline).toContainEqual(expect.objectContaining({ type: 'ENTRY_INTO_FORCE_FIXED', data: { entryIntoForce: expected, rule: 'days_after_last_notification' } }));
    expect(stagesVisited(inForce.timeline)).toEqual(['NEGOTIATION', 'TRANSLATION', 'COORDINATION', 'INTERNAL_REVIEW', 'SIGNATURE', 'IN_FORCE']);
    expect(inForce.timeline.filter((e: Event) => e.type === 'NEGOTIATION_ROUND_RECORDED')).toHaveLength(3);
    expect(inForce.tasks.filter((t: Task) => t.status === 'open')).toEqual([]);
    expect(inForce).toMatchObject({ status: 'open', workflowStatus: 'RUNNING', dueAt: null });
    // Two approvals were decided from the inbox.
    const emailed = inForce.tasks.filter((t: Task & { comment: string | null }) => t.comment === 'Approved from my inbox').map((t: Task) => t.role);
    expect(emailed.sort()).toEqual(['commissioner_general', 'division_head', 'legal'].sort());

    // Life in force: contact points and joint activities; terms are fixed once signed.
    await own(id, 'contact-points', { contactPoints: [{ party: 'mongolia', name: 'D. Oyun', email: 'oyun.d@customs.test' }, { party: 'counterpart', name: 'J. Park', position: 'Director' }] }, 'put').expect(200);
    await own(id, 'joint-activities', { date: daysAgo(1), title: 'Joint risk-profiling workshop' }).expect(200);
    const terms = await own(id, 'terms', { entryIntoForceRule: { type: 'on_signature' }, renewalRule: null }, 'put');
    expect(terms.status).toBe(409);
    const life = await settled(id, (a) => a.agreement.jointActivities.length === 1);
    expect(life.agreement.contactPoints).toEqual([
      { party: 'mongolia', name: 'D. Oyun', position: '', email: 'oyun.d@customs.test', phone: '' },
      { party: 'counterpart', name: 'J. Park', position: 'Director', email: '', phone: '' },
    ]);
    expect(life.agreement.renewalRule).toMatchObject({ validityYears: 5, automaticRenewal: { periodYears: 5, noticeMonths: 6 }, reviewLeadMonths: 3 });
    // Leadership reads it, acts on nothing.
    expect((await agreement(id, leader)).agreement.entryIntoForce).toBe(expected);
    expect((await own(id, 'joint-activities', { date: daysAgo(1), title: 'Not allowed' }, 'post', leader)).status).toBe(403);
  }, 180000);

  it('an intergovernmental agreement that requires ratification: Cabinet approval to sign, ratification, in force on the last note; termination ends it', async () => {
    const id: string = (
      await owner.http
        .post('/api/v1/agreements')
        .send(draft({ instrumentType: 'intergovernmental', requiresRatification: true, counterpartCountry: 'HU', counterpartAuthority: 'National Tax and Customs Administration', entryIntoForceRule: { type: 'on_last_notification' }, renewalRule: null }))
        .expect(201)
    ).body.id;

    // Signing before the stage is refused, naming the stage the agreement is in.
    const early = await own(id, 'signature', { date: daysAgo(3), place: 'Budapest', signatories });
    expect(early.status).toBe(409);
    expect(early.body.details).toMatchObject({ reason: 'not_allowed_now', stage: 'DRAFT' });
    // A round outside NEGOTIATION, likewise.
    expect((await own(id, 'negotiation-rounds', { date: daysAgo(3), place: 'Budapest', textVersion: 'v1' })).status).toBe(409);

    await toEndOfInternalReview(id, [
      { date: daysAgo(60), place: 'Budapest', textVersion: 'v1' },
      { date: daysAgo(30), place: 'Ulaanbaatar', textVersion: 'v2', counterpartRemarks: 'Hungarian text to follow' },
    ]);
    await settled(id, (a) => a.stage === 'CABINET_REVIEW');
    // Terms may still change before signature: the clause becomes "the first day of the month after the last note"...
    await own(id, 'terms', { entryIntoForceRule: { type: 'first_day_of_month_after_last_notification', months: 1 }, renewalRule: { validityYears: 10, automaticRenewal: null } }, 'put').expect(200);
    // ...and back to the date of the last note, in force until terminated.
    await own(id, 'terms', { entryIntoForceRule: { type: 'on_last_notification' }, renewalRule: null }, 'put').expect(200);
    await common(id, 'cabinet-outcome', { outcome: 'approved', resolutionNumber: '217', resolutionDate: daysAgo(20) }).expect(200);

    await settled(id, (a) => a.stage === 'SIGNATURE');
    await own(id, 'signature', { date: daysAgo(15), place: 'Budapest', signatories }).expect(200);
    await settled(id, (a) => a.stage === 'RATIFICATION');
    // Our note may precede ratification; the agreement waits for ratification and the other note.
    await own(id, 'notifications', { party: 'mongolia', date: daysAgo(8), reference: 'No. 4/2001' }).expect(200);
    await own(id, 'ratification', { actKind: 'law', actNumber: '12/2026', actDate: daysAgo(9) }).expect(200);
    const ratified = await settled(id, (a) => !!a.agreement.ratification);
    expect(ratified.stage).toBe('RATIFICATION');
    await own(id, 'notifications', { party: 'counterpart', date: daysAgo(3), reference: 'HU-NAV-88' }).expect(200);

    const inForce = await settled(id, (a) => a.stage === 'IN_FORCE');
    expect(inForce.agreement.entryIntoForce).toBe(daysAgo(3));
    expect(inForce.agreement).toMatchObject({ renewalRule: null, entryIntoForceRule: { type: 'on_last_notification' }, ratification: { actKind: 'law', actNumber: '12/2026' } });
    expect(inForce.agreement.rounds).toHaveLength(2);
    expect(stagesVisited(inForce.timeline)).toEqual(['NEGOTIATION', 'TRANSLATION', 'COORDINATION', 'INTERNAL_REVIEW', 'CABINET_REVIEW', 'SIGNATURE', 'RATIFICATION', 'IN_FORCE']);
    expect(inForce.timeline.map((e: Event) => e.type)).toEqual(expect.arrayContaining(['CABINET_APPROVED', 'SIGNED', 'RATIFIED', 'NOTIFICATION_RECORDED', 'TERMS_SET']));

    // Notice of termination already effective: the agreement ends at once and its workflow completes.
    const today = ulaanbaatarDate(new Date());
    const noReason = await own(id, 'termination', { initiatedBy: 'counterpart', noticeDate: daysAgo(1), effectiveDate: daysAgo(1) });
    expect(noReason.status).toBe(400);
    const backwards = await own(id, 'termination', { initiatedBy: 'counterpart', noticeDate: daysAgo(1), effectiveDate: daysAgo(2), reason: 'Replaced by a new agreement' });
    expect(backwards.status).toBe(400);
    await own(id, 'termination', { initiatedBy: 'counterpart', noticeDate: daysAgo(1), effectiveDate: daysAgo(1), reason: 'Replaced by a new agreement' }).expect(200);
    const ended = await settled(id, (a) => a.stage === 'TERMINATED' && a.workflowStatus === 'COMPLETED');
    expect(ended).toMatchObject({ status: 'terminated', agreement: { termination: { initiatedBy: 'counterpart', effectiveDate: daysAgo(1) } } });
    expect(ended.timeline.map((e: Event) => e.type)).toEqual(expect.arrayContaining(['TERMINATION_NOTIFIED', 'TERMINATED']));
    const closed = await own(id, 'joint-activities', { date: today, title: 'Too late' });
    expect(closed.status).toBe(409);
  }, 180000);

  it('in force: the notice deadline and renewal reminders reach the owner and leadership in order, in their languages, then it renews', async () => {
    // An instrument already in force (as the import creates one) on a scaled calendar: one day lasts 150 ms. It renews
    // every year unless notice is given a month before; its current period ends 40 days from today.
    const clock = { dayMs: 150, calendarOrigin: new Date().toISOString() };
    const today = ulaanbaatarDate(new Date(clock.calendarOrigin));
    const entryIntoForce = addYears(addDays(today, 40), -1);
    const expiry = addYears(entryIntoForce, 1);
    const noticeBy = addMonths(expiry, -1);
    const id = randomUUID();
    const title = { en: `Agreement with Korea ${id.slice(0, 6)}`, mn: `Солонгостой байгуулсан хэлэлцээр ${id.slice(0, 6)}` };
    const fields = { counterpartCountry: 'KR', counterpartAuthority: 'Korea Customs Service', instrumentType: 'interagency_mou', subject: 'Customs cooperation', requiresRatification: 'no' };
    const data = {
      ...emptyAgreementData({ entryIntoForceRule: { type: 'on_signature' }, renewalRule: { version: 'renewal-1y-auto1y-notice1m-v1', validityYears: 1, automaticRenewal: { periodYears: 1, noticeMonths: 1 }, reviewLeadMonths: 0 } }),
      entryIntoForce,
      imported: { key: `KR-${id}`, source: 'agreements-lifecycle.test' },
    };
    await new ProposalRepository(stack.api.get(DataSource)).insertDraftOnce({
      id,
      kind: 'agreement',
      titleEn: title.en,
      titleMn: title.mn,
      summary: '',
      ownerId: owner.id,
      division: owner.division,
      stage: 'IN_FORCE',
      workflowId: agreementWorkflowId(id),
      definitionVersion: 'agreement-v1',
      details: { fields, agreement: data },
      createRequestId: `test-import:${id}`,
    });
    await stack.api.get(ProposalWorkflowGateway).startBilateralAgreement({ proposalId: id, ownerId: owner.id, division: owner.division, definitionVersion: 'agreement-v1', fields, agreement: data, clock, imported: { stage: 'IN_FORCE' } });

    // Reminders already past on the day of import are not sent; the ones ahead arrive in date order, then it renews.
    // Leadership is a role: every active holder in the database gets the message, so count per person.
    const deadlineMails = (a: { timeline: Event[] }, who: SignedInUser) => a.timeline.filter((e) => e.type === 'EMAIL_SENT' && e.data.purpose === 'agreement-deadline' && e.data.recipientId === who.id);
    // Leadership mail goes to every leadership holder in the shared test database: allow for a slow, loaded run.
    const renewed = await settled(id, (a) => a.agreement.renewals.length === 1 && deadlineMails(a, owner).length === 3 && deadlineMails(a, leader).length === 3, 60000);
    const reminders = renewed.timeline.filter((e: Event) => e.type === 'DEADLINE_REMINDER').map((e: Event) => `${e.data.kind}:${e.data.deadline}:${e.data.daysBefore}`);
    expect(reminders).toEqual([`notice_reminder:${noticeBy}:7`, `renewal_reminder:${expiry}:30`, `renewal_reminder:${expiry}:7`]);
    expect(renewed.timeline.map((e: Event) => e.type)).toEqual(expect.arrayContaining(['IMPORTED', 'ANNUAL_REVIEW_OPENED', 'RENEWED']));
    expect(renewed.stage).toBe('IN_FORCE');

    // The owner reads English first; leadership (Mongolian by default) gets the same facts, Mongolian first.
    const forOwner = smtp.messages.filter((m) => m.to.includes(owner.email) && m.text.includes(id) && /^(Notice deadline|Renews|Expires)/.test(m.subject)).map((m) => m.subject);
    expect(forOwner).toEqual([`Notice deadline in 7 days: ${title.en}`, `Renews automatically in 30 days: ${title.en}`, `Renews automatically in 7 days: ${title.en}`]);
    const notice = smtp.messages.find((m) => m.to.includes(owner.email) && m.subject.startsWith('Notice deadline') && m.text.includes(id))!;
    const long = (d: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Ulaanbaatar' }).format(new Date(d));
    expect(notice.text).toContain(`renews automatically on ${long(expiry)} unless notice of termination is given by ${long(noticeBy)}`);
    expect(notice.text).toContain('Korea Customs Service, South Korea');
    expect(notice.text).toContain(`/app/proposals/${id}`);
    const toLeader = await smtp.waitFor((m) => m.to.includes(leader.email) && m.text.includes(id) && m.subject.includes('7 хоногийн дараа'), 10000);
    expect(toLeader.subject).toBe(`Цуцлах мэдэгдэл өгөх эцсийн хугацаа 7 хоногийн дараа: ${title.mn}`);
    expect(toLeader.text.indexOf('Өмнөд Солонгос')).toBeLessThan(toLeader.text.indexOf('South Korea'));

    await own(id, 'termination', { initiatedBy: 'mongolia', noticeDate: today, effectiveDate: today, reason: 'Test over' }).expect(200);
    await eventually(() => agreement(id), (a) => a.stage === 'TERMINATED' && a.workflowStatus === 'COMPLETED', 20000);
  }, 120000);

  it('an agreement route never reaches another kind, and unknown ids are 404', async () => {
    const accession = await owner.http.post('/api/v1/proposals').send({ kind: 'accession', titleEn: 'Accession to the Istanbul Convention', titleMn: 'Истанбулын конвенц', conventionCode: 'ISTANBUL', requestId: rid() }).expect(201);
    await owner.http.get(`/api/v1/agreements/${accession.body.id}`).expect(404);
    expect((await own(accession.body.id, 'negotiation-rounds', { date: daysAgo(1), place: 'x', textVersion: 'v1' })).status).toBe(404);
    await owner.http.get(`/api/v1/agreements/${randomUUID()}`).expect(404);
    await owner.http.get('/api/v1/agreements/not-a-uuid').expect(400);
  });
});
