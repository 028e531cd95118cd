import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { describeTemporalError, temporalConnectionSettings } from './connection-options';

/** The connection settings the API's client and the worker's native connection are both built from. */
describe('temporalConnectionSettings (local, mutual TLS, Temporal Cloud: env decides)', () => {
  let dir: string;
  let cert: string;
  let key: string;
  let ca: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'accord-tls-'));
    cert = join(dir, 'client.pem');
    key = join(dir, 'client.key');
    ca = join(dir, 'ca.pem');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n');
    mkdirSync(join(dir, 'a-directory'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const settings = (env: NodeJS.ProcessEnv) => temporalConnectionSettings(loadConfig(env).temporal);

  it('connects a local dev server in plain text, with no TLS and no API key', () => {
    expect(settings({})).toEqual({ address: '127.0.0.1:7233' });
    expect(settings({ TEMPORAL_ADDRESS: 'temporal.internal:7233' })).toEqual({ address: 'temporal.internal:7233' });
  });

  it('mutual TLS: reads the client certificate, key and CA files, and passes the server name', () => {
    const s = settings({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_TLS_CERT_PATH: cert, TEMPORAL_TLS_KEY_PATH: key, TEMPORAL_TLS_CA_PATH: ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.customs' });
    expect(s.address).toBe('temporal.internal:7233');
    expect(s.apiKey).toBeUndefined();
    expect(s.tls).toEqual({
      clientCertPair: { crt: Buffer.from('-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n'), key: Buffer.from('-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n') },
      serverRootCACertificate: Buffer.from('-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n'),
      serverNameOverride: 'temporal.customs',
    });
  });

  it('mutual TLS without a CA or server name uses the system roots and the address’s host name', () => {
    const s = settings({ TEMPORAL_TLS_CERT_PATH: cert, TEMPORAL_TLS_KEY_PATH: key });
    expect(s.tls).toEqual({ clientCertPair: { crt: expect.any(Buffer), key: expect.any(Buffer) } });
  });

  it('TEMPORAL_TLS=true alone is server-authenticated TLS with the system roots', () => {
    expect(settings({ TEMPORAL_TLS: 'true' })).toEqual({ address: '127.0.0.1:7233', tls: true, apiKey: undefined });
  });

  it('a file that cannot be read stops start-up with a ConfigError naming the variable and the path', () => {
    const missing = join(dir, 'no-such.key');
    const cases: Array<[NodeJS.ProcessEnv, string, string]> = [
      [{ TEMPORAL_TLS_CERT_PATH: cert, TEMPORAL_TLS_KEY_PATH: missing }, 'TEMPORAL_TLS_KEY_PATH', missing],
      [{ TEMPORAL_TLS_CERT_PATH: join(dir, 'no-such.pem'), TEMPORAL_TLS_KEY_PATH: key }, 'TEMPORAL_TLS_CERT_PATH', join(dir, 'no-such.pem')],
      [{ TEMPORAL_TLS_CERT_PATH: cert, TEMPORAL_TLS_KEY_PATH: key, TEMPORAL_TLS_CA_PATH: join(dir, 'a-directory') }, 'TEMPORAL_TLS_CA_PATH', join(dir, 'a-directory')],
    ];
    for (const [env, variable, path] of cases) {
      let caught: unknown;
      try {
        settings(env);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      const message = (caught as ConfigError).message;
      expect(message).toContain(variable);
      expect(message).toContain(path);
      expect(message).toMatch(/ENOENT|EISDIR/);
      // One line, as the processes print it.
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('Temporal Cloud: an API key sets apiKey and turns TLS on (system roots), with no client certificate', () => {
    const s = settings({ TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'accord.a1b2c', TEMPORAL_API_KEY: 'cloud-api-key-value' });
    expect(s).toEqual({ address: 'eu-west-1.aws.api.temporal.io:7233', tls: true, apiKey: 'cloud-api-key-value' });
  });

  it('an API key with a private CA keeps both', () => {
    const s = settings({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS_CA_PATH: ca });
    expect(s).toEqual({ address: '127.0.0.1:7233', tls: { serverRootCACertificate: expect.any(Buffer) }, apiKey: 'k' });
  });
});

describe('describeTemporalError (the one line a process prints when Temporal cannot be reached)', () => {
  const cfg = loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_NAMESPACE: 'accord', TEMPORAL_CONNECT_TIMEOUT_MS: '2500' }).temporal;
  it.each([
    [new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 10.0.0.1:7233\n  at stack'), 'cannot reach Temporal at temporal.internal:7233 (connection refused; is the server running?)'],
    [new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), 'cannot reach Temporal at temporal.internal:7233 (no answer within 2500 ms; is the server running?)'],
    [new Error('5 NOT_FOUND: Namespace accord is not found.'), 'Temporal namespace "accord" not found at temporal.internal:7233'],
    [new Error('getaddrinfo ENOTFOUND temporal.internal'), 'Temporal host not found: temporal.internal:7233'],
    [new Error('16 UNAUTHENTICATED: bad key'), 'Temporal at temporal.internal:7233: 16 UNAUTHENTICATED: bad key'],
  ])('%s', (err, expected) => {
    expect(describeTemporalError(err, cfg)).toBe(expected);
  });
});
