import { addDays, daysBetween } from '../calendar/iso-date';
import { atUlaanbaatarTime, ulaanbaatarDate } from '../calendar/ulaanbaatar-time';
import type { ActionItem } from './proposal-engine.types';

const REAL_DAY_MS = 86_400_000;

/**
 * The moment an action item falls due: the end of its due date in Ulaanbaatar. With a shortened definition day
 * (tests, demos) the days from the item's creation to its due date are shortened too, so its reminders fire in
 * seconds while the item keeps a real calendar date. Pure: the workflow and the tests compute the same moment.
 */
export function actionItemDueMoment(item: Pick<ActionItem, 'dueDate' | 'addedAt'>, dayMs: number, fallbackAddedAt: Date): number {
  if (dayMs === REAL_DAY_MS) return atUlaanbaatarTime(addDays(item.dueDate, 1)).getTime();
  const added = item.addedAt ? new Date(item.addedAt) : fallbackAddedAt;
  return added.getTime() + (daysBetween(ulaanbaatarDate(added), item.dueDate) + 1) * dayMs;
}
