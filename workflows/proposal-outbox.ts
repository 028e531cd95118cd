import { condition, patched, proxyActivities } from '@temporalio/workflow';
import type { AccordActivities } from '../activities';
import type { ProposalEventRecord } from '../libs/db/repositories/proposal-projection.repository';
import type { TaskRecord } from '../libs/contracts';

// Read-model writes retry until the database is back: losing a timeline event is worse than waiting.
const { recordProposalEvent, recordTask, recordReadModel } = proxyActivities<AccordActivities>({
  // Short: these are single quick queries, and after a worker crash the retry waits this long.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

type OutboxItem = { kind: 'event'; record: ProposalEventRecord } | { kind: 'task'; record: TaskRecord };
/** Large enough for any one action's writes; small enough to keep an activity's input far below payload limits. */
const BATCH = 50;

/**
 * Read-model writes leave the workflow in order, in batches, from a single queue: actions never wait for the
 * database, and a slow or absent database delays the read model without blocking decisions.
 */
export class ProposalOutbox {
  private readonly items: OutboxItem[] = [];
  private started = false;

  push(item: OutboxItem): void {
    this.items.push(item);
    if (!this.started) {
      this.started = true;
      void this.drain();
    }
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  private async drain(): Promise<void> {
    for (;;) {
      await condition(() => this.items.length > 0);
      // Histories recorded before batching wrote one item per activity.
      if (patched('batched-read-model-writes')) {
        const batch = this.items.slice(0, BATCH);
        await recordReadModel(batch);
        this.items.splice(0, batch.length);
        continue;
      }
      const item = this.items[0];
      if (item.kind === 'event') await recordProposalEvent(item.record);
      else await recordTask(item.record);
      this.items.shift();
    }
  }
}
