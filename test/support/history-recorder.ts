import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Records the histories of workflows a test drove, for the replay suite. Only when ACCORD_RECORD_HISTORIES=1:
 * `ACCORD_RECORD_HISTORIES=1 npm test -- test/workflows` refreshes test/replay/histories/ after a deliberate,
 * patched() change. Histories must come from a real server; hand-written ones miss SDK flags.
 */
export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.ACCORD_RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const dir = join(__dirname, '..', 'replay', 'histories');
  mkdirSync(dir, { recursive: true });
  // Proto3 JSON, the same format as `temporal workflow show --output json`.
  writeFileSync(join(dir, `${name}.json`), historyToJSON(history));
}
