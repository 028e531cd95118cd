import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ProposalProjectionRepository } from '../../libs/db';
import { AccordStack, eventually } from './accord-stack';
import { createUserAndLogin, SignedInUser, stackDivision } from './users';

/** People of one test file's own division, plus leadership and an admin, all signed in. */
export interface DashboardPeople {
  division: string;
  head: SignedInUser;
  officer: SignedInUser;
  leader: SignedInUser;
  admin: SignedInUser;
}

export async function dashboardPeople(stack: AccordStack, opts: { leaderLanguage?: 'mn' | 'en' } = {}): Promise<DashboardPeople> {
  const head = await createUserAndLogin(stack, ['division_head']);
  return {
    division: stackDivision(stack),
    head,
    officer: await createUserAndLogin(stack, ['officer'], { supervisorId: head.id }),
    leader: await createUserAndLogin(stack, ['leadership'], { division: null, language: opts.leaderLanguage ?? 'mn' }),
    admin: await createUserAndLogin(stack, ['admin'], { division: null }),
  };
}

export interface Titles {
  titleEn: string;
  titleMn: string;
}

/** Creates an accession draft through the API and waits until its workflow has written the read model. */
export async function createProposal(stack: AccordStack, owner: SignedInUser, titles: Titles): Promise<string> {
  const res = await owner.http.post('/api/v1/proposals').send({ kind: 'accession', ...titles, conventionCode: 'RKC', requestId: randomUUID() }).expect(201);
  const id: string = res.body.id;
  await eventually(
    () => owner.http.get(`/api/v1/proposals/${id}`),
    (r) => r.body.timeline?.length >= 1,
  );
  return id;
}

/** Attaches the convention text and submits: DRAFT -> TRANSLATION, through the API. Waits for the read model. */
export async function submitProposal(stack: AccordStack, owner: SignedInUser, id: string): Promise<void> {
  await owner.http
    .post(`/api/v1/proposals/${id}/documents`)
    .field('kind', 'convention_text')
    .field('requestId', randomUUID())
    .attach('file', Buffer.from(`convention text ${randomUUID()}`), { filename: 'convention.pdf', contentType: 'application/pdf' })
    .expect(201);
  await owner.http.post(`/api/v1/proposals/${id}/submit`).send({ requestId: randomUUID() }).expect(200);
  await eventually(
    () => owner.http.get(`/api/v1/proposals/${id}`),
    (r) => r.body.stage === 'TRANSLATION',
  );
}

/**
 * Finishes the translation of a proposal in TRANSLATION as its owner would (the translation uploaded, the stage's
 * work done), which opens the division head's approval task ("translation accepted"). Waits until the read model
 * shows that task open and assigned; returns it.
 */
export async function finishTranslation(stack: AccordStack, owner: SignedInUser, id: string): Promise<{ id: string; assigneeId: string; openedAt: string; dueAt: string | null }> {
  await owner.http
    .post(`/api/v1/proposals/${id}/documents`)
    .field('kind', 'translation')
    .field('requestId', randomUUID())
    .attach('file', Buffer.from(`translation ${randomUUID()}`), { filename: 'translation.pdf', contentType: 'application/pdf' })
    .expect(201);
  await owner.http.post(`/api/v1/proposals/${id}/complete-stage`).send({ requestId: randomUUID() }).expect(200);
  type Task = { id: string; kind: string; status: string; assignee: { id: string } | null; openedAt: string; dueAt: string | null };
  const approval = (tasks: Task[]) => tasks.find((t) => t.kind === 'approval' && t.status === 'open' && t.assignee);
  const res = await eventually(
    () => owner.http.get(`/api/v1/dashboard/proposals/${id}`),
    (r) => !!approval(r.body.tasks ?? []),
  );
  const task = approval(res.body.tasks ?? []);
  if (!task) throw new Error(`no open approval task on ${id}: ${JSON.stringify(res.body.tasks)}`);
  return { id: task.id, assigneeId: task.assignee!.id, openedAt: task.openedAt, dueAt: task.dueAt };
}

/** Parses the CSV the dashboard exports (RFC 4180: quoted cells, CRLF lines, a BOM). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const DAY = 86_400_000;

/** Today's Ulaanbaatar (UTC+8, no daylight saving) month: its first and last calendar days and the instant it ends. */
export function ulaanbaatarMonth(now: Date): { firstDay: string; lastDay: string; start: Date; end: Date } {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const [y, m] = [local.getUTCFullYear(), local.getUTCMonth()];
  const startLocal = Date.UTC(y, m, 1);
  const endLocal = Date.UTC(y, m + 1, 1);
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { firstDay: date(startLocal), lastDay: date(endLocal - DAY), start: new Date(startLocal - 8 * 3600_000), end: new Date(endLocal - 8 * 3600_000) };
}

/** One proposal row straight in the read model (what the projection would have written), in `division`. */
export interface SeededProposal {
  name: string;
  kind: 'accession' | 'trip';
  stage: string;
  status?: string;
  dueAt: Date | null;
  stageEnteredAt?: Date;
  departureDate?: string;
}

/** One task row straight in the read model. */
export interface SeededTask {
  on: string;
  assigneeId: string;
  kind: 'work' | 'approval';
  status?: 'open' | 'done';
  dueAt: Date;
}

/**
 * Proposals and tasks of a division of their own, written straight into the read model: what the overview's overdue,
 * past-SLA and this-month figures count (libs/db/repositories/dashboard.repository.ts) and what they must not.
 * Returns the ids by name.
 */
