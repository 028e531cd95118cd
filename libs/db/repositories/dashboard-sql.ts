import { ORGANISATION_WIDE_READERS, Viewer } from '../../domain/access/proposal-visibility';

/** Positional parameters for hand-written SQL: `p.add(value)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** What every dashboard figure is narrowed by: who looks, and optionally one kind and one division. */
export interface DashboardScope {
  viewer: Viewer;
  kind?: string;
  division?: string;
}

/**
 * The proposal visibility rule (libs/domain/access) in SQL, for proposals aliased `alias`. Organisation-wide readers
 * get no condition at all, so their queries stay on the plain indexes.
 */
export function visibleProposalsClause(viewer: Viewer, alias: string, p: SqlParams): string | null {
  if (viewer.roles.some((r) => ORGANISATION_WIDE_READERS.includes(r))) return null;
  const me = p.add(viewer.id);
  const division = viewer.division ? ` OR ${alias}.division = ${p.add(viewer.division)}` : '';
  return `(${alias}.owner_id = ${me}${division}
    OR EXISTS (SELECT 1 FROM tasks vt WHERE vt.proposal_id = ${alias}.id AND (vt.assignee_id = ${me} OR vt.on_behalf_of_id = ${me})))`;
}

/** The scope's conditions on proposals aliased `alias` (visibility, kind, division). */
export function scopeConditions(scope: DashboardScope, alias: string, p: SqlParams): string[] {
  const where: string[] = [];
  const visible = visibleProposalsClause(scope.viewer, alias, p);
  if (visible) where.push(visible);
  if (scope.kind) where.push(`${alias}.kind = ${p.add(scope.kind)}`);
  if (scope.division) where.push(`${alias}.division = ${p.add(scope.division)}`);
  return where;
}

export function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** A LIKE pattern matching the text anywhere, with the user's % _ \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
