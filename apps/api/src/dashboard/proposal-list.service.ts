import { Injectable } from '@nestjs/common';
import { DashboardListFilter, DashboardListRow, DashboardRepository } from '../../../../libs/db';
import { Viewer } from '../../../../libs/domain';
import { DashboardListFilterQuery, DashboardListQuery } from './dto/dashboard-query.dto';
import { DashboardProposalPageDto } from './dto/dashboard.dto';
import { toDashboardProposal } from './dashboard-mappers';
import { ulaanbaatarPeriod } from './ulaanbaatar-period';

/** An export holds at most this many rows (a year of a busy division is far fewer); the response says when cut. */
export const EXPORT_ROW_LIMIT = 50_000;

/** The list page and its exports: one filter, three shapes (a page, every row for CSV/XLSX). */
@Injectable()
export class ProposalListService {
  constructor(private readonly dashboard: DashboardRepository) {}

  async page(viewer: Viewer, q: DashboardListQuery): Promise<DashboardProposalPageDto> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 25;
    const { total, totalExact, items } = await this.dashboard.list(viewer, toFilter(q), { offset: (page - 1) * pageSize, limit: pageSize });
    return { items: items.map(toDashboardProposal), total, totalExact, page, pageSize };
  }

  /** Every matching row, in the list's order, up to EXPORT_ROW_LIMIT (+1 so the caller can tell it was cut). */
  async all(viewer: Viewer, q: DashboardListFilterQuery): Promise<{ rows: DashboardListRow[]; truncated: boolean }> {
    const rows = await this.dashboard.listAll(viewer, toFilter(q), EXPORT_ROW_LIMIT + 1);
    return { rows: rows.slice(0, EXPORT_ROW_LIMIT), truncated: rows.length > EXPORT_ROW_LIMIT };
  }
}

function toFilter(q: DashboardListFilterQuery): DashboardListFilter {
  const { from, to } = ulaanbaatarPeriod(q.from, q.to);
  return {
    kind: q.kind,
    stage: q.stage,
    status: q.status,
    ownerId: q.ownerId,
    division: q.division,
    overdue: q.overdue,
    q: q.q?.trim() || undefined,
    from,
    to,
    periodOf: q.periodOf ?? 'created',
    sort: q.sort ?? 'updatedAt',
    order: q.order ?? 'desc',
  };
}
