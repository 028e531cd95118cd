import { ConfigError, loadConfig } from './load-config';
import { DEVELOPMENT_JWT_SECRET } from './environment.schema';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('security configuration', () => {
  it('has working development defaults', () => {
    const cfg = loadConfig({});
    expect(cfg.auth).toMatchObject({ jwtSecret: DEVELOPMENT_JWT_SECRET, accessTokenTtlSeconds: 900, passwordMinLength: 12 });
    expect(cfg.auth.login).toEqual({ maxFailures: 5, failureWindowSeconds: 900, lockoutSeconds: 900 });
    expect(cfg.rateLimits.login).toEqual({ limit: 10, ttlMs: 60000 });
    expect(cfg.api.trustProxy).toBe(false);
  });

  it('requires a JWT secret of its own in production, without echoing it', () => {
    expect(problems({ NODE_ENV: 'production' })).toContainEqual(expect.stringMatching(/^JWT_SECRET is required in production/));
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toContainEqual(expect.stringMatching(/^JWT_SECRET is required/));
    const short = problems({ NODE_ENV: 'production', JWT_SECRET: 'tiny-secret' });
    expect(short).toContainEqual(expect.stringMatching(/^JWT_SECRET must be at least 32 characters$/));
    expect(short.join(' ')).not.toContain('tiny-secret');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).auth.jwtSecret).toBe('x'.repeat(40));
  });

  it('reads rate limits as <requests>/<seconds>s and trust proxy as hops or addresses', () => {
    const cfg = loadConfig({ RATE_LIMIT_LOGIN: '3/2s', RATE_LIMIT_WRITES: '1000/60s', TRUST_PROXY: '1' });
    expect(cfg.rateLimits.login).toEqual({ limit: 3, ttlMs: 2000 });
    expect(cfg.rateLimits.writes).toEqual({ limit: 1000, ttlMs: 60000 });
    expect(cfg.api.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).api.trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(problems({ RATE_LIMIT_LOGIN: 'ten per minute' })).toEqual([expect.stringMatching(/^RATE_LIMIT_LOGIN must be <requests>\/<seconds>s/)]);
    expect(problems({ RATE_LIMIT_LOGIN: '0/60s' })).toEqual([expect.stringMatching(/^RATE_LIMIT_LOGIN must be at least 1 request/)]);
  });
});
