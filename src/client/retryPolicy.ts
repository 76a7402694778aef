import type { RetryHandler } from 'undici';

export interface RetryPolicyOptions {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** First backoff delay; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Longest single wait, Retry-After included. */
  maxDelayMs: number;
  /** Longest total time spent waiting between attempts of one request. */
  maxTotalWaitMs: number;
  /** Injectable for tests; Math.random by default. */
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; status?: number; code?: string }) => void;
}

export const RETRY_STATUS_CODES = [429, 502, 503, 504];
export const RETRY_ERROR_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
];

/** Parses Retry-After (delta seconds or an HTTP date) to milliseconds; null when absent or bad. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * A `retry` function for undici's retry interceptor: exponential backoff with equal jitter,
 * Retry-After honoured, and both the attempt count and the total wait bounded. The wait ends
 * early when the caller's AbortSignal fires. Make one per request: it keeps that request's total.
 */
export function createRetryPolicy(options: RetryPolicyOptions): RetryHandler.RetryCallback {
  const random = options.random ?? Math.random;
  let spent = 0; // one policy per request: the total waited so far

  return (err, { state, opts }, callback) => {
    const { statusCode, code, headers } = err as Error & {
      statusCode?: number;
      code?: string;
      headers?: Record<string, string | string[] | undefined>;
    };
    const retryable =
      statusCode != null && code === 'UND_ERR_REQ_RETRY'
        ? RETRY_STATUS_CODES.includes(statusCode)
        : code != null && RETRY_ERROR_CODES.includes(code);
    const attempt = state.counter; // attempts made so far
    const signal = (opts as { signal?: AbortSignal }).signal;
    if (!retryable || attempt >= options.maxAttempts || signal?.aborted) {
      callback(err);
      return;
    }

    const retryAfter = statusCode != null ? parseRetryAfter(headers?.['retry-after']) : null;
    const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
    const delayMs = retryAfter != null ? retryAfter : Math.round(backoff / 2 + (random() * backoff) / 2);
    if (delayMs > options.maxDelayMs || spent + delayMs > options.maxTotalWaitMs) {
      callback(err);
      return;
    }
    spent += delayMs;
    options.onRetry?.({
      attempt,
      delayMs,
      ...(statusCode != null ? { status: statusCode } : {}),
      ...(code && code !== 'UND_ERR_REQ_RETRY' ? { code } : {}),
    });

    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      callback(null);
    }, delayMs);
    const onAbort = () => {
      clearTimeout(timer);
      callback(err);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  };
}
