import type { DashboardListRow } from '../../../../libs/db';
import { stageLabel } from '../../../../libs/domain/process/stage-labels';
import { DashboardProposalDto, PersonRefDto } from './dto/dashboard.dto';

const DAY_MS = 86_400_000;

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function personRef(id: string | null | undefined, nameMn: string | null | undefined, nameLatin: string | null | undefined): PersonRefDto | null {
  return id ? { id, nameMn: nameMn ?? null, nameLatin: nameLatin ?? null } : null;
}

/** Whole days from `dueAt` to `now` (0 on the day it fell due). */
export function daysOverdue(dueAt: Date | string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(dueAt).getTime()) / DAY_MS));
}

export function toDashboardProposal(r: DashboardListRow): DashboardProposalDto {
  return {
    id: r.id,
    kind: r.kind,
    title: { en: r.titleEn, mn: r.titleMn },
    stage: r.stage,
    stageName: stageLabel(r.kind, r.stage),
    status: r.status,
    division: r.division,
    owner: personRef(r.ownerId, r.ownerNameMn, r.ownerNameLatin),
    stageEnteredAt: iso(r.stageEnteredAt)!,
    dueAt: iso(r.dueAt),
    overdue: r.overdue,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}
