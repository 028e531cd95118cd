import { DataSource } from 'typeorm';
import type { Viewer } from '../../domain/access/proposal-visibility';
import { containsPattern, DashboardScope, scopeConditions, SqlParams, visibleProposalsClause, whereClause } from './dashboard-sql';

export type { DashboardScope } from './dashboard-sql';

export interface StageCount {
  kind: string;
  stage: string;
  status: string;
  count: number;
  /** Open and past the stage's SLA deadline. */
  overdue: number;
}

export interface PersonTaskLoad {
  assigneeId: string;
  nameMn: string | null;
  nameLatin: string | null;
  open: number;
  overdue: number;
}

export interface OverdueTask {
  taskId: string;
  proposalId: string;
  kind: string;
  titleEn: string;
  titleMn: string;
  stage: string;
  role: string;
  assigneeId: string | null;
  assigneeNameMn: string | null;
  assigneeNameLatin: string | null;
  dueAt: Date;
}

export interface ProposalPastSla {
  proposalId: string;
  kind: string;
  titleEn: string;
  titleMn: string;
  stage: string;
  division: string | null;
  ownerId: string | null;
  ownerNameMn: string | null;
  ownerNameLatin: string | null;
  stageEnteredAt: Date;
  dueAt: Date;
}

export interface StageDuration {
  kind: string;
  stage: string;
  samples: number;
  medianDays: number;
  p90Days: number;
}

export type DashboardListSort = 'updatedAt' | 'createdAt' | 'dueAt' | 'titleEn' | 'titleMn' | 'stage';

export interface DashboardListFilter {
  kind?: string;
  stage?: string;
  status?: string;
  ownerId?: string;
  division?: string;
  overdue?: boolean;
  /** Text anywhere in the English or the Mongolian title. */
  q?: string;
  /** Period, as instants: [from, to) on the creation time (or the last change with periodOf 'updated'). */
  from?: Date;
  to?: Date;
  periodOf?: 'created' | 'updated';
  sort: DashboardListSort;
  order: 'asc' | 'desc';
}

export interface DashboardListRow {
  id: string;
  kind: string;
  titleEn: string;
  titleMn: string;
  stage: string;
  status: string;
  division: string | null;
  ownerId: string | null;
  ownerNameMn: string | null;
  ownerNameLatin: string | null;
  stageEnteredAt: Date;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  overdue: boolean;
}

export interface MyTask {
  taskId: string;
  proposalId: string;
  kind: string;
  titleEn: string;
  titleMn: string;
  stage: string;
  taskKind: string;
  role: string;
  actions: string[];
  onBehalfOfId: string | null;
  openedAt: Date;
  dueAt: Date | null;
}

export interface ProposalEmail {
  id: string;
  template: string;
  language: string;
  recipient: string;
  subject: string | null;
  status: string;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

export interface Person {
  id: string;
  nameMn: string;
  nameLatin: string;
}

/** The list counts matches exactly up to here; beyond, it reports "more than this". */
export const LIST_COUNT_CAP = 2000;

const SORT_SQL: Record<DashboardListSort, string> = {
  updatedAt: 'p.updated_at',
  createdAt: 'p.created_at',
  dueAt: 'p.due_at',
  titleEn: 'p.title_en',
  titleMn: 'p.title_mn',
  stage: 'p.stage',
};

/** Open and past the stage SLA; the plain form (for WHERE, on the partial index) and a never-null value. */
const OVERDUE_SQL = `(p.status = 'open' AND p.due_at < now())`;
const OVERDUE_VALUE = `coalesce(p.status = 'open' AND p.due_at < now(), false)`;

/**
 * The dashboard's read queries over the read model (proposals, proposal_events, tasks, users, email_messages).
 * Hand-written SQL so each stays on the index made for it (migration DashboardIndexes); every query takes the
 * viewer and applies the proposal visibility rule.
 */
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Proposals by kind x stage x status, with how many of them are past their stage SLA. Open and closed proposals are
   * counted apart, each on its own partial index: the open ones are few and need the deadline, the closed ones grow
   * for years and need only a count.
   */
  async stageCounts(scope: DashboardScope): Promise<StageCount[]> {
    const p = new SqlParams();
    const where = scopeConditions(scope, 'p', p);
    const and = where.length ? ` AND ${where.join(' AND ')}` : '';
    const [open, closed] = await Promise.all([
      this.dataSource.query(
        `SELECT p.kind, p.stage, 'open' AS status, count(*)::int AS count, (count(*) FILTER (WHERE p.due_at < now()))::int AS overdue
           FROM proposals p WHERE p.status = 'open'${and} GROUP BY p.kind, p.stage`,
        p.values,
      ),
      this.dataSource.query(
        `SELECT p.kind, p.stage, p.status, count(*)::int AS count, 0 AS overdue
           FROM proposals p WHERE p.status <> 'open'${and} GROUP BY p.kind, p.stage, p.status`,
        p.values,
      ),
    ]);
    return [...open, ...closed];
  }

