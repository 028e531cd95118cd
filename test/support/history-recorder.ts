import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Records the histories of workflows a test drove, for the replay suite. Only when ACCORD_RECORD_HISTORIES names a
 * generation: `ACCORD_RECORD_HISTORIES=gen2 npm test -- test/workflows` adds `<name>.gen2.json` files after a
 * deliberate, patched() change. Older generations stay, so replay keeps proving the old paths of every patch.
 * Histories must come from a real server; hand-written ones miss SDK flags.
 */
export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  const generation = process.env.ACCORD_RECORD_HISTORIES;
  if (!generation || !/^[a-z0-9-]+$/.test(generation)) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const dir = join(__dirname, '..', 'replay', 'histories');
  mkdirSync(dir, { recursive: true });
  // Proto3 JSON, the same format as `temporal workflow show --output json`.
  writeFileSync(join(dir, `${name}.${generation}.json`), historyToJSON(history));
}
