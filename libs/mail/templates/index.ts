import { actionItem } from './action-item.template';
import { agreementDeadline } from './agreement-deadline.template';
import { ownerNotification } from './owner-notification.template';
import { reportDue } from './report-due.template';
import { taskAssigned } from './task-assigned.template';
import { taskEscalated } from './task-escalated.template';
import { taskReminder } from './task-reminder.template';
import { MailTemplateDefinition } from './template-definition';
import { tripExpired } from './trip-expired.template';
import { weeklyDigest } from './weekly-digest.template';

/** Every email Accord sends, by name. The one place templates live. */
export const MAIL_TEMPLATES = {
  'task-assigned': taskAssigned,
  'task-reminder': taskReminder,
  'task-escalated': taskEscalated,
  'owner-notification': ownerNotification,
  'trip-expired': tripExpired,
  'report-due': reportDue,
  'agreement-deadline': agreementDeadline,
  'action-item': actionItem,
  'weekly-digest': weeklyDigest,
} satisfies Record<string, MailTemplateDefinition>;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export const MAIL_TEMPLATE_NAMES = Object.keys(MAIL_TEMPLATES) as MailTemplateName[];

export function isMailTemplateName(name: unknown): name is MailTemplateName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(MAIL_TEMPLATES, name);
}

export type { MailTemplateDefinition } from './template-definition';
export type { TaskAssignedData } from './task-assigned.template';
export type { TaskReminderData } from './task-reminder.template';
export type { TaskEscalatedData } from './task-escalated.template';
export type { OwnerNotificationData } from './owner-notification.template';
export type { TripExpiredData } from './trip-expired.template';
export type { ReportDueData } from './report-due.template';
export type { AgreementDeadlineData } from './agreement-deadline.template';
export type { ActionItemData } from './action-item.template';
export type { WeeklyDigestData } from './weekly-digest.template';
