import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DigestActivities } from '../activities/digest/weekly-digest.activities';
import type { NotificationActivities } from '../activities/notifications';
import type { WeeklyDigestInput, WeeklyDigestResult } from '../libs/contracts';
import { workflowNow } from './workflow-clock';

const { composeWeeklyDigest } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

// Mail may be down for a while: keep trying for hours, but a digest that cannot go out by then is skipped.
const { sendEmail } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '6 hours',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Recipients mailed at once; leadership is a handful of people, this only bounds a misconfigured role list. */
const PARALLEL_SENDS = 5;

/**
 * The weekly digest for leadership, started by the Monday 08:00 (Ulaanbaatar) schedule or on demand: reads what
 * moved, what is overdue and what is due this week, and mails it to each recipient in their language. Each email is
 * keyed by this run and the recipient, so a retried activity never sends twice; a failed recipient does not stop
 * the others.
 */
export async function weeklyDigest(input: WeeklyDigestInput = {}): Promise<WeeklyDigestResult> {
  const asOf = input.asOf ?? workflowNow().toISOString();
  const digest = await composeWeeklyDigest({ asOf });
  const runKey = workflowInfo().workflowId;
  const result: WeeklyDigestResult = { periodStart: digest.periodStart, periodEnd: digest.periodEnd, sent: [], skipped: [] };

  for (let i = 0; i < digest.recipients.length; i += PARALLEL_SENDS) {
    await Promise.all(
      digest.recipients.slice(i, i + PARALLEL_SENDS).map(async (r) => {
        try {
          const sent = await sendEmail({
            idempotencyKey: `weekly-digest:${runKey}:${r.recipientId}`,
            to: r.to,
            language: r.language,
            template: 'weekly-digest',
            data: { recipientName: r.recipientName, periodStart: digest.periodStart, periodEnd: digest.periodEnd, sections: digest.sections, dashboardUrl: digest.dashboardUrl },
          });
          result.sent.push({ recipientId: r.recipientId, messageId: sent.messageId, alreadySent: sent.alreadySent });
        } catch (err) {
          if (!(err instanceof ActivityFailure)) throw err;
          const cause = err.cause instanceof ApplicationFailure ? `${err.cause.type ?? 'failure'}: ${err.cause.message}` : (err.cause?.message ?? err.message);
          result.skipped.push({ recipientId: r.recipientId, reason: cause });
        }
      }),
    );
  }
  return result;
}
