import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type HttpOptions, isLoopbackHost } from './httpOptions.js';

// Checks every request passes before it reaches MCP, per the specification's security guidance
// for Streamable HTTP: validate Host and Origin (DNS rebinding), authenticate, bound the load.

export interface Rejection {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

function hostnameOf(hostHeader: string): string {
  const text = hostHeader.trim().toLowerCase();
  if (text.startsWith('[')) return text.slice(0, text.indexOf(']') + 1);
  return text.replace(/:\d+$/, '');
}

/** Host must name this server: loopback, the bind address, or MCP_ALLOWED_HOSTS. */
export function checkHost(req: IncomingMessage, options: HttpOptions): Rejection | null {
  const header = req.headers.host;
  if (!header) return { status: 400, message: 'Missing Host header.' };
  const host = hostnameOf(header);
  const bindHost = options.host.toLowerCase();
  const allowed =
    isLoopbackHost(host) ||
    (host === bindHost && bindHost !== '0.0.0.0' && bindHost !== '::') ||
    options.allowedHosts.includes(host);
  return allowed
    ? null
    : { status: 403, message: `Host ${host} is not allowed; add it to MCP_ALLOWED_HOSTS.` };
}

/** A browser Origin must be a loopback page or one of MCP_ALLOWED_ORIGINS; no Origin (non-browser clients) is fine. */
export function checkOrigin(req: IncomingMessage, options: HttpOptions): Rejection | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  const normalised = origin.trim().toLowerCase().replace(/\/+$/, '');
  if (options.allowedOrigins.includes(normalised)) return null;
  try {
    const url = new URL(normalised);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return null;
  } catch {
    // not a URL: rejected below
  }
  return { status: 403, message: 'Origin not allowed; add it to MCP_ALLOWED_ORIGINS.' };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer token check in constant time (both sides hashed, so lengths do not leak either). */
export function checkBearer(req: IncomingMessage, options: HttpOptions): Rejection | null {
  if (options.token === null) return null;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const ok = match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(options.token));
  return ok
    ? null
    : {
        status: 401,
        message: 'Missing or invalid bearer token.',
        headers: { 'www-authenticate': 'Bearer realm="contraforce-mcp"' },
      };
}

/** A token bucket per client address: `perMinute` requests a minute, bursts up to the same. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(client: string): Rejection | null {
    const now = this.now();
    if (this.buckets.size > 10_000) this.prune(now);
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, updated: now };
    bucket.tokens = Math.min(
      this.perMinute,
      bucket.tokens + ((now - bucket.updated) / 60_000) * this.perMinute,
    );
    bucket.updated = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    const retryAfter = Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60);
    return { status: 429, message: 'Too many requests.', headers: { 'retry-after': String(retryAfter) } };
  }

  private prune(now: number): void {
    for (const [client, bucket] of this.buckets)
      if (now - bucket.updated > 600_000) this.buckets.delete(client);
  }
}
