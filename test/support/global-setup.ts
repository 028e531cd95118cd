import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDatabase } from '../../libs/db/prepare-database';

/**
 * Once per run: migrate the run's database and bundle the workflows, so test files share one bundle instead of
 * each paying a webpack build. The Temporal server and the database itself come from scripts/test.mjs.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.ACCORD_TEST_LAYER === 'unit') return;
  const url = process.env.DATABASE_URL ?? '';
  if (!process.env.TEMPORAL_ADDRESS || !/\/accord_test_/.test(url)) {
    throw new Error('These tests need the server and database that `npm test` provides: run `npm test -- <jest args>`.');
  }
  await prepareDatabase({ url });
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: silentLogger });
  const dir = mkdtempSync(join(tmpdir(), 'accord-bundle-'));
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, code);
  process.env.ACCORD_WORKFLOW_BUNDLE = path;
}

const noop = () => undefined;
const silentLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
