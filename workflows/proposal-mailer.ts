import { ActivityFailure, ApplicationFailure, condition, proxyActivities } from '@temporalio/workflow';
import type { AccordActivities } from '../activities';
import type { NotificationOutcome, ProposalNotification } from '../libs/contracts';

// Mail is retried with backoff for as long as it takes: a mail server that is down delays email, never decisions.
const { notifyProposalEvent, revokeActionLinks } = proxyActivities<AccordActivities>({
  startToCloseTimeout: '1 minute',
  // A send heartbeats while it runs (send-email.activity.ts): a worker that dies mid-send is noticed in seconds.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export type MailJob =
  | { kind: 'notify'; notification: ProposalNotification }
  | { kind: 'revoke'; taskId: string; reason: 'task_closed' | 'reassigned' | 'withdrawn' };

/**
 * The workflow's mail queue, drained in order by one coroutine: link revocations happen before the new links of
 * a reassignment go out, and nothing here blocks the proposal's actions or its read model.
 */
export class ProposalMailer {
  private readonly jobs: MailJob[] = [];
  private started = false;

  constructor(
    private readonly onSent: (n: ProposalNotification, outcome: NotificationOutcome) => void,
    private readonly onFailed: (n: ProposalNotification, reason: string) => void,
  ) {}

  push(job: MailJob): void {
    this.jobs.push(job);
    if (!this.started) {
      this.started = true;
      void this.drain();
    }
  }

  get empty(): boolean {
    return this.jobs.length === 0;
  }

  private async drain(): Promise<void> {
    for (;;) {
      await condition(() => this.jobs.length > 0);
      const job = this.jobs[0];
      try {
        if (job.kind === 'notify') this.onSent(job.notification, await notifyProposalEvent(job.notification));
        else await revokeActionLinks({ taskId: job.taskId, reason: job.reason });
      } catch (err) {
        // Only a non-retryable failure (bad address, unknown template) reaches here: record it and go on.
        const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause.message : String(err);
        if (job.kind === 'notify') this.onFailed(job.notification, cause);
      }
      this.jobs.shift();
    }
  }
}
