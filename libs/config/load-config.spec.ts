import { ConfigError, loadConfig } from './load-config';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives working local defaults when nothing is set', () => {
    const cfg = loadConfig({});
    expect(cfg.database.url).toBe('postgres://postgres@127.0.0.1:5432/accord');
    expect(cfg.temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'accord', tls: false });
    expect(cfg.api).toMatchObject({ host: '127.0.0.1', port: 3000, publicUrl: 'http://127.0.0.1:3000' });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', API_PORT: '' }).api.port).toBe(3000);
  });

  it('names every bad variable at once, with the value given', () => {
    const list = problems({ DATABASE_URL: 'mysql://x/y', TEMPORAL_ADDRESS: 'localhost', API_PORT: '70000', TEMPORAL_TLS: 'maybe' });
    expect(list).toHaveLength(4);
    expect(list.find((p) => p.startsWith('DATABASE_URL'))).toContain('"mysql://x/y"');
    expect(list.find((p) => p.startsWith('TEMPORAL_ADDRESS'))).toContain('host:port');
    expect(list.find((p) => p.startsWith('API_PORT'))).toContain('65535');
    expect(list.find((p) => p.startsWith('TEMPORAL_TLS'))).toContain('true or false');
  });

  it("bounds the worker's workflow cache when asked, and refuses a cache size that is not a positive number", () => {
    expect(loadConfig({}).temporal.maxCachedWorkflows).toBeUndefined();
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '500' }).temporal.maxCachedWorkflows).toBe(500);
    expect(problems({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toEqual([expect.stringMatching(/^WORKER_MAX_CACHED_WORKFLOWS /)]);
  });

  it('gives the worker two minutes of an unreachable Temporal before it exits, unless told otherwise', () => {
    expect(loadConfig({}).temporal.unreachableExitSeconds).toBe(120);
    expect(loadConfig({ WORKER_TEMPORAL_UNREACHABLE_SECONDS: '5' }).temporal.unreachableExitSeconds).toBe(5);
    expect(problems({ WORKER_TEMPORAL_UNREACHABLE_SECONDS: '0' })).toEqual([expect.stringMatching(/^WORKER_TEMPORAL_UNREACHABLE_SECONDS /)]);
  });

  it('reads the trip routing thresholds and the announced public holidays, refusing impossible values', () => {
    const cfg = loadConfig({ TRIP_CG_COST_ABOVE_MNT: '15000000', TRIP_CG_DELEGATION_ABOVE: '3', TRIP_CG_COST_BASIS: 'administration_budget', PUBLIC_HOLIDAYS: '2027-02-08, 2027-02-07,2027-02-08' });
    expect(cfg.trips.commissionerGeneral).toEqual({ costAboveMnt: 15_000_000, delegationAbove: 3, costBasis: 'administration_budget' });
    expect(cfg.publicHolidays).toEqual(['2027-02-07', '2027-02-08']);
    expect(loadConfig({}).trips.commissionerGeneral).toEqual({ costAboveMnt: 20_000_000, delegationAbove: 5, costBasis: 'all_sources' });
    expect(loadConfig({}).publicHolidays).toEqual([]);
    const list = problems({ TRIP_CG_COST_ABOVE_MNT: '-1', TRIP_CG_DELEGATION_ABOVE: '2.5', TRIP_CG_COST_BASIS: 'some', PUBLIC_HOLIDAYS: '2027-02-30' });
    expect(list.map((p) => p.split(' ')[0]).sort()).toEqual(['PUBLIC_HOLIDAYS', 'TRIP_CG_COST_ABOVE_MNT', 'TRIP_CG_COST_BASIS', 'TRIP_CG_DELEGATION_ABOVE']);
    expect(problems({ PUBLIC_HOLIDAYS: '7 Feb' })).toEqual([expect.stringMatching(/^PUBLIC_HOLIDAYS must be comma-separated dates/)]);
  });

  it('requires both halves of a TLS key pair', () => {
    expect(problems({ TEMPORAL_TLS_CERT_PATH: '/x.pem' })).toEqual([expect.stringMatching(/^TEMPORAL_TLS_KEY_PATH .*set together/)]);
  });

  it('connects to Temporal Cloud by env alone: an API key implies TLS', () => {
    const cfg = loadConfig({ TEMPORAL_ADDRESS: 'accord.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'accord.a1b2c', TEMPORAL_API_KEY: 'secret' });
    expect(cfg.temporal).toMatchObject({ tls: true, apiKey: 'secret', namespace: 'accord.a1b2c' });
  });

  it('never echoes secrets in its messages', () => {
    const list = problems({ SMTP_USER: 'mailer', SMTP_PASSWORD: '', TEMPORAL_API_KEY: 'k', TEMPORAL_ADDRESS: 'bad' });
    expect(list.join(' ')).not.toContain('"k"');
    expect(list).toContainEqual(expect.stringMatching(/^SMTP_PASSWORD is required/));
  });
});
