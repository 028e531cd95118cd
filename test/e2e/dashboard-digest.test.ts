import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WEEKLY_DIGEST_WORKFLOW, WeeklyDigestResult } from '../../libs/contracts';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { createProposal, dashboardPeople, DashboardPeople, submitProposal } from '../support/dashboard-fixture';
import { ReceivedMail, SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { createUserAndLogin, SignedInUser } from '../support/users';

const DAY = 86_400_000;

/**
 * The weekly digest workflow, run on demand against the real worker, PostgreSQL and an SMTP server on loopback:
 * what it mails leadership, in their language, and that a repeated run sends nothing twice.
 */
describe('weekly digest (workflow + email)', () => {
  let stack: AccordStack;
  let smtp: SmtpTestServer;
  let people: DashboardPeople;
  let englishLeader: SignedInUser;
  let client: Client;
  let ds: DataSource;
  const tag = randomUUID().slice(0, 6);

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    stack = await startAccordStack({ env: smtp.env() });
    people = await dashboardPeople(stack, { leaderLanguage: 'mn' });
    englishLeader = await createUserAndLogin(stack, ['leadership'], { division: null, language: 'en' });
    client = stack.api.get(Client);
    ds = stack.api.get(DataSource);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
  });

  /** A proposal straight in the read model, with a stage move at `movedAt`: history the digest reads as of a past week. */
  async function seed(name: string, o: { stage: string; status?: string; dueAt: Date | null; movedAt: Date; from?: string }): Promise<string> {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO proposals (id, kind, title_en, title_mn, owner_id, division, stage, status, workflow_id, definition_version, stage_entered_at, due_at, create_request_id, workflow_status)
       VALUES ($1, 'accession', $2, $3, $4, $5, $6, $7, $8, 'accession-v1', $9, $10, $11, 'RUNNING')`,
      [id, `${name} ${tag}`, `${name} мн ${tag}`, people.officer.id, people.division, o.stage, o.status ?? 'open', `seed-${id}`, o.movedAt, o.dueAt, `seed:${id}`],
    );
    await ds.query(
      `INSERT INTO proposal_events (proposal_id, workflow_id, seq, type, from_stage, to_stage, occurred_at) VALUES
         ($1, $2, 1, 'CREATED', NULL, 'DRAFT', $3), ($1, $2, 2, 'DOCUMENT_ADDED', 'DRAFT', 'DRAFT', $3), ($1, $2, 3, 'STAGE_CHANGED', $4, $5, $6)`,
      [id, `seed-${id}`, new Date(o.movedAt.getTime() - 10 * DAY), o.from ?? 'DRAFT', o.stage, o.movedAt],
    );
    return id;
  }

  /** The text part of the digest section with this title, up to the next section. */
  function section(mail: ReceivedMail, title: string): string {
    const start = mail.text.indexOf(title);
    if (start < 0) throw new Error(`no section "${title}" in:\n${mail.text}`);
    const rest = mail.text.slice(start + title.length);
    const next = rest.search(/\n\S[^\n]*\(\d+\)\n/);
    return next < 0 ? rest : rest.slice(0, next);
  }

  it('mails each leader what moved, what is overdue and what is due in the week, in their language', async () => {
    // Monday 2021-03-08 08:00 in Ulaanbaatar: years before any other test's data, so only these rows qualify.
    const asOf = new Date('2021-03-08T00:00:00Z');
    const moved = await seed('Moved', { stage: 'TRANSLATION', dueAt: new Date(asOf.getTime() + 40 * DAY), movedAt: new Date(asOf.getTime() - 2 * DAY) });
    const overdue = await seed('Overdue', { stage: 'RESEARCH', from: 'TRANSLATION', dueAt: new Date(asOf.getTime() - 3 * DAY), movedAt: new Date(asOf.getTime() - 63 * DAY) });
    const dueSoon = await seed('DueSoon', { stage: 'COORDINATION', from: 'RESEARCH', dueAt: new Date(asOf.getTime() + 2 * DAY), movedAt: new Date(asOf.getTime() - 43 * DAY) });
    const quiet = await seed('Quiet', { stage: 'RESEARCH', dueAt: new Date(asOf.getTime() + 30 * DAY), movedAt: new Date(asOf.getTime() - 30 * DAY) });
    const closed = await seed('Closed', { stage: 'REJECTED', from: 'INTERNAL_REVIEW', status: 'rejected', dueAt: null, movedAt: new Date(asOf.getTime() - 20 * DAY) });

    const workflowId = `digest-test-${tag}`;
    const result: WeeklyDigestResult = await client.workflow.execute(WEEKLY_DIGEST_WORKFLOW, {
      workflowId,
      taskQueue: stack.config.temporal.taskQueue,
      args: [{ asOf: asOf.toISOString() }],
    });
    expect(result).toMatchObject({ periodStart: '2021-03-01T00:00:00.000Z', periodEnd: asOf.toISOString() });
    expect(result.sent.map((s) => s.recipientId)).toEqual(expect.arrayContaining([people.leader.id, englishLeader.id]));
    // Officers and admins are not leadership: no digest for them.
    expect(result.sent.map((s) => s.recipientId)).not.toContain(people.officer.id);
    expect(result.sent.map((s) => s.recipientId)).not.toContain(people.admin.id);

    const mn = await smtp.waitFor((m) => m.to.includes(people.leader.email.toLowerCase()) || m.to.includes(people.leader.email));
    const en = await smtp.waitFor((m) => m.to.includes(englishLeader.email.toLowerCase()) || m.to.includes(englishLeader.email));
    expect(en.subject).toBe('Accord weekly digest, 1 March 2021 – 8 March 2021');
    expect(mn.subject).toMatch(/^Accord долоо хоногийн тойм/);

    const movedPart = section(en, 'Moved to a new stage this week (1)');
    expect(movedPart).toContain(`Moved ${tag} — Translation into Mongolian (from Draft)`);
    expect(movedPart).toContain(`/app/proposals/${moved}`);
    const overduePart = section(en, 'Past the stage deadline (1)');
    expect(overduePart).toContain(`Overdue ${tag} — Research and impact analysis`);
    expect(overduePart).toContain('(overdue)');
    expect(overduePart).toContain(`/app/proposals/${overdue}`);
    const duePart = section(en, 'Stage deadline in the coming week (1)');
    expect(duePart).toContain(`DueSoon ${tag} — Coordination with ministries`);
    expect(duePart).toContain(`/app/proposals/${dueSoon}`);
    for (const id of [quiet, closed]) expect(en.text).not.toContain(id);

    // The Mongolian leader reads the same facts in Mongolian first.
    expect(mn.text.indexOf('Энэ долоо хоногт дараагийн үе шатанд шилжсэн (1)')).toBeGreaterThanOrEqual(0);
    expect(en.text).toMatch(/Open the dashboard: http:\/\/\S+\/app\//);
    expect(mn.text.indexOf(`Moved мн ${tag}`)).toBeLessThan(mn.text.indexOf(`Moved ${tag}`));

    // The same run again (same workflow id, so the same email keys): nothing is sent twice.
    const before = smtp.messages.length;
    const again: WeeklyDigestResult = await client.workflow.execute(WEEKLY_DIGEST_WORKFLOW, { workflowId, taskQueue: stack.config.temporal.taskQueue, args: [{ asOf: asOf.toISOString() }] });
    expect(again.sent.find((s) => s.recipientId === people.leader.id)).toMatchObject({ alreadySent: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.length).toBe(before);
  });

  it('runs now when an admin triggers it, listing a proposal just moved through the API', async () => {
    const id = await createProposal(stack, people.officer, { titleEn: `Triggered digest ${tag}`, titleMn: `Тойм туршилт ${tag}` });
    await submitProposal(stack, people.officer, id);

    const requestId = `digest-${randomUUID()}`;
    await people.leader.http.post('/api/v1/dashboard/digest-schedule/trigger').send({ requestId }).expect(403);
    const res = await people.admin.http.post('/api/v1/dashboard/digest-schedule/trigger').send({ requestId }).expect(202);
    expect(res.body).toMatchObject({ started: true, workflowId: expect.stringContaining(requestId) });
    const repeat = await people.admin.http.post('/api/v1/dashboard/digest-schedule/trigger').send({ requestId }).expect(202);
    expect(repeat.body).toMatchObject({ started: false, workflowId: res.body.workflowId });

    const result: WeeklyDigestResult = await client.workflow.getHandle(res.body.workflowId).result();
    expect(result.sent.map((s) => s.recipientId)).toContain(englishLeader.id);
    const mail = await smtp.waitFor((m) => (m.to.includes(englishLeader.email.toLowerCase()) || m.to.includes(englishLeader.email)) && m.text.includes(`Triggered digest ${tag}`));
    expect(section(mail, 'Moved to a new stage this week')).toContain(`Triggered digest ${tag} — Translation into Mongolian (from Draft)`);
  });
});
