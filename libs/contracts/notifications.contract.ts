/** What the workflow asks the notification activity to send; the activity looks up people and proposal facts. */
export type NotificationRecipient =
  | { userId: string }
  /** The supervisor of this person (first escalation). */
  | { supervisorOf: string }
  /** Everyone active with the leadership role (second escalation). */
  | { role: 'leadership' }
  /** A trip's delegates other than this person (the requester, who acted and needs no notice of it). */
  | { travellersExcept: string };

export interface ProposalNotification {
  /** Names the message (task, recipient, purpose, attempt); one recipient group may expand to several people. */
  idempotencyKey: string;
  recipient: NotificationRecipient;
  template: 'task-assigned' | 'task-reminder' | 'task-escalated' | 'owner-notification' | 'trip-expired' | 'report-due' | 'agreement-deadline' | 'action-item';
  proposalId: string;
  workflowId: string;
  stage: string;
  definitionVersion: string;
  task?: {
    id: string;
    assigneeId: string;
    onBehalfOfId: string | null;
    dueAt: string | null;
    /** Decisions offered as single-use links (approval tasks only). */
    actions: string[];
  };
  reminderNumber?: number;
  escalation?: { level: 'supervisor' | 'leadership'; overdueMs: number };
  decision?: { action: string; byId: string | null; at: string; comment?: string | null };
  stageChange?: { from: string; to: string; at: string };
  /** Trip emails (trip-expired, report-due): the trip's facts the templates show. */
  trip?: { destination: string; departureDate: string; returnDate: string; reportDueAt?: string; overdue?: boolean };
  /** agreement-deadline: which deadline of a bilateral agreement in force is coming, and how soon (calendar days). */
  /** action-item: an implementation action item given to someone, coming due, overdue, or escalated to their supervisor. */
  actionItem?: { id: string; title: string; dueDate: string; ownerId: string; purpose: 'assigned' | 'reminder' | 'overdue' | 'escalated' };
  agreement?: { deadlineKind: 'notice_reminder' | 'renewal_reminder' | 'expiry_reminder'; deadline: string; daysBefore: number; counterpartCountry: string };
}

export interface NotificationOutcome {
  sent: Array<{ recipientId: string; messageId: string; sentAt: string; template: string }>;
  /** People skipped, and why (turned off, no address, nobody holds the role). */
  skipped: Array<{ recipientId: string | null; reason: string }>;
}
