// Starts `temporal server start-dev` and waits until it serves; registers Accord's search attributes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startService, waitFor } from './process-tools.mjs';

export function searchAttributeFlags() {
  const list = JSON.parse(readFileSync(join(repoRoot, 'libs', 'contracts', 'search-attributes.json'), 'utf8'));
  return Object.entries(list).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}

/**
 * @param {{cli: string, port: number, uiPort?: number, dbFile?: string, namespace?: string, quiet?: boolean, name?: string}} o
 * dbFile persists state across restarts; without it the server keeps everything in memory (tests).
 */
export async function startTemporalDevServer(o) {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.port), '--log-level', 'warn'];
  // "default" always exists; other namespaces are created at launch.
  if (o.namespace && o.namespace !== 'default') args.push('--namespace', o.namespace);
  if (o.uiPort) args.push('--ui-ip', '127.0.0.1', '--ui-port', String(o.uiPort));
  else args.push('--headless');
  if (o.dbFile) args.push('--db-filename', o.dbFile);
  // HTTP API and metrics ports default to random free ports, which keeps parallel servers from colliding.
  args.push(...searchAttributeFlags());
  const child = startService(o.name ?? 'temporal', o.cli, args, { quiet: o.quiet });
  const address = `127.0.0.1:${o.port}`;
  await waitFor(
    `Temporal dev server on ${address}`,
    () => spawnSync(o.cli, ['operator', 'cluster', 'health', '--address', address], { encoding: 'utf8', timeout: 5000 }).stdout.includes('SERVING'),
    { timeoutMs: o.timeoutMs ?? 90000, intervalMs: 500, child },
  );
  return { child, address };
}

export { repoRoot };
