import { Injectable } from '@nestjs/common';
import { DashboardRepository, DashboardScope, StageCount } from '../../../../libs/db';
import { addDays, addMonths, atUlaanbaatarTime, isTerminalStage, PROPOSAL_KINDS, ulaanbaatarDate, Viewer } from '../../../../libs/domain';
import { kindLabel, stageLabel, stageOrder, terminalStages } from '../../../../libs/domain/process/stage-labels';
import { CycleTimesQuery, DashboardScopeQuery } from './dto/dashboard-query.dto';
import { CycleTimesDto, DashboardFiltersDto, MyTaskDto, OverviewDto, PipelineDto, TripsOverviewDto } from './dto/dashboard.dto';
import { daysOverdue, iso, personRef } from './dashboard-mappers';
import { periodOrLastDays, ulaanbaatarPeriod } from './ulaanbaatar-period';

/** People with most open tasks shown on the overview; overdue lists show the most overdue first. */
const TOP_PEOPLE = 20;
const TOP_OVERDUE = 20;
/** The cycle-time chart's default period: the last quarter (a year of moves is a few hundred thousand rows). */
const DEFAULT_CYCLE_PERIOD_DAYS = 90;

/** The figures of the overview page, the pipeline and cycle-time charts, the filters and "my tasks". */
@Injectable()
export class DashboardOverviewService {
  constructor(private readonly dashboard: DashboardRepository) {}

  async overview(viewer: Viewer, q: DashboardScopeQuery, now = new Date()): Promise<OverviewDto> {
    const scope: DashboardScope = { viewer, kind: q.kind, division: q.division };
    // Independent queries, each on its own index: run together so the page waits for the slowest, not the sum.
    const [counts, people, openTasks, overdueTasks, pastSla, trips] = await Promise.all([
      this.dashboard.stageCounts(scope),
      this.dashboard.openTasksByPerson(scope, TOP_PEOPLE),
      this.dashboard.openTaskCount(scope),
      this.dashboard.overdueTasks(scope, TOP_OVERDUE),
      this.dashboard.pastSla(scope, TOP_OVERDUE),
      this.trips(scope, now),
    ]);
    const open = counts.filter((c) => c.status === 'open');
    return {
      generatedAt: now.toISOString(),
      kind: q.kind ?? null,
      division: q.division ?? null,
      totals: {
        openProposals: sum(open, (c) => c.count),
        closedProposals: sum(counts.filter((c) => c.status !== 'open'), (c) => c.count),
        proposalsPastSla: pastSla.total,
        openTasks,
        overdueTasks: overdueTasks.total,
      },
      countsByKindStage: mergeByStage(counts).map((c) => ({ kind: c.kind, stage: c.stage, stageName: stageLabel(c.kind, c.stage), count: c.count, overdue: c.overdue })),
      openTasksByPerson: people.map((l) => ({ person: personRef(l.assigneeId, l.nameMn, l.nameLatin)!, open: l.open, overdue: l.overdue })),
      overdueTasks: {
        total: overdueTasks.total,
        items: overdueTasks.items.map((t) => ({
          taskId: t.taskId,
          proposalId: t.proposalId,
          kind: t.kind,
          title: { en: t.titleEn, mn: t.titleMn },
          stage: t.stage,
          stageName: stageLabel(t.kind, t.stage),
          role: t.role,
          assignee: personRef(t.assigneeId, t.assigneeNameMn, t.assigneeNameLatin),
          dueAt: iso(t.dueAt)!,
          daysOverdue: daysOverdue(t.dueAt, now),
        })),
      },
      proposalsPastSla: {
        total: pastSla.total,
        items: pastSla.items.map((p) => ({
          proposalId: p.proposalId,
          kind: p.kind,
          title: { en: p.titleEn, mn: p.titleMn },
          stage: p.stage,
          stageName: stageLabel(p.kind, p.stage),
          division: p.division,
          owner: personRef(p.ownerId, p.ownerNameMn, p.ownerNameLatin),
          stageEnteredAt: iso(p.stageEnteredAt)!,
          dueAt: iso(p.dueAt)!,
          daysOverdue: daysOverdue(p.dueAt, now),
        })),
      },
      trips,
    };
  }

  /** Open proposals per stage of each kind, in process order (zeros included, so the chart keeps its shape). */
  async pipeline(viewer: Viewer, q: DashboardScopeQuery): Promise<PipelineDto> {
    const counts = await this.dashboard.stageCounts({ viewer, kind: q.kind, division: q.division });
    const kinds = q.kind ? [q.kind] : [...PROPOSAL_KINDS];
    return {
      kinds: kinds.map((kind) => {
        const mine = counts.filter((c) => c.kind === kind);
        const open = (stage: string) => mine.filter((c) => c.stage === stage && c.status === 'open');
        return {
          kind,
          name: kindLabel(kind),
          stages: stageOrder(kind)
            .filter((stage) => !isTerminalStage(stage))
            .map((stage) => {
              const rows = open(stage);
              const overdue = sum(rows, (c) => c.overdue);
              return { stage, name: stageLabel(kind, stage), onTime: sum(rows, (c) => c.count) - overdue, overdue };
            }),
          closed: Object.fromEntries(terminalStages(kind).map((stage) => [stage, sum(mine.filter((c) => c.stage === stage && c.status !== 'open'), (c) => c.count)])),
        };
      }),
    };
  }