  /** Open tasks per person (most loaded first), with how many of them are overdue. */
  async openTasksByPerson(scope: DashboardScope, limit: number): Promise<PersonTaskLoad[]> {
    const p = new SqlParams();
    const conditions = scopeConditions(scope, 'p', p);
    // Open tasks belong to open proposals only: joining just those keeps a division's overview on a small index.
    const join = conditions.length ? `JOIN proposals p ON p.id = t.proposal_id AND p.status = 'open' AND ${conditions.join(' AND ')}` : '';
    return this.dataSource.query(
      `SELECT l.assignee_id AS "assigneeId", u.name_mn AS "nameMn", u.name_latin AS "nameLatin", l.open, l.overdue
         FROM (SELECT t.assignee_id, count(*)::int AS open, (count(*) FILTER (WHERE t.due_at < now()))::int AS overdue
                 FROM tasks t ${join}
                WHERE t.status = 'open' AND t.assignee_id IS NOT NULL
                GROUP BY t.assignee_id
                ORDER BY open DESC, t.assignee_id
                LIMIT ${p.add(limit)}) l
         LEFT JOIN users u ON u.id = l.assignee_id
        ORDER BY l.open DESC, l.assignee_id`,
      p.values,
    );
  }

  /** How many tasks are open (in the scope's proposals). */
  async openTaskCount(scope: DashboardScope): Promise<number> {
    const p = new SqlParams();
    const conditions = scopeConditions(scope, 'p', p);
    const join = conditions.length ? `JOIN proposals p ON p.id = t.proposal_id AND p.status = 'open' AND ${conditions.join(' AND ')}` : '';
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS open FROM tasks t ${join} WHERE t.status = 'open'`, p.values);
    return row.open;
  }

  /** The most overdue open tasks, and how many open tasks are overdue in all. */
  async overdueTasks(scope: DashboardScope, limit: number): Promise<{ total: number; items: OverdueTask[] }> {
    const p = new SqlParams();
    const conditions = scopeConditions(scope, 'p', p);
    const where = `t.status = 'open' AND t.due_at < now()${conditions.length ? ` AND p.status = 'open' AND ${conditions.join(' AND ')}` : ''}`;
    const lim = p.add(limit);
    const [items, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT t.id AS "taskId", t.proposal_id AS "proposalId", p.kind, p.title_en AS "titleEn", p.title_mn AS "titleMn",
                t.stage, t.role, t.assignee_id AS "assigneeId", u.name_mn AS "assigneeNameMn", u.name_latin AS "assigneeNameLatin",
                t.due_at AS "dueAt"
           FROM tasks t JOIN proposals p ON p.id = t.proposal_id LEFT JOIN users u ON u.id = t.assignee_id
          WHERE ${where}
          ORDER BY t.due_at, t.id
          LIMIT ${lim}`,
        p.values,
      ),
      this.dataSource.query(
        conditions.length
          ? `SELECT count(*)::int AS total FROM tasks t JOIN proposals p ON p.id = t.proposal_id WHERE ${where}`
          : `SELECT count(*)::int AS total FROM tasks t WHERE ${where}`,
        p.values.slice(0, -1),
      ),
    ]);
    return { total: count.total, items };
  }

  /** Open proposals past their stage SLA (most overdue first), and how many there are. */
  async pastSla(scope: DashboardScope, limit: number): Promise<{ total: number; items: ProposalPastSla[] }> {
    const p = new SqlParams();
    const where = [`p.status = 'open'`, `p.due_at < now()`, ...scopeConditions(scope, 'p', p)].join(' AND ');
    const lim = p.add(limit);
    const [items, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT p.id AS "proposalId", p.kind, p.title_en AS "titleEn", p.title_mn AS "titleMn", p.stage, p.division,
                p.owner_id AS "ownerId", u.name_mn AS "ownerNameMn", u.name_latin AS "ownerNameLatin",
                p.stage_entered_at AS "stageEnteredAt", p.due_at AS "dueAt"
           FROM proposals p LEFT JOIN users u ON u.id = p.owner_id
          WHERE ${where}
          ORDER BY p.due_at, p.id
          LIMIT ${lim}`,
        p.values,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM proposals p WHERE ${where}`, p.values.slice(0, -1)),
    ]);
    return { total: count.total, items };
  }

  /**
   * Days spent per stage, for stays that ended in [from, to): median and 90th percentile (exact, percentile_cont).
   * Each stay is a row of proposal_stage_stays, written with the stage move that ended it (migration
   * ProposalStageStays), so nothing is paired at query time.
   *
   * Organisation-wide (no division, no visibility condition: leadership's default chart) the stages present are found
   * with a loose index scan (one probe per kind x stage) and each stage's stays in the period are one range of the
   * (kind, stage, left_at) index, read in place: no sort of a year's stays by kind and stage before the percentiles,
   * which was most of the cost. Narrowed to a division or to what a viewer may see, the few stays of those proposals
   * are joined and grouped as usual.
   */
  async stageDurations(scope: DashboardScope, from: Date, to: Date): Promise<StageDuration[]> {
    const p = new SqlParams();
    const conditions = scopeConditions({ viewer: scope.viewer, division: scope.division }, 'p', p);
    const period = `s.left_at >= ${p.add(from)} AND s.left_at < ${p.add(to)}`;
    const kind = scope.kind ? p.add(scope.kind) : null;
    const percentiles = `count(*)::int AS samples, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s.days) AS q`;
    const sql = conditions.length
      ? `SELECT s.kind, s.stage, ${percentiles}
           FROM proposal_stage_stays s JOIN proposals p ON p.id = s.proposal_id AND ${conditions.join(' AND ')}
          WHERE ${period}${kind ? ` AND s.kind = ${kind}` : ''}
          GROUP BY s.kind, s.stage`
      : `WITH RECURSIVE g AS (
           (SELECT s.kind, s.stage FROM proposal_stage_stays s${kind ? ` WHERE s.kind = ${kind}` : ''} ORDER BY s.kind, s.stage LIMIT 1)
           UNION ALL
           SELECT n.kind, n.stage FROM g CROSS JOIN LATERAL (
             SELECT s.kind, s.stage FROM proposal_stage_stays s
              WHERE (s.kind, s.stage) > (g.kind, g.stage)${kind ? ` AND s.kind = ${kind}` : ''}
              ORDER BY s.kind, s.stage LIMIT 1) n)
         SELECT g.kind, g.stage, x.samples, x.q
           FROM g CROSS JOIN LATERAL (SELECT ${percentiles} FROM proposal_stage_stays s WHERE s.kind = g.kind AND s.stage = g.stage AND ${period}) x
          WHERE x.samples > 0`;
    const rows: Array<{ kind: string; stage: string; samples: number; q: Array<string | number | null> }> = await this.dataSource.transaction(async (tx) => {
      // A year of an organisation's stays is a few hundred thousand values to sort: in memory, not in temporary files.
      await tx.query(`SET LOCAL work_mem = '64MB'`);
      // The planner's guess for the recursive scan (100 stages) puts the plan over jit_above_cost, and compiling it
      // would take longer than running it.
      await tx.query(`SET LOCAL jit = off`);
      return tx.query(sql, p.values);
    });
    return rows.map((r) => ({ kind: r.kind, stage: r.stage, samples: r.samples, medianDays: Number(r.q[0]), p90Days: Number(r.q[1]) }));
  }

  /**
   * Trips this (Ulaanbaatar) month: requested trips departing in it (not drafts, not cancelled, expired or rejected),
   * and trip reports due by its end that are not in yet (REPORT_DUE). Trips are proposals of kind 'trip' whose
   * request, with its departure date, is in details.trip.
   */
  async tripsThisMonth(scope: DashboardScope, month: { firstDay: string; lastDay: string; end: Date }): Promise<{ departing: number; reportsDue: number }> {
    const p = new SqlParams();
    const conditions = scopeConditions({ ...scope, kind: undefined }, 'p', p);
    const [row] = await this.dataSource.query(
      `SELECT (count(*) FILTER (WHERE p.details->'trip'->>'departureDate' BETWEEN ${p.add(month.firstDay)} AND ${p.add(month.lastDay)}
                                 AND p.stage NOT IN ('DRAFT', 'CANCELLED', 'EXPIRED', 'REJECTED', 'WITHDRAWN')))::int AS departing,
              (count(*) FILTER (WHERE p.stage = 'REPORT_DUE' AND p.due_at < ${p.add(month.end)}))::int AS "reportsDue"
         FROM proposals p WHERE p.kind = 'trip'${conditions.length ? ` AND ${conditions.join(' AND ')}` : ''}`,
      p.values,
    );
    return row;
  }

  /**
   * One page of the filtered list, and how many rows match, counted exactly up to LIST_COUNT_CAP (past that, the
   * count says "at least"): an exact count of tens of thousands of rows would cost more than the page itself.
   */
  async list(viewer: Viewer, f: DashboardListFilter, page: { offset: number; limit: number }): Promise<{ total: number; totalExact: boolean; items: DashboardListRow[] }> {
    const p = new SqlParams();
    const { from, where } = this.listSource(viewer, f, p);
    const countValues = [...p.values];
    const [items, [count]] = await Promise.all([
      this.dataSource.query(`${this.listSelect(from, where, f)} LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`, p.values),
      this.dataSource.query(`SELECT count(*)::int AS total FROM (SELECT 1 FROM ${from} ${where} LIMIT ${LIST_COUNT_CAP + 1}) x`, countValues),
    ]);
    const totalExact = count.total <= LIST_COUNT_CAP;
    return { total: Math.min(count.total, LIST_COUNT_CAP), totalExact, items };
  }

  /** Every row of the filtered list (up to `limit`), in the list's order, for CSV and XLSX export. */
  async listAll(viewer: Viewer, f: DashboardListFilter, limit: number): Promise<DashboardListRow[]> {
    const p = new SqlParams();
    const { from, where } = this.listSource(viewer, f, p);
    return this.dataSource.query(`${this.listSelect(from, where, f)} LIMIT ${p.add(limit)}`, p.values);
  }

  /** Open tasks of a person (given to them directly or as a delegate), soonest due first. */
  myOpenTasks(userId: string): Promise<MyTask[]> {
    return this.dataSource.query(
      `SELECT t.id AS "taskId", t.proposal_id AS "proposalId", p.kind, p.title_en AS "titleEn", p.title_mn AS "titleMn",
              t.stage, t.kind AS "taskKind", t.role, t.actions, t.on_behalf_of_id AS "onBehalfOfId",
              t.opened_at AS "openedAt", t.due_at AS "dueAt"
         FROM tasks t JOIN proposals p ON p.id = t.proposal_id
        WHERE t.status = 'open' AND t.assignee_id = $1
        ORDER BY t.due_at NULLS LAST, t.opened_at, t.id`,
      [userId],
    );
  }

  /** The emails Accord sent (or is sending) about a proposal, newest first. */
  proposalEmails(proposalId: string): Promise<ProposalEmail[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, template, language, recipient, subject, status, attempts, created_at AS "createdAt", sent_at AS "sentAt"
         FROM email_messages WHERE proposal_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200`,
      [proposalId],
    );
  }

  /** Divisions that own at least one proposal the viewer may see. */
  async divisions(viewer: Viewer): Promise<string[]> {
    const p = new SqlParams();
    const visible = visibleProposalsClause(viewer, 'p', p);
    // Organisation-wide: a loose index scan (one probe per division) instead of reading every proposal.
    const rows: { division: string }[] = visible
      ? await this.dataSource.query(`SELECT DISTINCT p.division FROM proposals p WHERE p.division IS NOT NULL AND ${visible} ORDER BY 1`, p.values)
      : await this.dataSource.query(
          `WITH RECURSIVE d AS (
             SELECT min(division) AS division FROM proposals
             UNION ALL
             SELECT (SELECT min(division) FROM proposals WHERE division > d.division) FROM d WHERE d.division IS NOT NULL)
           SELECT division FROM d WHERE division IS NOT NULL`,
        );
    return rows.map((r) => r.division);
  }

  /** People who own at least one proposal the viewer may see (the owner filter): one index probe per person. */
  owners(viewer: Viewer): Promise<Person[]> {
    const p = new SqlParams();
    const visible = visibleProposalsClause(viewer, 'p', p);
    return this.dataSource.query(
      `SELECT u.id, u.name_mn AS "nameMn", u.name_latin AS "nameLatin" FROM users u
        WHERE EXISTS (SELECT 1 FROM proposals p WHERE p.owner_id = u.id${visible ? ` AND ${visible}` : ''} LIMIT 1)
        ORDER BY u.name_latin, u.id`,
      p.values,
    );
  }

  /** Names of people by id (timeline actors, assignees, uploaders). */
  peopleByIds(ids: string[]): Promise<Person[]> {
    const valid = [...new Set(ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
    if (!valid.length) return Promise.resolve([]);
    return this.dataSource.query(`SELECT id, name_mn AS "nameMn", name_latin AS "nameLatin" FROM users WHERE id = ANY($1::uuid[])`, [valid]);
  }

  /** FROM and WHERE of the list. */
  private listSource(viewer: Viewer, f: DashboardListFilter, p: SqlParams): { from: string; where: string } {
    const c = scopeConditions({ viewer, kind: f.kind, division: f.division }, 'p', p);
    if (f.stage) c.push(`p.stage = ${p.add(f.stage)}`);
    if (f.status) c.push(`p.status = ${p.add(f.status)}`);
    if (f.ownerId) c.push(`p.owner_id = ${p.add(f.ownerId)}`);
    if (f.overdue !== undefined) c.push(f.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_VALUE}`);
    const column = f.periodOf === 'updated' ? 'p.updated_at' : 'p.created_at';
    if (f.from) c.push(`${column} >= ${p.add(f.from)}`);
    if (f.to) c.push(`${column} < ${p.add(f.to)}`);
    // title_search: both titles in lower case (a generated column with a trigram index, migration DashboardIndexes).
    if (f.q) c.push(`p.title_search LIKE lower(${p.add(containsPattern(f.q))})`);
    return { from: 'proposals p', where: whereClause(c) };
  }

  private listSelect(from: string, where: string, f: DashboardListFilter): string {
    const dir = f.order === 'asc' ? 'ASC' : 'DESC';
    // NULLS LAST only where a value may be missing (due date): on NOT NULL columns it would keep the indexes unused.
    const nulls = f.sort === 'dueAt' ? ' NULLS LAST' : '';
    return `SELECT p.id, p.kind, p.title_en AS "titleEn", p.title_mn AS "titleMn", p.stage, p.status, p.division,
                   p.owner_id AS "ownerId", u.name_mn AS "ownerNameMn", u.name_latin AS "ownerNameLatin",
                   p.stage_entered_at AS "stageEnteredAt", p.due_at AS "dueAt", p.created_at AS "createdAt",
                   p.updated_at AS "updatedAt", ${OVERDUE_VALUE} AS overdue
              FROM ${from} LEFT JOIN users u ON u.id = p.owner_id
              ${where}
             ORDER BY ${SORT_SQL[f.sort]} ${dir}${nulls}, p.id ${dir}`;
  }
}