export async function seedReadModel(stack: AccordStack, o: { division: string; ownerId: string; tag: string; proposals: SeededProposal[]; tasks: SeededTask[]; now: Date }): Promise<Record<string, string>> {
  const ds = stack.api.get(DataSource);
  const ids: Record<string, string> = {};
  for (const p of o.proposals) {
    const id = randomUUID();
    ids[p.name] = id;
    const details = p.departureDate ? { trip: { departureDate: p.departureDate } } : {};
    await ds.query(
      `INSERT INTO proposals (id, kind, title_en, title_mn, owner_id, division, stage, status, workflow_id, definition_version,
                              stage_entered_at, due_at, details, create_request_id, workflow_status, last_event_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1)`,
      [
        id,
        p.kind,
        `${p.name} ${o.tag}`,
        `${p.name} мн ${o.tag}`,
        o.ownerId,
        o.division,
        p.stage,
        p.status ?? 'open',
        `seed-${id}`,
        p.kind === 'trip' ? 'trip-v1' : 'accession-v1',
        p.stageEnteredAt ?? new Date(o.now.getTime() - 20 * DAY),
        p.dueAt,
        JSON.stringify(details),
        `seed:${id}`,
        (p.status ?? 'open') === 'open' ? 'RUNNING' : 'COMPLETED',
      ],
    );
  }
  for (const [i, t] of o.tasks.entries()) {
    const status = t.status ?? 'open';
    await ds.query(
      `INSERT INTO tasks (id, proposal_id, workflow_id, stage, kind, role, assignee_id, status, actions, opened_at, due_at, closed_at, version)
       SELECT $1, p.id, p.workflow_id, p.stage, $2, $3, $4, $5, $6, $7, $8, $9, 1 FROM proposals p WHERE p.id = $10`,
      [
        `seed-${ids[t.on]}:t${i}`,
        t.kind,
        t.kind === 'approval' ? 'division_head' : 'owner',
        t.assigneeId,
        status,
        JSON.stringify(t.kind === 'approval' ? ['approve', 'request_changes', 'reject'] : ['complete_work']),
        new Date(t.dueAt.getTime() - 10 * DAY),
        t.dueAt,
        status === 'open' ? null : new Date(o.now.getTime() - DAY),
        ids[t.on],
      ],
    );
  }
  return ids;
}

/** A stay in a stage, as seeded: the stage, when it was entered and when left. */
export interface SeededStay {
  proposal: number;
  stage: string;
  enteredAt: Date;
  leftAt: Date;
}

/**
 * Accession proposals of a division of their own whose timelines (CREATED, stage moves, and other events that move
 * nothing) are written through the projection the worker's activity uses (ProposalProjectionRepository.record), so
 * the cycle-time chart reads them as it reads a real proposal's. Each timeline is a list of stays in order, from
 * DRAFT; a stay's days are what the chart must count. Returns every stay that ended, and the ids.
 */
export async function seedTimelines(
  stack: AccordStack,
  o: { division: string; ownerId: string; tag: string; timelines: Array<{ start: Date; stays: Array<{ stage: string; days: number }> }> },
): Promise<{ ids: string[]; stays: SeededStay[] }> {
  const ds = stack.api.get(DataSource);
  const projection = new ProposalProjectionRepository(ds);
  const ids: string[] = [];
  const stays: SeededStay[] = [];
  for (const [n, tl] of o.timelines.entries()) {
    const id = randomUUID();
    const workflowId = `seed-${id}`;
    ids.push(id);
    await ds.query(
      `INSERT INTO proposals (id, kind, title_en, title_mn, owner_id, division, stage, status, workflow_id, definition_version,
                              stage_entered_at, due_at, create_request_id, workflow_status, last_event_seq)
       VALUES ($1, 'accession', $2, $3, $4, $5, 'DRAFT', 'open', $6, 'accession-v1', $7, NULL, $8, 'RUNNING', 0)`,
      [id, `Timeline ${n} ${o.tag}`, `Түүх ${n} ${o.tag}`, o.ownerId, o.division, workflowId, tl.start, `seed:${id}`],
    );
    let seq = 0;
    const record = (type: string, from: string | null, to: string, at: Date, stageEnteredAt: Date) =>
      projection.record({
        proposalId: id,
        workflowId,
        seq: ++seq,
        type,
        actorId: o.ownerId,
        fromStage: from,
        toStage: to,
        occurredAt: at.toISOString(),
        snapshot: { stage: to, status: 'open', workflowStatus: 'RUNNING', stageEnteredAt: stageEnteredAt.toISOString(), dueAt: null, currentAssignees: [] },
      });
    await record('CREATED', null, tl.stays[0].stage, tl.start, tl.start);
    let entered = tl.start;
    for (const [i, stay] of tl.stays.entries()) {
      const left = new Date(entered.getTime() + stay.days * DAY);
      // Something happens in the stage half-way (a document): the same stage on both sides, not a move.
      const mid = new Date(entered.getTime() + (stay.days * DAY) / 2);
      await record('DOCUMENT_ADDED', stay.stage, stay.stage, mid, entered);
      const next = tl.stays[i + 1];
      if (!next) break; // the last stay is the current stage: it has not ended
      await record('STAGE_CHANGED', stay.stage, next.stage, left, left);
      stays.push({ proposal: n, stage: stay.stage, enteredAt: entered, leftAt: left });
      entered = left;
    }
  }
  return { ids, stays };
}

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks of the sorted values. */
export function percentileCont(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
