export const WEEKLY_DIGEST_WORKFLOW = 'weeklyDigest';

/** One digest schedule per deployment (task queue), so test runs and deployments sharing a namespace never collide. */
export const weeklyDigestScheduleId = (taskQueue: string): string => `weekly-digest-${taskQueue}`;

/** When the digest goes out: Monday 08:00 in Ulaanbaatar. */
export const WEEKLY_DIGEST_CALENDAR = { dayOfWeek: 'MONDAY', hour: 8, minute: 0 } as const;
export const WEEKLY_DIGEST_TIME_ZONE = 'Asia/Ulaanbaatar';

export interface WeeklyDigestInput {
  /**
   * The moment the digest describes (ISO instant); the week before it is "what moved", the week after it "due this
   * week". Omitted by the schedule: the workflow's own start time is used.
   */
  asOf?: string;
}

export interface WeeklyDigestResult {
  periodStart: string;
  periodEnd: string;
  /** Recipients and what each received (message id), for the workflow's result in Temporal's UI. */
  sent: Array<{ recipientId: string; messageId: string; alreadySent: boolean }>;
  skipped: Array<{ recipientId: string; reason: string }>;
}
