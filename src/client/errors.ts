import type { ApiProblemDetails } from '../schemas/problem.js';

export type ApiErrorKind =
  | 'http' // the API answered with a non-2xx status
  | 'network' // connection refused, reset, DNS, TLS
  | 'timeout' // connect, headers or body timeout
  | 'aborted' // the caller cancelled
  | 'malformed' // the body is not JSON or not the documented shape
  | 'too_large'; // the body exceeded the client's size cap

export interface ApiErrorDetails {
  kind: ApiErrorKind;
  method: string;
  /** The request URL. Never carries credentials (they travel in a header). */
  url: string;
  status?: number | undefined;
  problem?: ApiProblemDetails | undefined;
  requestId?: string | undefined;
  attempts?: number | undefined;
  cause?: unknown;
}

/**
 * Every failure of a ContraForce API call. `message` is written for an analyst or an LLM: it says
 * what happened and what to do, and never contains a credential.
 */
export class ContraForceApiError extends Error {
  override readonly name = 'ContraForceApiError';
  readonly kind: ApiErrorKind;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: Readonly<Record<string, readonly string[]>> | undefined;
  /** True when trying the same call again later may succeed. */
  readonly retryable: boolean;

  constructor(message: string, details: ApiErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.code = details.problem?.code ?? undefined;
    this.title = details.problem?.title ?? undefined;
    this.detail = details.problem?.detail ?? undefined;
    this.requestId = details.requestId ?? details.problem?.requestId ?? undefined;
    this.fieldErrors = details.problem?.errors ?? undefined;
    this.retryable =
      details.kind === 'network' ||
      details.kind === 'timeout' ||
      (details.kind === 'http' && (details.status === 429 || (details.status ?? 0) >= 500));
  }
}

const CREDENTIAL_HINT =
  'check CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET (or CONTRAFORCE_API_TOKEN) and that the credential has not expired';

function formatFieldErrors(errors: Record<string, string[]> | null | undefined): string {
  if (!errors) return '';
  const parts = Object.entries(errors).map(([field, messages]) =>
    field === '' ? messages.join('; ') : `${field}: ${messages.join('; ')}`,
  );
  return parts.length ? ` Field errors: ${parts.join(' | ')}.` : '';
}

function withRequestId(text: string, requestId: string | undefined): string {
  return requestId ? `${text} (request id ${requestId})` : text;
}

/** The actionable message for an HTTP error response. */
export function describeHttpError(
  status: number,
  problem: ApiProblemDetails | undefined,
  requestId: string | undefined,
  attempts: number,
): string {
  const code = problem?.code ? ` ${problem.code}` : '';
  const detail = problem?.detail ?? problem?.title ?? '';
  const said = detail ? `: ${detail}` : '';
  let text: string;
  if (status === 401) {
    text = `ContraForce rejected the credentials (401${code}); ${CREDENTIAL_HINT}.`;
  } else if (status === 403) {
    text =
      problem?.code === 'INSUFFICIENT_WORKSPACE_ROLE'
        ? `ContraForce denied access (403 INSUFFICIENT_WORKSPACE_ROLE${said}); give the service account a role on the workspace in the ContraForce portal.`
        : `ContraForce denied access (403${code}${said}); the service account needs the incidents:read scope and a role on each workspace.`;
  } else if (status === 400) {
    text = `ContraForce rejected the request (400${code}${said}).${formatFieldErrors(problem?.errors)}`;
  } else if (status === 404) {
    text = `ContraForce found no such resource (404${code}${said}); check CONTRAFORCE_BASE_URL.`;
  } else if (status === 429) {
    text = `ContraForce is rate limiting requests (429) and still did after ${attempts} attempt(s); wait a minute and try again, or narrow the query.`;
  } else if (status >= 500) {
    text = `ContraForce had a server error (${status}${code}${said}) after ${attempts} attempt(s); try again shortly.`;
  } else {
    text = `ContraForce answered with HTTP ${status}${code}${said}.`;
  }
  return withRequestId(text, requestId ?? problem?.requestId ?? undefined);
}
