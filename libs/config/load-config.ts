import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEVELOPMENT_JWT_SECRET, environmentSchema, Environment } from './environment.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  connectTimeoutMs: number;
  tls: boolean;
  tlsCertPath?: string;
  tlsKeyPath?: string;
  tlsCaPath?: string;
  tlsServerName?: string;
  apiKey?: string;
  uiUrl?: string;
  /** Workflows a worker keeps cached; bounds its memory (undefined: the SDK default). */
  maxCachedWorkflows?: number;
  /** The worker exits (code 1) after Temporal has not answered for this long. */
  unreachableExitSeconds: number;
}

export interface RateLimit {
  limit: number;
  ttlMs: number;
}

export interface AuthConfig {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  passwordMinLength: number;
  login: { maxFailures: number; failureWindowSeconds: number; lockoutSeconds: number };
}

export interface AppConfig {
  env: Environment['NODE_ENV'];
  logLevel: Environment['LOG_LEVEL'];
  api: { host: string; port: number; publicUrl: string; corsOrigins: string[]; bodyLimit: string; trustProxy: boolean | number | string };
  auth: AuthConfig;
  rateLimits: { login: RateLimit; writes: RateLimit; actions: RateLimit };
  database: { url: string; connectTimeoutMs: number; poolSize: number };
  temporal: TemporalConfig;
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string; connectTimeoutMs: number; socketTimeoutMs: number; requireTls: boolean; tlsCa?: Buffer };
  actionLinks: { maxAgeSeconds: number; csrfSecret?: string };
  /** Shortened definition day for tests and demos; undefined means real days. */
  workflowDayMs?: number;
  trips: {
    leadTimeWorkingDays: number;
    reportDueWorkingDays: number;
    mntPerUnit: Record<string, number>;
    /** When the commissioner general rather than the deputy approves a trip. */
    commissionerGeneral: { costAboveMnt: number; delegationAbove: number; costBasis: 'all_sources' | 'administration_budget' };
  };
  /** Announced public holidays beyond the fixed-date ones (lunar, substitute and one-off days off). */
  publicHolidays: string[];
}

/**
 * Validates the whole environment at once and reports every bad variable by name, so an operator fixes all of
 * them in one go. Empty strings count as unset: `FOO=` in an env file should mean the default, not an error.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = i.path.join('.') || 'environment';
      const given = typeof i.path[0] === 'string' ? cleaned[i.path[0]] : undefined;
      return `${name} ${i.message}${given !== undefined && !/PASSWORD|KEY|SECRET/.test(name) ? ` (got "${given}")` : ''}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://${e.API_HOST === '0.0.0.0' ? 'localhost' : e.API_HOST}:${e.API_PORT}`;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      publicUrl: publicUrl.replace(/\/$/, ''),
      corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
      bodyLimit: e.BODY_LIMIT,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
    },
    auth: {
      jwtSecret: e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      passwordMinLength: e.PASSWORD_MIN_LENGTH,
      login: { maxFailures: e.LOGIN_MAX_FAILURES, failureWindowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS, lockoutSeconds: e.LOGIN_LOCKOUT_SECONDS },
    },
    rateLimits: { login: e.RATE_LIMIT_LOGIN, writes: e.RATE_LIMIT_WRITES, actions: e.RATE_LIMIT_ACTIONS },
    database: { url: e.DATABASE_URL, connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS, poolSize: e.DATABASE_POOL_SIZE },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      connectTimeoutMs: e.TEMPORAL_CONNECT_TIMEOUT_MS,
      // An API key (Temporal Cloud) always travels over TLS.
      tls: e.TEMPORAL_TLS || !!e.TEMPORAL_TLS_CERT_PATH || !!e.TEMPORAL_API_KEY,
      tlsCertPath: e.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: e.TEMPORAL_TLS_KEY_PATH,
      tlsCaPath: e.TEMPORAL_TLS_CA_PATH,
      tlsServerName: e.TEMPORAL_TLS_SERVER_NAME,
      apiKey: e.TEMPORAL_API_KEY,
      uiUrl: e.TEMPORAL_UI_URL,
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      unreachableExitSeconds: e.WORKER_TEMPORAL_UNREACHABLE_SECONDS,
    },
    workflowDayMs: e.ACCORD_WORKFLOW_DAY_MS,
    trips: {
      leadTimeWorkingDays: e.TRIP_LEAD_TIME_WORKING_DAYS,
      reportDueWorkingDays: e.TRIP_REPORT_DUE_WORKING_DAYS,
      mntPerUnit: Object.fromEntries(e.TRIP_EXCHANGE_RATES.split(',').map((pair) => pair.trim().split('=')).map(([code, rate]) => [code, Number(rate)])),
      commissionerGeneral: { costAboveMnt: e.TRIP_CG_COST_ABOVE_MNT, delegationAbove: e.TRIP_CG_DELEGATION_ABOVE, costBasis: e.TRIP_CG_COST_BASIS },
    },
    publicHolidays: [...new Set((e.PUBLIC_HOLIDAYS ?? '').split(',').map((d) => d.trim()).filter(Boolean))].sort(),
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.MAIL_FROM,
      connectTimeoutMs: e.SMTP_CONNECT_TIMEOUT_MS,
      socketTimeoutMs: e.SMTP_SOCKET_TIMEOUT_MS,
      requireTls: e.SMTP_REQUIRE_TLS,
      // Read here, so an unreadable file stops every process at start with the variable's name.
      tlsCa: e.SMTP_TLS_CA_PATH ? readConfigFile('SMTP_TLS_CA_PATH', e.SMTP_TLS_CA_PATH) : undefined,
    },
    actionLinks: {
      maxAgeSeconds: e.ACTION_LINK_MAX_AGE_SECONDS,
      // Without its own secret, a key derived from JWT_SECRET (required in production) keeps replicas in agreement.
      csrfSecret: e.ACTION_CSRF_SECRET ?? (e.JWT_SECRET ? createHmac('sha256', e.JWT_SECRET).update('accord-action-csrf').digest('base64url') : undefined),
    },
  };
}

/** express accepts true/false, a hop count, or a comma-separated list of trusted proxy addresses. */
function parseTrustProxy(v: string): boolean | number | string {
  if (v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** Reads a file named by a config variable, naming the variable when it cannot be read. */
export function readConfigFile(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError([`${variable} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}: ${path})`]);
  }
}
