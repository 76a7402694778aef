import { ConfigurationError } from '../errors.js';

export interface HttpOptions {
  host: string;
  port: number;
  /** MCP_HTTP_TOKEN: every /mcp request must carry it as a Bearer token. */
  token: string | null;
  /** Origins allowed besides loopback pages (MCP_ALLOWED_ORIGINS), e.g. https://agents.example.com. */
  allowedOrigins: string[];
  /** Host names allowed besides loopback and the bind address (MCP_ALLOWED_HOSTS), e.g. mcp.example.com. */
  allowedHosts: string[];
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  shutdownTimeoutMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigurationError(`${name} must be a whole number from ${min} to ${max}; got "${value}".`);
  }
  return n;
}

/** HTTP transport settings from --host/--port and the environment; errors say what to set. */
export function loadHttpOptions(
  flags: { host?: string | undefined; port?: string | undefined },
  env: NodeJS.ProcessEnv,
): HttpOptions {
  const host = (flags.host ?? '127.0.0.1').trim();
  const port = whole('--port', flags.port, 3000, 0, 65_535);
  const token = env.MCP_HTTP_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) {
    throw new ConfigurationError(
      'MCP_HTTP_TOKEN is too short; use at least 16 random characters (e.g. `openssl rand -hex 32`).',
    );
  }
  if (!isLoopbackHost(host) && token === null) {
    throw new ConfigurationError(
      `Refusing to listen on ${host} without MCP_HTTP_TOKEN: set it to a long random secret that clients send as "Authorization: Bearer <token>", or bind 127.0.0.1.`,
    );
  }
  return {
    host,
    port,
    token,
    allowedOrigins: list(env.MCP_ALLOWED_ORIGINS).map((o) => o.toLowerCase().replace(/\/+$/, '')),
    allowedHosts: list(env.MCP_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
    maxBodyBytes: whole('MCP_MAX_BODY_BYTES', env.MCP_MAX_BODY_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
    rateLimitPerMinute: whole('MCP_RATE_LIMIT_PER_MINUTE', env.MCP_RATE_LIMIT_PER_MINUTE, 600, 1, 1_000_000),
    shutdownTimeoutMs: 10_000,
  };
}
