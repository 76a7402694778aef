import { JSONParser } from '@streamparser/json';
import type { Dispatcher } from 'undici';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import {
  type ListIncidentsEnvelope,
  ListIncidentsEnvelopeSchema,
  type ListIncidentsResponse,
  parseIncident,
} from '../schemas/incident.js';
import { type ApiProblemDetails, ApiProblemDetailsSchema } from '../schemas/problem.js';
import {
  type ListIncidentsAcrossWorkspacesRequest,
  ListIncidentsAcrossWorkspacesRequestSchema,
} from '../schemas/request.js';
import { multiLine } from '../util/sanitize.js';
import { USER_AGENT } from '../version.js';
import { apiRootFromBaseUrl } from './baseUrl.js';
import { ContraForceApiError, describeHttpError } from './errors.js';
import { createRetryPolicy } from './retryPolicy.js';

export type ApiCredentials =
  | { kind: 'basic'; clientId: string; clientSecret: string }
  | { kind: 'bearer'; token: string };

export interface ContraForceClientOptions {
  baseUrl: string;
  credentials: ApiCredentials;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  retryMaxTotalWaitMs?: number;
  /** Responses larger than this are refused (default 64 MiB). */
  maxResponseBytes?: number;
  /** streamIncidents parses bodies of this size or more (or of unknown size) as they arrive (default 4 MiB). */
  streamFromBytes?: number;
  logger?: Logger;
  /** For tests: a custom dispatcher instead of the proxy-aware keep-alive pool. */
  dispatcher?: Dispatcher;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

export interface IncidentStream {
  /** The page's incidents as JSON values, in order. Iterate once. */
  incidents: AsyncIterable<unknown>;
  /** Tokens and the more-flag; available once every incident has been read. */
  rest(): Promise<Omit<ListIncidentsEnvelope['data'], 'incidents'>>;
}

export interface ContraForceClient {
  /** POST /api/v2/incidents/across-workspaces: one chunk of the cross-workspace incident list. */
  listIncidentsAcrossWorkspaces(
    body: ListIncidentsAcrossWorkspacesRequest,
    options?: RequestOptions,
  ): Promise<ListIncidentsResponse>;
  /**
   * The same call for readers of whole listings: incidents come one at a time, unparsed (read
   * them with `parseIncident`); a large page is parsed as it arrives and never held whole.
   */
  streamIncidents(
    body: ListIncidentsAcrossWorkspacesRequest,
    options?: RequestOptions,
  ): Promise<IncidentStream>;
  /** The same call with the incidents left unparsed; read them with `parseIncident`. */
  listIncidentsEnvelope(
    body: ListIncidentsAcrossWorkspacesRequest,
    options?: RequestOptions,
  ): Promise<ListIncidentsEnvelope>;
  /** The API root in use, e.g. https://portal.contraforce.com/api/v2 (no credentials in it). */
  readonly apiRoot: string;
  /** Whether the API host answers HTTP at all (any status), without credentials and without retries. */
  probe(timeoutMs?: number): Promise<{ reachable: boolean; detail: string }>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const DEFAULT_STREAM_FROM_BYTES = 4 * 1024 * 1024;

/** Strict: the client never sends a body the vendor's schema would reject. */
function strictRequest(body: ListIncidentsAcrossWorkspacesRequest): ListIncidentsAcrossWorkspacesRequest {
  return ListIncidentsAcrossWorkspacesRequestSchema.parse(body);
}

function authorizationHeader(credentials: ApiCredentials): string {
  if (credentials.kind === 'bearer') return `Bearer ${credentials.token}`;
  const pair = `${credentials.clientId}:${credentials.clientSecret}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

export function createContraForceClient(options: ContraForceClientOptions): ContraForceClient {
  const apiRoot = apiRootFromBaseUrl(options.baseUrl);
  const logger = options.logger ?? silentLogger;
  const timeouts = {
    connect: options.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: options.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    body: options.bodyTimeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const streamFromBytes = options.streamFromBytes ?? DEFAULT_STREAM_FROM_BYTES;
  const authorization = authorizationHeader(options.credentials);

  // Keep-alive pool that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY, wrapped in undici's retry
  // interceptor (throwOnError false: the last failed response comes back with its problem+json
  // body). undici is loaded on the first request, not at start-up.
  let pool: Promise<{ base: Dispatcher; dispatcher: Dispatcher }> | undefined;
  const dispatchers = () => {
    pool ??= import('undici').then((loaded) => {
      // Bundled, undici (CommonJS) may come back as its module.exports under `default`.
      const wrapped = (loaded as unknown as { default?: typeof loaded }).default;
      const undici = wrapped?.EnvHttpProxyAgent ? wrapped : loaded;
      const { EnvHttpProxyAgent, interceptors } = undici;
      const base =
        options.dispatcher ??
        new EnvHttpProxyAgent({
          connect: { timeout: timeouts.connect },
          headersTimeout: timeouts.headers,
          bodyTimeout: timeouts.body,
          keepAliveTimeout: 10_000,
        });
      return { base, dispatcher: base.compose(interceptors.retry({ throwOnError: false })) };
    });
    return pool;
  };
  const retrySettings = {
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: options.retryBaseDelayMs ?? 500,
    maxDelayMs: options.retryMaxDelayMs ?? 10_000,
    maxTotalWaitMs: options.retryMaxTotalWaitMs ?? 30_000,
  };

  interface Sent {
    response: Dispatcher.ResponseData;
    where: { method: string; url: string };
    requestId: string | undefined;
    attempts: () => number;
    started: number;
    signal: AbortSignal | undefined;
  }

  /** POSTs JSON with retries; resolves when the response headers arrive. */
  async function send(path: string, body: unknown, signal: AbortSignal | undefined): Promise<Sent> {
    const url = new URL(`${apiRoot.pathname}${path}`, apiRoot);
    const method = 'POST';
    const where = { method, url: url.toString() };
    const started = Date.now();
    let attempts = 1;
    const retry = createRetryPolicy({
      ...retrySettings,
      onRetry: (info) => {
        attempts = info.attempt + 1;
        logger.warn('retrying ContraForce request', { ...info, ...where });
      },
    });
    let response: Dispatcher.ResponseData;
    try {
      const { dispatcher } = await dispatchers();
      response = await dispatcher.request({
        origin: url.origin,
        path: url.pathname,
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          authorization,
        },
        body: JSON.stringify(body),
        signal,
        headersTimeout: timeouts.headers,
        bodyTimeout: timeouts.body,
        retryOptions: { retry },
      } as Dispatcher.RequestOptions);
    } catch (error) {
      throw networkError(error, where, signal, timeouts);
    }
    const requestId = headerValue(response.headers['x-request-id']);
    return { response, where, requestId, attempts: () => attempts, started, signal };
  }

  function tooLarge(sent: Sent): ContraForceApiError {
    return new ContraForceApiError(
      `ContraForce sent a response over ${Math.round(maxResponseBytes / 1024 / 1024)} MiB; narrow the query (severities, statuses, a shorter window).`,
      { kind: 'too_large', ...sent.where, status: sent.response.statusCode, requestId: sent.requestId },
    );
  }

  function notJson(sent: Sent, detail: string, cause?: unknown): ContraForceApiError {
    return new ContraForceApiError(
      withId(
        `ContraForce sent a response that is not JSON (HTTP ${sent.response.statusCode}, ${detail}); try again, and report it if it persists.`,
        sent.requestId,
      ),
      {
        kind: 'malformed',
        ...sent.where,
        status: sent.response.statusCode,
        requestId: sent.requestId,
        cause,
      },
    );
  }

  /** Reads the whole body: a problem+json error is thrown, a 2xx body is returned parsed. */
  async function readJson(sent: Sent): Promise<unknown> {
    const { response, where, requestId } = sent;
    let raw: string;
    try {
      raw = await readCapped(response.body, maxResponseBytes);
    } catch (error) {
      if (error instanceof ResponseTooLarge) throw tooLarge(sent);
      throw networkError(error, where, sent.signal, timeouts);
    }
    logger.debug('ContraForce response', {
      ...where,
      status: response.statusCode,
      ms: Date.now() - sent.started,
      bytes: raw.length,
      requestId,
    });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const problem = parseProblem(raw);
      throw new ContraForceApiError(
        describeHttpError(response.statusCode, problem, requestId, sent.attempts()),
        {
          kind: 'http',
          ...where,
          status: response.statusCode,
          problem,
          requestId,
        },
      );
    }
    try {
      return JSON.parse(raw);
    } catch (cause) {
      throw notJson(sent, `${raw.length} bytes`, cause);
    }
  }

  function parseEnvelope(json: unknown, sent: Sent): ListIncidentsEnvelope {
    const parsed = ListIncidentsEnvelopeSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new ContraForceApiError(
        withId(
          `ContraForce sent a response in an unexpected shape (${issue?.message ?? 'invalid'}${at}); try again, and report it if it persists.`,
          sent.requestId,
        ),
        { kind: 'malformed', ...sent.where, status: sent.response.statusCode, requestId: sent.requestId },
      );
    }
    return parsed.data;
  }

  /**
   * A large 2xx body parsed as it arrives: incidents are handed out one at a time, so a page of
   * thousands never exists whole in memory. The rest of the envelope is read at the end.
   */
  function streamEnvelope(sent: Sent): IncidentStream {
    const parser = new JSONParser({
      paths: ['$.data.incidents.*', '$.data.sourcePageTokens', '$.data.moreIncidentsAvailable', '$.meta'],
      keepStack: false,
    });
    const queue: unknown[] = [];
    const rest: Record<string, unknown> = {};
    parser.onValue = ({ value, key }) => {
      // Array indices are incidents; the named keys are the envelope's other fields.
      if (typeof key === 'number') queue.push(value);
      else if (typeof key === 'string') rest[key] = value;
    };
    let finished = false;
    const body = sent.response.body;
    async function* incidents(): AsyncGenerator<unknown> {
      let bytes = 0;
      try {
        for await (const chunk of body as AsyncIterable<Uint8Array>) {
          bytes += chunk.byteLength;
          if (bytes > maxResponseBytes) throw tooLarge(sent);
          try {
            parser.write(chunk);
          } catch (cause) {
            throw notJson(sent, `invalid at byte ${bytes}`, cause);
          }
          for (let i = 0; i < queue.length; i++) yield queue[i];
          queue.length = 0;
        }
        if (!parser.isEnded) throw notJson(sent, `ended early after ${bytes} bytes`);
        finished = true;
      } catch (error) {
        if (error instanceof ContraForceApiError) throw error;
        throw networkError(error, sent.where, sent.signal, timeouts);
      } finally {
        // Stopped early (a budget, a match, a cancel): release the connection.
        if (!finished) body.destroy();
      }
    }
    return {
      incidents: incidents(),
      async rest() {
        if (!finished) throw new Error('read every incident of the page before the rest of it');
        const { meta, ...data } = rest;
        const { incidents: _none, ...tail } = parseEnvelope(
          { data: { ...data, incidents: [] }, meta },
          sent,
        ).data;
        return tail;
      },
    };
  }

  async function listIncidentsEnvelope(
    body: ListIncidentsAcrossWorkspacesRequest,
    requestOptions: RequestOptions = {},
  ): Promise<ListIncidentsEnvelope> {
    const sent = await send('/incidents/across-workspaces', strictRequest(body), requestOptions.signal);
    return parseEnvelope(await readJson(sent), sent);
  }

  async function streamIncidents(
    body: ListIncidentsAcrossWorkspacesRequest,
    requestOptions: RequestOptions = {},
  ): Promise<IncidentStream> {
    const sent = await send('/incidents/across-workspaces', strictRequest(body), requestOptions.signal);
    const length = Number(headerValue(sent.response.headers['content-length']) ?? Number.NaN);
    const ok = sent.response.statusCode >= 200 && sent.response.statusCode < 300;
    if (ok && !(length < streamFromBytes)) return streamEnvelope(sent);
    const { incidents: list, ...tail } = parseEnvelope(await readJson(sent), sent).data;
    return {
      incidents: (async function* () {
        for (let i = 0; i < list.length; i++) {
          const incident = list[i];
          list[i] = undefined; // collectable once handed out
          yield incident;
        }
      })(),
      rest: async () => tail,
    };
  }

  return {
    apiRoot: apiRoot.toString(),
    listIncidentsEnvelope,
    streamIncidents,
    async listIncidentsAcrossWorkspaces(body, requestOptions = {}) {
      const envelope = await listIncidentsEnvelope(body, requestOptions);
      return {
        ...envelope,
        data: { ...envelope.data, incidents: envelope.data.incidents.map(parseIncident) },
      };
    },
    async probe(timeoutMs = 5_000) {
      try {
        const { base } = await dispatchers();
        const response = await base.request({
          origin: apiRoot.origin,
          path: apiRoot.pathname,
          method: 'GET',
          headers: { 'user-agent': USER_AGENT },
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body.dump();
        return { reachable: true, detail: `${apiRoot.host} answered HTTP ${response.statusCode}` };
      } catch (error) {
        const code = (error as { code?: string }).code;
        return {
          reachable: false,
          detail: `${apiRoot.host} did not answer (${code ?? (error as Error).message})`,
        };
      }
    },
    async close() {
      if (pool) await (await pool).base.close();
    },
  };
}

function withId(text: string, requestId: string | undefined): string {
  return requestId ? `${text} (request id ${requestId})` : text;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseProblem(raw: string): ApiProblemDetails | undefined {
  try {
    const parsed = ApiProblemDetailsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return undefined;
    // Upstream text reaches the model inside our messages: keep it clean and short.
    const problem = parsed.data;
    return {
      ...problem,
      title: problem.title && multiLine(problem.title, 200),
      detail: problem.detail && multiLine(problem.detail, 500),
    };
  } catch {
    return undefined;
  }
}

class ResponseTooLarge extends Error {}

/**
 * Reads the body as text up to a size cap. Decoding chunk by chunk (instead of concatenating
 * the bytes first) never holds a second copy of a page that can run to tens of megabytes.
 */
async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy();
      throw new ResponseTooLarge();
    }
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function networkError(
  error: unknown,
  where: { method: string; url: string },
  signal: AbortSignal | undefined,
  timeouts: { connect: number; headers: number; body: number },
): ContraForceApiError {
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new ContraForceApiError('The ContraForce request was cancelled.', {
      kind: 'aborted',
      ...where,
      cause: error,
    });
  }
  const host = new URL(where.url).host;
  const code = (error as { code?: string } | null)?.code;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ContraForceApiError(
      `Could not connect to ContraForce at ${host} within ${timeouts.connect / 1000} s; check CONTRAFORCE_BASE_URL and the network or proxy (HTTPS_PROXY).`,
      { kind: 'timeout', ...where, cause: error },
    );
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    const limit = code === 'UND_ERR_HEADERS_TIMEOUT' ? timeouts.headers : timeouts.body;
    return new ContraForceApiError(
      `ContraForce did not answer within ${limit / 1000} s; try again, or narrow the query (fewer sources, a shorter window).`,
      { kind: 'timeout', ...where, cause: error },
    );
  }
  return new ContraForceApiError(
    `Could not reach ContraForce at ${host} (${code ?? (error instanceof Error ? error.message : 'network error')}); check CONTRAFORCE_BASE_URL, the network and any proxy settings, then try again.`,
    { kind: 'network', ...where, cause: error },
  );
}
