import { z } from 'zod';

/** Booleans from env: only explicit words count, so a typo fails instead of silently meaning false. */
const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/** A YYYY-MM-DD string naming a day that exists (no 2027-02-30). */
function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const positiveInt = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive');

const postgresUrl = z
  .string()
  .min(1, 'must not be empty')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname.length > 0 && u.pathname.length > 1;
    } catch {
      return false;
    }
  }, 'must be a URL like postgres://user:password@host:5432/database');

/** host:port, where the host may be a name, an IPv4 address or a bracketed IPv6 address. */
const hostPort = z
  .string()
  .refine(
    (v) => /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(v) && Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535,
    'must be host:port with a port up to 65535, e.g. 127.0.0.1:7233',
  );

const httpUrl = z.string().url('must be an http(s) URL').refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL');

/** A rate limit as `<requests>/<seconds>s`, e.g. `10/60s`: easy to read in an env file, short values for tests. */
const rateLimit = z
  .string()
  .regex(/^\d{1,7}\/\d{1,6}s$/, 'must be <requests>/<seconds>s, e.g. 10/60s')
  .transform((v) => {
    const [limit, seconds] = v.slice(0, -1).split('/').map(Number);
    return { limit, ttlMs: seconds * 1000 };
  })
  .refine((r) => r.limit > 0 && r.ttlMs > 0, 'must be at least 1 request per at least 1 second');

/** Signs development tokens only; production must set JWT_SECRET (checked below). */
export const DEVELOPMENT_JWT_SECRET = 'accord-development-only-jwt-secret-do-not-use-in-production';

