// `npm run temporal:setup`: registers Accord's custom search attributes on the cluster named by the environment
// (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS files, API key). The dev server started by `npm start` and `npm test`
// registers them itself; run this once against a self-hosted cluster. (On Temporal Cloud, create them in the
// namespace settings or with tcld.) Safe to run again: existing attributes are reported and skipped.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTemporalCli } from './lib/temporal-cli.mjs';
import { repoRoot, say } from './lib/process-tools.mjs';

const env = process.env;
const cli = await ensureTemporalCli();
const common = ['--address', env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233', '--namespace', env.TEMPORAL_NAMESPACE ?? 'default'];
if (env.TEMPORAL_TLS === 'true' || env.TEMPORAL_TLS_CERT_PATH || env.TEMPORAL_API_KEY) common.push('--tls');
if (env.TEMPORAL_TLS_CERT_PATH) common.push('--tls-cert-path', env.TEMPORAL_TLS_CERT_PATH, '--tls-key-path', env.TEMPORAL_TLS_KEY_PATH ?? '');
if (env.TEMPORAL_TLS_CA_PATH) common.push('--tls-ca-path', env.TEMPORAL_TLS_CA_PATH);
if (env.TEMPORAL_TLS_SERVER_NAME) common.push('--tls-server-name', env.TEMPORAL_TLS_SERVER_NAME);
if (env.TEMPORAL_API_KEY) common.push('--api-key', env.TEMPORAL_API_KEY);

const attributes = JSON.parse(readFileSync(join(repoRoot, 'libs', 'contracts', 'search-attributes.json'), 'utf8'));
let failed = false;
for (const [name, type] of Object.entries(attributes)) {
  const r = spawnSync(cli, ['operator', 'search-attribute', 'create', '--name', name, '--type', type, ...common], { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`.trim();
  if (r.status === 0) say(`search attribute ${name} (${type}): created`);
  else if (/already exists/i.test(out)) say(`search attribute ${name} (${type}): already there`);
  else {
    failed = true;
    process.stderr.write(`temporal:setup: ${name}: ${out.split('\n')[0]}\n`);
  }
}
process.exit(failed ? 1 : 0);
