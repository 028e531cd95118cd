// Small process-management pieces shared by `npm start`, `npm test` and the benchmarks. Dependency-free on
// purpose: these run before `npm ci` may have happened.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function say(msg) {
  process.stdout.write(`[accord] ${msg}\n`);
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Why node_modules (in `root`) does not match package-lock.json, or null when it does. After an install by
 * ensureDependencies, node_modules/.accord-lock-sha256 holds the lock file's hash, so only a change of content counts
 * (a checkout that merely touches the file does not); without that stamp (an install by hand), npm's own record of
 * the install, node_modules/.package-lock.json, must be at least as new as package-lock.json.
 */
export function dependenciesOutOfDate(root = repoRoot) {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  const stamp = join(root, 'node_modules', '.accord-lock-sha256');
  if (!existsSync(installed)) return 'node_modules is missing';
  if (!existsSync(lock)) return null;
  if (existsSync(stamp)) return readFileSync(stamp, 'utf8').trim() === sha256(lock) ? null : 'package-lock.json changed since the last install';
  return statSync(installed).mtimeMs >= statSync(lock).mtimeMs ? null : 'package-lock.json is newer than node_modules';
}

/** Runs `npm ci` when node_modules is missing or does not match package-lock.json (see dependenciesOutOfDate). */
export function ensureDependencies(root = repoRoot) {
  const reason = dependenciesOutOfDate(root);
  if (!reason) return;
  say(`installing dependencies (npm ci): ${reason}...`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ci failed with exit code ${r.status}`);
  writeFileSync(join(root, 'node_modules', '.accord-lock-sha256'), sha256(join(root, 'package-lock.json')) + '\n');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const sock = connect({ port, host });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

export async function waitFor(what, check, { timeoutMs = 60000, intervalMs = 250, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${what}: process exited with code ${child.exitCode} before it was ready`);
    try {
      if (await check()) return;
    } catch {
      /* not ready yet */
    }
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Starts a long-running child in its own process group (so Ctrl-C reaches only the supervisor, which then stops
 * the children in order) and prefixes each output line with its name.
 */
export function startService(name, command, args, { env = process.env, cwd = repoRoot, quiet = false } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.on('data', (chunk) => {
      buf += chunk.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (!quiet) process.stdout.write(prefix + line + '\n');
      }
    });
  }
  child.serviceName = name;
  return child;
}

/** SIGTERM to the child's group, then SIGKILL after the grace period; resolves once it has exited. */
export async function stopService(child, graceMs = 15000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Whatever the child left in its group goes too.
  signal('SIGKILL');
}

/** Synchronous last resort for process.on('exit'): kill every group we started. */
export function killAllNow(children) {
  for (const c of children) {
    if (c && c.exitCode === null && c.signalCode === null) {
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}