export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level (info, debug, ...)' }).default('info'),

    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port.default(3000),
    PUBLIC_URL: httpUrl.optional(),
    CORS_ORIGINS: z.string().default(''),
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 1mb or 512kb').default('1mb'),

    DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/accord'),
    DATABASE_CONNECT_TIMEOUT_MS: positiveInt.default(5000),
    DATABASE_POOL_SIZE: positiveInt.default(10),

    TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be a namespace name').default('default'),
    TEMPORAL_TASK_QUEUE: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be a task queue name').default('accord'),
    TEMPORAL_CONNECT_TIMEOUT_MS: positiveInt.default(10000),
    TEMPORAL_TLS: envBoolean.default(false),
    TEMPORAL_TLS_CERT_PATH: z.string().optional(),
    TEMPORAL_TLS_KEY_PATH: z.string().optional(),
    TEMPORAL_TLS_CA_PATH: z.string().optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
    TEMPORAL_API_KEY: z.string().optional(),
    TEMPORAL_UI_URL: httpUrl.optional(),
    /** Workflows the worker keeps in memory (its size); unset: the SDK's choice from the heap limit. */
    WORKER_MAX_CACHED_WORKFLOWS: positiveInt.optional(),
    /** How long the worker retries an unreachable Temporal before it exits non-zero (for a supervisor to act). */
    WORKER_TEMPORAL_UNREACHABLE_SECONDS: positiveInt.default(120),

    /** Length of one definition day in ms for new workflows; only tests and demos shorten it. */
    ACCORD_WORKFLOW_DAY_MS: positiveInt.optional(),

    /** A trip requested fewer working days than this before departure needs a justification. */
    TRIP_LEAD_TIME_WORKING_DAYS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').default(10),
    /** The post-trip report is due this many working days after return. */
    TRIP_REPORT_DUE_WORKING_DAYS: positiveInt.default(10),
    /** MNT per unit of each currency trips may be costed in, as CODE=rate pairs (the Bank of Mongolia's rates). */
    TRIP_EXCHANGE_RATES: z
      .string()
      .regex(/^\s*[A-Z]{3}=\d+(\.\d+)?(\s*,\s*[A-Z]{3}=\d+(\.\d+)?)*\s*$/, 'must be CODE=rate pairs, e.g. USD=3450,EUR=3750')
      .default('USD=3450,EUR=3750,CNY=475,JPY=23,KRW=2.5,RUB=38'),
    /** A trip costing more than this many MNT is approved by the commissioner general instead of the deputy. */
    TRIP_CG_COST_ABOVE_MNT: z.coerce.number({ message: 'must be a number' }).int('must be a whole number of MNT').min(0, 'must not be negative').default(20_000_000),
    /** A delegation of more people than this is approved by the commissioner general instead of the deputy. */
    TRIP_CG_DELEGATION_ABOVE: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').default(5),
    /** Which costs count toward TRIP_CG_COST_ABOVE_MNT: every cost, or only what the administration's budget pays. */
    TRIP_CG_COST_BASIS: z.enum(['all_sources', 'administration_budget'], { message: 'must be all_sources or administration_budget' }).default('all_sources'),
    /**
     * Public holidays beyond the fixed-date ones in law (Tsagaan Sar, Chinggis Khaan's Day, substitute and one-off
     * days off), as the Government announces them each year: comma-separated YYYY-MM-DD dates.
     */
    PUBLIC_HOLIDAYS: z
      .string()
      .superRefine((v, ctx) => {
        if (!/^\s*\d{4}-\d{2}-\d{2}(\s*,\s*\d{4}-\d{2}-\d{2})*\s*$/.test(v)) {
          ctx.addIssue({ code: 'custom', message: 'must be comma-separated dates, e.g. 2027-02-07,2027-02-08' });
          return;
        }
        const bad = v.split(',').map((d) => d.trim()).filter((d) => !isRealDate(d));
        if (bad.length) ctx.addIssue({ code: 'custom', message: `contains a date that does not exist: ${bad.join(', ')}` });
      })
      .optional(),

    SMTP_HOST: z.string().min(1).default('127.0.0.1'),
    SMTP_PORT: port.default(1025),
    SMTP_SECURE: envBoolean.default(false),
    /** Refuse to send unless the server upgrades the connection with STARTTLS (never fall back to plain text). */
    SMTP_REQUIRE_TLS: envBoolean.default(false),
    /** PEM file of a private CA that signed the SMTP server's certificate (trusted besides the public CAs). */
    SMTP_TLS_CA_PATH: z.string().min(1).optional(),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().min(3).default('Accord <accord@localhost>'),
    // Short by default so a down mail server fails an attempt fast; the activity is retried with backoff.
    SMTP_CONNECT_TIMEOUT_MS: positiveInt.default(5000),
    SMTP_SOCKET_TIMEOUT_MS: positiveInt.default(30000),

    /** Maximum age of an emailed action link; links also die when their task closes. Default 14 days. */
    ACTION_LINK_MAX_AGE_SECONDS: positiveInt.default(14 * 24 * 3600),
    /** Key for the confirmation forms' CSRF tokens; set it when several API processes serve the links. */
    ACTION_CSRF_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),

    // express "trust proxy": false = the socket address is the client; behind a proxy, a hop count or its addresses.
    TRUST_PROXY: z.string().default('false'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
    REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(14 * 24 * 3600),
    PASSWORD_MIN_LENGTH: positiveInt.refine((n) => n >= 8, 'must be at least 8').default(12),
    LOGIN_MAX_FAILURES: positiveInt.default(5),
    LOGIN_FAILURE_WINDOW_SECONDS: positiveInt.default(900),
    LOGIN_LOCKOUT_SECONDS: positiveInt.default(900),
    RATE_LIMIT_LOGIN: rateLimit.prefault('10/60s'),
    RATE_LIMIT_WRITES: rateLimit.prefault('120/60s'),
    RATE_LIMIT_ACTIONS: rateLimit.prefault('30/60s'),
  })
  .superRefine((env, ctx) => {
    // Mutual TLS needs both halves of the key pair, or neither.
    if (!!env.TEMPORAL_TLS_CERT_PATH !== !!env.TEMPORAL_TLS_KEY_PATH) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH'],
        message: 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together',
      });
    }
    // Tokens signed with a published default would let anyone forge a session.
    if (env.NODE_ENV === 'production' && (!env.JWT_SECRET || env.JWT_SECRET === DEVELOPMENT_JWT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production (a random string of at least 32 characters)' });
    }
    if (env.SMTP_USER && !env.SMTP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_PASSWORD'], message: 'is required when SMTP_USER is set' });
    }
  });

export type Environment = z.infer<typeof environmentSchema>;
