import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Workflow code for the worker: a prebuilt bundle when ACCORD_WORKFLOW_BUNDLE names one (tests bundle once per
 * run), otherwise the workflows folder next to this build, bundled at start.
 */
export function workflowSource(): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  const bundle = process.env.ACCORD_WORKFLOW_BUNDLE;
  if (bundle) {
    if (!existsSync(bundle)) throw new Error(`ACCORD_WORKFLOW_BUNDLE names a missing file: ${bundle}`);
    return { workflowBundle: { codePath: bundle } };
  }
  return { workflowsPath: require.resolve(join(__dirname, '../../../workflows')) };
}
