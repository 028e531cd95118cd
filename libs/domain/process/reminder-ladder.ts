import { ReminderLadder } from './process-definition';

export interface LadderPoint {
  /** When it fires, in epoch milliseconds. */
  atMs: number;
  kind: 'reminder' | 'escalation';
  /** 1-based within its kind: first reminder, second reminder, first escalation... */
  n: number;
  to?: 'supervisor' | 'leadership';
  /** For escalations and overdue reminders: how long past the due date. */
  overdueMs?: number;
}

/**
 * The moments a task's ladder fires, in time order: reminders before the due date (furthest first), then
 * escalations after it. Pure, so the workflow and the tests compute the same schedule.
 */
export function ladderPoints(dueMs: number, ladder: ReminderLadder, dayMs: number): LadderPoint[] {
  const reminders = [...ladder.beforeDueDays]
    .sort((a, b) => b - a)
    .map((days, i) => ({ atMs: dueMs - days * dayMs, kind: 'reminder' as const, n: i + 1 }));
  const overdue = [...(ladder.remindAfterDays ?? [])]
    .sort((a, b) => a - b)
    .map((days, i) => ({ atMs: dueMs + days * dayMs, kind: 'reminder' as const, n: reminders.length + i + 1, overdueMs: days * dayMs }));
  const escalations = [...ladder.escalateAfterDays]
    .sort((a, b) => a.afterDays - b.afterDays)
    .map((e, i) => ({ atMs: dueMs + e.afterDays * dayMs, kind: 'escalation' as const, n: i + 1, to: e.to, overdueMs: e.afterDays * dayMs }));
  return [...reminders, ...overdue, ...escalations].sort((a, b) => a.atMs - b.atMs);
}
