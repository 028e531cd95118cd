import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installWorkerRuntime } from '../../apps/worker/src/worker-runtime';

/**
 * Replays every recorded history against the current workflow code. A change to a workflow's commands that is not
 * guarded by patched() makes this fail with a non-determinism error, before it can reach running proposals.
 */
describe('replay of recorded workflow histories', () => {
  beforeAll(() => installWorkerRuntime(process.env.LOG_LEVEL ?? 'warn'));
  const dir = join(__dirname, 'histories');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const bundlePath = process.env.ACCORD_WORKFLOW_BUNDLE!;
    await Worker.runReplayHistory({ workflowBundle: { codePath: bundlePath } }, history, file.replace(/\.json$/, ''));
  });
});
