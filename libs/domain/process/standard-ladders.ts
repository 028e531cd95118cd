import type { ReminderLadder } from './process-definition';

/** Short stages (drafting, approvals): reminders 3 and 1 days before, escalations 2 and 7 days after. */
export const STANDARD_LADDER: ReminderLadder = {
  beforeDueDays: [3, 1],
  escalateAfterDays: [
    { afterDays: 2, to: 'supervisor' },
    { afterDays: 7, to: 'leadership' },
  ],
};

/** Stages of months (translation, research, Cabinet, Parliament): reminders 14 and 3 days before, escalations 7 and 30 days after. */
export const LONG_LADDER: ReminderLadder = {
  beforeDueDays: [14, 3],
  escalateAfterDays: [
    { afterDays: 7, to: 'supervisor' },
    { afterDays: 30, to: 'leadership' },
  ],
};

/**
 * Implementation action items (regulations amended, officers trained...): the item's owner is reminded 3 and 1 days
 * before its due date and 1 and 7 days after it, and the owner's supervisor is told 14 days after.
 */
export const ACTION_ITEM_LADDER: ReminderLadder = {
  beforeDueDays: [3, 1],
  remindAfterDays: [1, 7],
  escalateAfterDays: [{ afterDays: 14, to: 'supervisor' }],
};