  /** Median and 90th percentile of days spent per stage, for stays that ended in the period. */
  async cycleTimes(viewer: Viewer, q: CycleTimesQuery, now = new Date()): Promise<CycleTimesDto> {
    const period = periodOrLastDays(q.from, q.to, DEFAULT_CYCLE_PERIOD_DAYS, now);
    const { from, to } = ulaanbaatarPeriod(period.from, period.to);
    const rows = await this.dashboard.stageDurations({ viewer, kind: q.kind, division: q.division }, from!, to!);
    const kinds = [...PROPOSAL_KINDS] as string[];
    const position = (r: { kind: string; stage: string }) => {
      const i = stageOrder(r.kind).indexOf(r.stage);
      return (kinds.indexOf(r.kind) + 1) * 1000 + (i < 0 ? 999 : i);
    };
    return {
      from: period.from,
      to: period.to,
      kind: q.kind ?? null,
      division: q.division ?? null,
      stages: rows
        .sort((a, b) => position(a) - position(b) || a.stage.localeCompare(b.stage))
        .map((r) => ({ kind: r.kind, stage: r.stage, name: stageLabel(r.kind, r.stage), samples: r.samples, medianDays: round1(r.medianDays), p90Days: round1(r.p90Days) })),
    };
  }

  async filters(viewer: Viewer): Promise<DashboardFiltersDto> {
    const [divisions, owners] = await Promise.all([this.dashboard.divisions(viewer), this.dashboard.owners(viewer)]);
    return {
      kinds: PROPOSAL_KINDS.map((kind) => ({ kind, name: kindLabel(kind), stages: stageOrder(kind).map((code) => ({ code, name: stageLabel(kind, code) })) })),
      divisions,
      owners: owners.map((o) => personRef(o.id, o.nameMn, o.nameLatin)!),
    };
  }

  async myTasks(viewer: Viewer, now = new Date()): Promise<MyTaskDto[]> {
    const tasks = await this.dashboard.myOpenTasks(viewer.id);
    const people = new Map((await this.dashboard.peopleByIds(tasks.map((t) => t.onBehalfOfId ?? ''))).map((p) => [p.id, p]));
    return tasks.map((t) => {
      const behalf = t.onBehalfOfId ? people.get(t.onBehalfOfId) : undefined;
      return {
        taskId: t.taskId,
        proposalId: t.proposalId,
        kind: t.kind,
        title: { en: t.titleEn, mn: t.titleMn },
        stage: t.stage,
        stageName: stageLabel(t.kind, t.stage),
        taskKind: t.taskKind,
        role: t.role,
        actions: t.actions,
        onBehalfOf: t.onBehalfOfId ? personRef(t.onBehalfOfId, behalf?.nameMn, behalf?.nameLatin) : null,
        openedAt: iso(t.openedAt)!,
        dueAt: iso(t.dueAt),
        overdue: !!t.dueAt && new Date(t.dueAt) < now,
      };
    });
  }

  /** Trips departing this Ulaanbaatar month and trip reports due by its end (trips are proposals of kind 'trip'). */
  private async trips(scope: DashboardScope, now: Date): Promise<TripsOverviewDto> {
    if (!(PROPOSAL_KINDS as readonly string[]).includes('trip') || (scope.kind && scope.kind !== 'trip')) {
      return { available: false, departingThisMonth: null, reportsDueThisMonth: null };
    }
    const firstDay = `${ulaanbaatarDate(now).slice(0, 7)}-01`;
    const next = addMonths(firstDay, 1);
    const counts = await this.dashboard.tripsThisMonth(scope, { firstDay, lastDay: addDays(next, -1), end: atUlaanbaatarTime(next) });
    return { available: true, departingThisMonth: counts.departing, reportsDueThisMonth: counts.reportsDue };
  }
}

/** Open proposals by their stage; closed ones by the stage they ended in (their status names it). */
function mergeByStage(counts: StageCount[]): StageCount[] {
  const byKey = new Map<string, StageCount>();
  for (const c of counts) {
    const key = `${c.kind}|${c.stage}`;
    const seen = byKey.get(key);
    if (seen) byKey.set(key, { ...seen, count: seen.count + c.count, overdue: seen.overdue + c.overdue });
    else byKey.set(key, { ...c });
  }
  return [...byKey.values()].sort((a, b) => a.kind.localeCompare(b.kind) || stageOrder(a.kind).indexOf(a.stage) - stageOrder(b.kind).indexOf(b.stage));
}

function sum<T>(rows: T[], f: (r: T) => number): number {
  return rows.reduce((n, r) => n + f(r), 0);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
