import { addDays, IsoDate } from '../calendar/iso-date';
import { dateMoment } from '../calendar/scaled-calendar';
import type { ActionItem } from './proposal-engine.types';

const REAL_DAY_MS = 86_400_000;

/**
 * The moment an action item falls due: the end of its due date in Ulaanbaatar. With a shortened definition day
 * (tests, demos) the days from the item's creation to its due date are shortened too (a scaled calendar starting
 * when it was added), so its reminders fire in seconds while the item keeps a real calendar date. Pure: the workflow
 * and the tests compute the same moment.
 */
export function actionItemDueMoment(item: Pick<ActionItem, 'dueDate' | 'addedAt'>, dayMs: number, fallbackAddedAt: Date): number {
  const origin = item.addedAt ?? fallbackAddedAt.toISOString();
  return dateMoment(addDays(item.dueDate as IsoDate, 1), { dayMs, calendarOrigin: dayMs === REAL_DAY_MS ? null : origin });
}
