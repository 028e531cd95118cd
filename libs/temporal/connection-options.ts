import type { TLSConfig } from '@temporalio/client';
import { readConfigFile, TemporalConfig } from '../config';

export interface TemporalConnectionSettings {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

/**
 * The same settings serve the client (API) and the native connection (worker): a local dev server (plain),
 * a self-hosted cluster with mutual TLS (cert + key, optional CA and server name), or Temporal Cloud (API key
 * over TLS). Only env decides which.
 */
export function temporalConnectionSettings(cfg: TemporalConfig): TemporalConnectionSettings {
  if (!cfg.tls) return { address: cfg.address };
  const tls: TLSConfig = {};
  if (cfg.tlsCertPath && cfg.tlsKeyPath) {
    tls.clientCertPair = {
      crt: readConfigFile('TEMPORAL_TLS_CERT_PATH', cfg.tlsCertPath),
      key: readConfigFile('TEMPORAL_TLS_KEY_PATH', cfg.tlsKeyPath),
    };
  }
  if (cfg.tlsCaPath) tls.serverRootCACertificate = readConfigFile('TEMPORAL_TLS_CA_PATH', cfg.tlsCaPath);
  if (cfg.tlsServerName) tls.serverNameOverride = cfg.tlsServerName;
  return { address: cfg.address, tls: Object.keys(tls).length ? tls : true, apiKey: cfg.apiKey };
}

/** Short reason for a failed Temporal connection, without the gRPC stack. */
export function describeTemporalError(err: unknown, cfg: TemporalConfig): string {
  const msg = (err as Error)?.message?.split('\n')[0] ?? String(err);
  if (/ECONNREFUSED|Connection refused|tcp connect error|connect error/i.test(msg)) {
    return `cannot reach Temporal at ${cfg.address} (connection refused; is the server running?)`;
  }
  if (/deadline|timed? ?out/i.test(msg)) return `cannot reach Temporal at ${cfg.address} (no answer within ${cfg.connectTimeoutMs} ms; is the server running?)`;
  if (/namespace/i.test(msg) && /not found/i.test(msg)) return `Temporal namespace "${cfg.namespace}" not found at ${cfg.address}`;
  if (/dns|resolve|lookup|ENOTFOUND/i.test(msg)) return `Temporal host not found: ${cfg.address}`;
  return `Temporal at ${cfg.address}: ${msg}`;
}
