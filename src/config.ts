import * as z from 'zod';
import { apiRootFromBaseUrl } from './client/baseUrl.js';
import type { ApiCredentials } from './client/contraforceClient.js';
import { ConfigurationError } from './errors.js';
import { canonicalTimeZone } from './incidents/timeZones.js';
import type { LogLevel } from './log.js';

export const DEFAULT_BASE_URL = 'https://portal.contraforce.com';

export interface Config {
  readonly demo: boolean;
  readonly baseUrl: string;
  readonly credentials: ApiCredentials;
  readonly timezone: string;
  /** Workspace ids or names the server may show; null: every workspace the credential sees. */
  readonly workspaces: readonly string[] | null;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly maxAttempts: number;
  readonly cursorTtlMs: number;
  /** null: cursors in process memory; else a redis:// or rediss:// URL shared by replicas. */
  readonly cursorStoreUrl: string | null;
  readonly logLevel: LogLevel;
}

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === ''
    ? undefined
    : typeof value === 'string'
      ? value.trim()
      : value;
const optionalText = z.preprocess(blankToUndefined, z.string().optional());
const positiveInt = (name: string, fallback: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${name} must be a whole number` })
      .int({ error: `${name} must be a whole number` })
      .min(1, { error: `${name} must be at least 1` })
      .max(max, { error: `${name} must be at most ${max}` })
      .default(fallback),
  );

const EnvSchema = z.object({
  CONTRAFORCE_BASE_URL: optionalText,
  CONTRAFORCE_CLIENT_ID: optionalText,
  CONTRAFORCE_CLIENT_SECRET: optionalText,
  CONTRAFORCE_API_TOKEN: optionalText,
  CONTRAFORCE_TIMEZONE: optionalText,
  CONTRAFORCE_WORKSPACES: optionalText,
  CONTRAFORCE_TIMEOUT_MS: positiveInt('CONTRAFORCE_TIMEOUT_MS', 30_000, 600_000),
  CONTRAFORCE_CONNECT_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  CONTRAFORCE_HEADERS_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  CONTRAFORCE_BODY_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  CONTRAFORCE_MAX_ATTEMPTS: positiveInt('CONTRAFORCE_MAX_ATTEMPTS', 3, 10),
  CONTRAFORCE_CURSOR_TTL_SECONDS: positiveInt('CONTRAFORCE_CURSOR_TTL_SECONDS', 3_600, 86_400),
  CONTRAFORCE_CURSOR_STORE: optionalText,
  CONTRAFORCE_LOG_LEVEL: z.preprocess(
    (v) => (typeof blankToUndefined(v) === 'string' ? String(v).trim().toLowerCase() : undefined),
    z
      .enum(['debug', 'info', 'warn', 'error'], {
        error: 'CONTRAFORCE_LOG_LEVEL must be one of debug, info, warn, error',
      })
      .default('info'),
  ),
});

/** The demo credentials are the simulator's; they open nothing real. */
export interface DemoTarget {
  baseUrl: string;
  credentials: ApiCredentials;
}

/**
 * Reads the environment into one frozen Config. Throws ConfigurationError with a one-line message
 * that says exactly what to set.
 */
export function loadConfig(env: NodeJS.ProcessEnv, demo?: DemoTarget): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    const message = issue?.message ?? 'is invalid';
    throw new ConfigurationError(message.startsWith(name) ? message : `${name}: ${message}`);
  }
  const e = parsed.data;

  const timezone = canonicalTimeZone(e.CONTRAFORCE_TIMEZONE ?? 'UTC');
  if (!timezone) {
    throw new ConfigurationError(
      `CONTRAFORCE_TIMEZONE "${e.CONTRAFORCE_TIMEZONE}" is not an IANA time zone; set it to e.g. Europe/Berlin, America/New_York or UTC.`,
    );
  }

  let baseUrl: string;
  let credentials: ApiCredentials;
  if (demo) {
    baseUrl = demo.baseUrl;
    credentials = demo.credentials;
  } else {
    baseUrl = e.CONTRAFORCE_BASE_URL ?? DEFAULT_BASE_URL;
    try {
      apiRootFromBaseUrl(baseUrl);
    } catch (error) {
      throw new ConfigurationError(`CONTRAFORCE_BASE_URL: ${(error as Error).message}.`);
    }
    credentials = credentialsFrom(e);
  }

  const store = e.CONTRAFORCE_CURSOR_STORE;
  if (store && store !== 'memory' && !/^rediss?:\/\/./i.test(store)) {
    throw new ConfigurationError(
      'CONTRAFORCE_CURSOR_STORE must be "memory" or a Redis URL such as redis://redis:6379/0 (rediss:// for TLS).',
    );
  }

  const workspaces = e.CONTRAFORCE_WORKSPACES?.split(',')
    .map((w) => w.trim())
    .filter(Boolean);

  return Object.freeze({
    demo: demo !== undefined,
    baseUrl,
    credentials,
    timezone,
    workspaces: workspaces?.length ? Object.freeze([...new Set(workspaces)]) : null,
    connectTimeoutMs: e.CONTRAFORCE_CONNECT_TIMEOUT_MS ?? e.CONTRAFORCE_TIMEOUT_MS,
    headersTimeoutMs: e.CONTRAFORCE_HEADERS_TIMEOUT_MS ?? e.CONTRAFORCE_TIMEOUT_MS,
    bodyTimeoutMs: e.CONTRAFORCE_BODY_TIMEOUT_MS ?? e.CONTRAFORCE_TIMEOUT_MS,
    maxAttempts: e.CONTRAFORCE_MAX_ATTEMPTS,
    cursorTtlMs: e.CONTRAFORCE_CURSOR_TTL_SECONDS * 1000,
    cursorStoreUrl: store && store !== 'memory' ? store : null,
    logLevel: e.CONTRAFORCE_LOG_LEVEL,
  });
}

function credentialsFrom(e: z.infer<typeof EnvSchema>): ApiCredentials {
  const id = e.CONTRAFORCE_CLIENT_ID;
  const secret = e.CONTRAFORCE_CLIENT_SECRET;
  const token = e.CONTRAFORCE_API_TOKEN;
  if (token && (id || secret)) {
    throw new ConfigurationError(
      'Set either CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET (HTTP Basic) or CONTRAFORCE_API_TOKEN (Bearer), not both.',
    );
  }
  if (token) return { kind: 'bearer', token };
  if (id && secret) return { kind: 'basic', clientId: id, clientSecret: secret };
  if (id)
    throw new ConfigurationError(
      "CONTRAFORCE_CLIENT_SECRET is not set; set it to the service account's client secret.",
    );
  if (secret)
    throw new ConfigurationError(
      "CONTRAFORCE_CLIENT_ID is not set; set it to the service account's client id.",
    );
  throw new ConfigurationError(
    'No ContraForce credentials: set CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET (a service account with incidents:read), or CONTRAFORCE_API_TOKEN; or run with --demo to try the built-in simulator.',
  );
}
