// Preloaded into the API (`node -r scripts/bench/lib/api-probe.cjs`) by profile-create.mjs: a CPU profile (written on
// SIGWINCH) and wall-clock totals of what each request waits for (PostgreSQL queries by statement, Temporal calls,
// whole requests), so the create path's time can be split between Accord's code, the database and Temporal.
/* eslint-disable */
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const Module = require('node:module');

const { AsyncLocalStorage } = require('node:async_hooks');

const out = process.env.ACCORD_PROBE_OUT;
const totals = new Map();
// Waits are also kept per route ("POST /api/v1/proposals/:id/submit > pg: SELECT ..."), so one run can split
// create, submit and approve apart.
const route = new AsyncLocalStorage();
const add = (key, ms) => {
  const r = route.getStore();
  if (r && !key.startsWith('http:')) addOne(`${r} > ${key}`, ms);
  addOne(key, ms);
};
const addOne = (key, ms) => {
  const t = totals.get(key) ?? { n: 0, ms: 0 };
  t.n += 1;
  t.ms += ms;
  totals.set(key, t);
};

const session = new Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));

const load = Module._load;
const patched = new Set();
Module._load = function (request, parent, isMain) {
  const m = load.apply(this, arguments);
  if (request === 'pg' && !patched.has('pg')) {
    patched.add('pg');
    const query = m.Client.prototype.query;
    m.Client.prototype.query = function (config, values, cb) {
      const text = typeof config === 'string' ? config : config?.text ?? '';
      const key = `pg: ${text.replace(/\s+/g, ' ').slice(0, 90)}`;
      const t = performance.now();
      const r = query.apply(this, arguments);
      if (r && typeof r.then === 'function') r.then(() => add(key, performance.now() - t), () => add(key, performance.now() - t));
      return r;
    };
  }
  if (request === '@temporalio/client' && !patched.has('temporal')) {
    patched.add('temporal');
    for (const [cls, methods] of [
      [m.WorkflowClient, ['start', 'executeUpdate']],
      [m.Connection, []],
    ]) {
      for (const name of methods) {
        const orig = cls.prototype[name];
        if (!orig) continue;
        cls.prototype[name] = async function (...args) {
          const t = performance.now();
          try {
            return await orig.apply(this, args);
          } finally {
            add(`temporal: WorkflowClient.${name}`, performance.now() - t);
          }
        };
      }
    }
  }
  if (request === 'node:http' || request === 'http') {
    if (!patched.has('http')) {
      patched.add('http');
      const emit = m.Server.prototype.emit;
      m.Server.prototype.emit = function (event, req, res) {
        if (event === 'request') {
          const t = performance.now();
          const name = `${req.method} ${req.url.replace(/[0-9a-f-]{36}/g, ':id').replace(/actions\/[^/?]+/, 'actions/:token')}`;
          res.once('finish', () => add(`http: ${name}`, performance.now() - t));
          return route.run(name, () => emit.apply(this, arguments));
        }
        return emit.apply(this, arguments);
      };
    }
  }
  return m;
};

process.on('SIGWINCH', () => {
  session.post('Profiler.stop', (err, { profile }) => {
    if (!err && out) writeFileSync(`${out}.cpuprofile`, JSON.stringify(profile));
    if (out) writeFileSync(`${out}.waits.json`, JSON.stringify(Object.fromEntries(totals), null, 1));
    totals.clear();
    session.post('Profiler.start');
  });
});
