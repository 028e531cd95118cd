import { WorkflowNotFoundError } from '@temporalio/client';
import { proposalStateQuery, proposalWorkflowId, ProposalState } from '../../../libs/contracts';
import type { Expectation } from './accession-flow';
import type { FaultWorld } from './fault-world';

export interface Verdict {
  proposals: number;
  /** Events, emails, stage moves or tasks that should exist and do not. */
  lost: number;
  /** Events applied twice, emails delivered twice, extra messages for one logical email. */
  duplicated: number;
  problems: string[];
}

interface PendingActivity {
  activityType?: { name?: string | null } | null;
  attempt?: number | null;
  state?: unknown;
  lastFailure?: { message?: string | null } | null;
}

interface Observed {
  e: Expectation;
  live: ProposalState | null;
  workflowStatus: string;
  pending: PendingActivity[];
  row: { stage: string; status: string; last_event_seq: number } | undefined;
  events: Array<{ seq: number; type: string; data: Record<string, unknown> }>;
  tasks: Array<{ id: string; stage: string; kind: string; role: string; status: string; assignee_id: string | null }>;
  mails: Array<{ idempotency_key: string; message_id: string; status: string; template: string; recipient: string; attempts: number }>;
  activeLinks: Array<{ task_id: string }>;
  people: People;
}

interface People {
  email: Map<string, string>;
  supervisor: Map<string, string | null>;
  leadership: string[];
}

async function people(world: FaultWorld): Promise<People> {
  const rows: Array<{ id: string; email: string; supervisor_id: string | null; leader: boolean }> = await world.ds.query(
    `SELECT id, lower(email) AS email, supervisor_id, active AND 'leadership' = ANY(roles) AS leader FROM users`,
  );
  return {
    email: new Map(rows.map((r) => [r.id, r.email])),
    supervisor: new Map(rows.map((r) => [r.id, r.supervisor_id])),
    leadership: rows.filter((r) => r.leader).map((r) => r.email),
  };
}

/** Everything the checks need about one proposal, from Temporal (state query, describe) and from PostgreSQL. */
async function observe(world: FaultWorld, e: Expectation): Promise<Observed> {
  const handle = world.client.workflow.getHandle(e.workflowId ?? proposalWorkflowId(e.id));
  const [live, description] = await Promise.all([
    handle.query(proposalStateQuery).catch((err) => {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }),
    handle.describe(),
  ]);
  const q = <T>(sql: string): Promise<T[]> => world.ds.query(sql, [e.id]);
  const [[row], events, tasks, mails, activeLinks, who] = await Promise.all([
    q<Observed['row'] & object>(`SELECT stage, status, last_event_seq FROM proposals WHERE id = $1`),
    q<Observed['events'][number]>(`SELECT seq, type, data FROM proposal_events WHERE proposal_id = $1 ORDER BY seq`),
    q<Observed['tasks'][number]>(`SELECT id, stage, kind, role, status, assignee_id FROM tasks WHERE proposal_id = $1 ORDER BY id`),
    q<Observed['mails'][number]>(`SELECT idempotency_key, message_id, status, template, recipient, attempts FROM email_messages WHERE proposal_id = $1 ORDER BY created_at`),
    q<{ task_id: string }>(`SELECT t.task_id FROM action_tokens t JOIN tasks k ON k.id = t.task_id WHERE t.proposal_id = $1 AND t.status = 'active' AND k.status <> 'open'`),
    people(world),
  ]);
  return {
    e,
    live,
    workflowStatus: description.status.name,
    pending: (description.raw.pendingActivities ?? []) as PendingActivity[],
    row,
    events,
    tasks,
    mails,
    activeLinks,
    people: who,
  };
}

/** Why this proposal has not caught up yet, or null when it has (used while waiting for recovery). */
function notSettled(world: FaultWorld, o: Observed): string | null {
  const { e, live } = o;
  if (!live) return 'no live state';
  if (live.stage !== e.stage) return `stage ${live.stage}, expected ${e.stage}`;
  if (o.pending.length) return `pending ${o.pending.map((p) => `${p.activityType?.name}#${p.attempt}${p.lastFailure?.message ? ` (${p.lastFailure.message.slice(0, 80)})` : ''}`).join(', ')}`;
  if (o.events.length !== live.eventSeq || o.row?.last_event_seq !== live.eventSeq) return `timeline ${o.events.length}/${live.eventSeq} events, row at ${o.row?.last_event_seq}`;
  const notSent = o.mails.filter((m) => m.status !== 'sent');
  if (notSent.length) return `emails not sent: ${notSent.map((m) => `${m.template} ${m.status}`).join(', ')}`;
  const delivered = world.smtp.counts();
  const undelivered = o.mails.filter((m) => !delivered.has(m.message_id));
  if (undelivered.length) return `${undelivered.length} emails not at the SMTP server yet`;
  const want = expectedEmails(o);
  for (const [k, n] of Object.entries(want)) if ((byTemplateAndRecipient(world, o)[k] ?? 0) < n) return `waiting for ${k}`;
  const openInState = live.tasks.filter((t) => t.status === 'open').map((t) => t.id).sort();
  const openInDb = o.tasks.filter((t) => t.status === 'open').map((t) => t.id).sort();
  if (openInState.join() !== openInDb.join()) return `open tasks in PostgreSQL ${openInDb.join()} vs workflow ${openInState.join()}`;
  if (o.e.ladder && !ladderDone(o)) return 'reminder ladder still running';
  return null;
}

function ladderDone(o: Observed): boolean {
  return o.events.some((ev) => ev.type === 'TASK_ESCALATED' && ev.data.to === 'leadership');
}

/**
 * The expectation's email counts, plus the emails the workflow's own timers called for: each TASK_REMINDED event
 * is one reminder to the task's assignee (the report template for a trip report), each TASK_ESCALATED one message
 * to the assignee's supervisor or to every leader. Whether a reminder fell due is timing; that it was sent exactly
 * once for each time the timeline says so is not.
 */
function expectedEmails(o: Observed): Record<string, number> {
  const want = { ...o.e.emails };
  const add = (k: string) => (want[k] = (want[k] ?? 0) + 1);
  for (const ev of o.events) {
    if (ev.type !== 'TASK_REMINDED' && ev.type !== 'TASK_ESCALATED') continue;
    const task = o.tasks.find((t) => t.id === ev.data.taskId);
    const assignee = task?.assignee_id ?? '';
    if (ev.type === 'TASK_REMINDED') add(`${task?.stage === 'REPORT_DUE' ? 'report-due' : 'task-reminder'} ${o.people.email.get(assignee)}`);
    else if (ev.data.to === 'supervisor') add(`task-escalated ${o.people.email.get(o.people.supervisor.get(assignee) ?? '')}`);
    else for (const leader of o.people.leadership) add(`task-escalated ${leader}`);
  }
  return want;
}

/** Distinct delivered messages of this proposal per `${template} ${recipient}`. */
function byTemplateAndRecipient(world: FaultWorld, o: Observed): Record<string, number> {
  const ids = new Set(o.mails.map((m) => m.message_id));
  const seen = new Set<string>();
  const out: Record<string, number> = {};
  for (const d of world.smtp.delivered) {
    if (!ids.has(d.messageId) || seen.has(d.messageId)) continue;
    seen.add(d.messageId);
    for (const to of d.to) out[`${d.template} ${to}`] = (out[`${d.template} ${to}`] ?? 0) + 1;
  }
  return out;
}

/**
 * Waits until every proposal has caught up with what the scenario did (stage, timeline, emails, tasks, no pending
 * activity); returns how long that took, or throws with the laggards when the time is up.
 */
export async function waitUntilSettled(world: FaultWorld, expectations: Expectation[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  let lagging: string[] = [];
  for (;;) {
    lagging = [];
    for (const e of expectations) {
      const why = await observe(world, e)
        .then((o) => notSettled(world, o))
        .catch((err: Error) => `cannot observe: ${err.message.split('\n')[0]}`);
      if (why) lagging.push(`${e.id.slice(0, 8)}: ${why}`);
    }
    if (!lagging.length) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`not recovered within ${Math.round(timeoutMs / 1000)} s:\n  ${lagging.slice(0, 12).join('\n  ')}${lagging.length > 12 ? `\n  ... and ${lagging.length - 12} more` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The pass criteria, proposal by proposal: the expected stage; a timeline numbered 1..eventSeq with no gap and each
 * kind of event exactly as often as the scenario caused it; every email sent, delivered exactly once, recorded once
 * in the timeline, and as many per template and recipient as expected; the tasks open that should be open and no
 * other (in the workflow, in PostgreSQL, and no live email link for a closed task); no activity pending.
 */
export async function checkProposals(world: FaultWorld, expectations: Expectation[]): Promise<Verdict> {
  const v: Verdict = { proposals: expectations.length, lost: 0, duplicated: 0, problems: [] };
  const counts = world.smtp.counts();
  for (const e of expectations) {
    const o = await observe(world, e);
    const p = (msg: string) => v.problems.push(`${e.id.slice(0, 8)}: ${msg}`);
    const live = o.live;
    if (!live) {
      p('workflow not found');
      v.lost += 1;
      continue;
    }
    if (live.stage !== e.stage || o.row?.stage !== e.stage || live.status !== e.status) {
      p(`stage ${live.stage}/${live.status} (read model ${o.row?.stage}), expected ${e.stage}/${e.status}`);
      v.lost += 1;
    }
    const expectedStatus = e.status === 'open' ? 'RUNNING' : 'COMPLETED';
    if (o.workflowStatus !== expectedStatus) p(`workflow ${o.workflowStatus}, expected ${expectedStatus}`);
    if (o.pending.length) p(`stuck: ${o.pending.map((a) => `${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message ?? 'no failure yet'}`).join('; ')}`);

    // Timeline: 1..eventSeq, nothing missing, nothing beyond; each kind of event as often as caused.
    const seqs = o.events.map((ev) => ev.seq);
    const missing = Array.from({ length: live.eventSeq }, (_, i) => i + 1).filter((s) => !seqs.includes(s));
    if (missing.length) {
      p(`timeline misses seq ${missing.join(', ')} of 1..${live.eventSeq}`);
      v.lost += missing.length;
    }
    const beyond = seqs.filter((s) => s > live.eventSeq);
    if (beyond.length) p(`timeline has seq ${beyond.join(', ')} beyond the workflow's ${live.eventSeq}`);
    if (o.row?.last_event_seq !== live.eventSeq) p(`read model row at seq ${o.row?.last_event_seq}, workflow at ${live.eventSeq}`);
    const types: Record<string, number> = {};
    for (const ev of o.events) types[ev.type] = (types[ev.type] ?? 0) + 1;
    for (const [type, n] of Object.entries(e.events)) {
      const got = types[type] ?? 0;
      if (got < n) v.lost += n - got;
      if (got > n) v.duplicated += got - n;
      if (got !== n) p(`${type} ${got} times, expected ${n}`);
    }
    if (e.ladder) {
      const marks = o.events.filter((ev) => ev.type === 'TASK_REMINDED' || ev.type === 'TASK_ESCALATED').map((ev) => `${ev.type}:${ev.data.n}`);
      const dup = marks.filter((m, i) => marks.indexOf(m) !== i);
      if (dup.length) {
        p(`ladder step recorded twice: ${dup.join(', ')}`);
        v.duplicated += dup.length;
      }
      for (const step of ['TASK_ESCALATED:1', 'TASK_ESCALATED:2']) {
        if (!marks.includes(step)) {
          p(`${step} never happened`);
          v.lost += 1;
        }
      }
      if (!marks.some((m) => m.startsWith('TASK_REMINDED'))) {
        p('no reminder at all');
        v.lost += 1;
      }
    }

    // Emails: sent, delivered once each, one EMAIL_SENT each, as many per template and recipient as expected.
    for (const m of o.mails) {
      const n = counts.get(m.message_id) ?? 0;
      if (m.status !== 'sent') p(`email ${m.template} to ${m.recipient} is ${m.status} after ${m.attempts} attempts`);
      if (n === 0) {
        p(`email ${m.template} to ${m.recipient} (${m.idempotency_key}) never reached the SMTP server`);
        v.lost += 1;
      }
      if (n > 1) {
        p(`email ${m.template} to ${m.recipient} delivered ${n} times`);
        v.duplicated += n - 1;
      }
      const recorded = o.events.filter((ev) => ev.type === 'EMAIL_SENT' && ev.data.messageId === m.message_id).length;
      if (recorded !== 1 && m.status === 'sent') {
        p(`email ${m.template} to ${m.recipient} has ${recorded} EMAIL_SENT events`);
        if (recorded === 0) v.lost += 1;
        else v.duplicated += recorded - 1;
      }
    }
    const got = byTemplateAndRecipient(world, o);
    for (const [k, n] of Object.entries(expectedEmails(o))) {
      const g = got[k] ?? 0;
      if (g !== n) p(`${g} distinct "${k}" emails, expected ${n}`);
      if (g < n) v.lost += n - g;
      if (g > n) v.duplicated += g - n;
    }

    // Tasks: the expected ones open, everywhere; nothing else open; no live link to a closed task.
    const openInState = live.tasks.filter((t) => t.status === 'open');
    const want = [...e.openTasks].sort().join(', ');
    const have = openInState.map((t) => `${t.kind}:${t.role}`).sort().join(', ');
    if (want !== have) {
      p(`open tasks in the workflow: [${have}], expected [${want}]`);
      v.lost += 1;
    }
    const unassigned = openInState.filter((t) => !t.assigneeId);
    if (unassigned.length) p(`open tasks without an assignee: ${unassigned.map((t) => t.id).join(', ')}`);
    const dbOpen = o.tasks.filter((t) => t.status === 'open').map((t) => t.id).sort().join(', ');
    if (dbOpen !== openInState.map((t) => t.id).sort().join(', ')) p(`open tasks in PostgreSQL [${dbOpen}] differ from the workflow's`);
    const closedInState = new Set(live.tasks.filter((t) => t.status !== 'open').map((t) => t.id));
    const leftOpen = o.tasks.filter((t) => t.status === 'open' && closedInState.has(t.id));
    if (leftOpen.length) p(`tasks closed in the workflow but open in PostgreSQL: ${leftOpen.map((t) => t.id).join(', ')}`);
    if (o.activeLinks.length) p(`live email links for closed tasks: ${[...new Set(o.activeLinks.map((l) => l.task_id))].join(', ')}`);
  }
  return v;
}

/** Deliveries the outbox knows nothing about (a message sent without its record): checked across the whole run. */
export async function unrecordedDeliveries(world: FaultWorld): Promise<string[]> {
  const known: Array<{ message_id: string }> = await world.ds.query(`SELECT message_id FROM email_messages`);
  const ids = new Set(known.map((k) => k.message_id));
  return world.smtp.delivered.filter((d) => !ids.has(d.messageId)).map((d) => `${d.template} to ${d.to.join(',')} ${d.messageId}`);
}
