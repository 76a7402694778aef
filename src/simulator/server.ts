import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ListIncidentsAcrossWorkspacesRequest,
  ListIncidentsAcrossWorkspacesRequestSchema,
} from '../schemas/request.js';
import { createDataset, type SimDataset, type SimIncident } from './dataset.js';
import { matchesFilter, newestFirst, type ResolvedFilter, resolveFilter } from './filter.js';

// A faithful stand-in for POST /api/v2/incidents/across-workspaces, on loopback. Used by the
// tests, `--demo` and `npm run simulator`.

export const DEMO_CREDENTIALS = Object.freeze({
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret',
  token: 'demo-bearer-token',
});

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: string; code?: string; detail?: string }
  | { kind: 'malformed' }
  | { kind: 'reset' }
  | { kind: 'workspaceFailure'; workspaceId: string };

export interface SimulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  /** Regular incidents over the last 30 days (default 1,800; the odd and recent records come on top). */
  incidentCount?: number;
  /** Incidents per workspace source per call (default 50). */
  pageSize?: number;
  /** The simulator's clock; the dataset is laid out relative to it at start. */
  now?: () => number;
  credentials?: { clientId: string; clientSecret: string; token: string };
  /** A prebuilt dataset (shared between simulators in a test run, or a large one for benchmarks). */
  dataset?: SimDataset;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  auth: 'basic' | 'bearer' | 'none' | 'rejected';
  userAgent: string | undefined;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  status: number | 'reset';
  requestId: string;
  fault?: Fault['kind'];
}

export interface Simulator {
  /** Base URL to configure clients with, e.g. http://127.0.0.1:41234 (the API lives under /api/v2). */
  readonly url: string;
  readonly dataset: SimDataset;
  readonly credentials: { clientId: string; clientSecret: string; token: string };
  /** Every request received, in order. */
  readonly requests: RequestLogEntry[];
  /** Page size per workspace source; may be changed between calls. */
  pageSize: number;
  /** Applies `fault` to the next `times` requests (Infinity: until cleared). */
  injectFault(fault: Fault, times?: number): void;
  clearFaults(): void;
  /** The incidents a request's filters select, newest first, with presets anchored at `anchorMs`. */
  groundTruth(filters: Partial<ListIncidentsAcrossWorkspacesRequest>, anchorMs?: number): SimIncident[];
  now(): number;
  stop(): Promise<void>;
}

interface TokenPayload {
  w: string; // workspace id
  s: string; // source
  o: number; // offset into the stream
  a: number; // anchor: the first call's clock, so preset windows stay fixed while paging
  f: string; // hash of the filters the listing was started with
}

const API_PATH = '/api/v2/incidents/across-workspaces';
const MAX_BODY_BYTES = 1024 * 1024;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const dataset =
    options.dataset ?? createDataset({ seed: options.seed, now: now(), count: options.incidentCount });
  const credentials = options.credentials ?? { ...DEMO_CREDENTIALS };
  const requests: RequestLogEntry[] = [];
  let faults: { fault: Fault; remaining: number }[] = [];

  // Incidents per workspace source, newest first: the streams a listing pages through.
  const streams = new Map<string, SimIncident[]>();
  for (const incident of dataset.incidents) {
    const key = streamKey(incident.workspaceId, incident.source);
    const list = streams.get(key) ?? [];
    list.push(incident);
    streams.set(key, list);
  }
  for (const list of streams.values()) list.sort(newestFirst);

  const state = { pageSize: options.pageSize ?? 50 };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendProblem(res, 500, 'INTERNAL_ERROR', 'Internal server error', String(error), randomUUID());
    });
  });

  function takeFaults(): Fault[] {
    const taken: Fault[] = [];
    for (const entry of faults) {
      if (entry.remaining <= 0) continue;
      entry.remaining -= 1;
      taken.push(entry.fault);
    }
    faults = faults.filter((entry) => entry.remaining > 0);
    return taken;
  }

  function checkAuth(header: string | undefined): RequestLogEntry['auth'] {
    if (!header) return 'none';
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'basic') {
      const expected = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
      return safeEqual(value, expected) ? 'basic' : 'rejected';
    }
    if (scheme?.toLowerCase() === 'bearer')
      return safeEqual(value, credentials.token) ? 'bearer' : 'rejected';
    return 'rejected';
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // logged as text
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path,
      auth: checkAuth(req.headers.authorization),
      userAgent: req.headers['user-agent'],
      body,
      status: 200,
      requestId,
    };
    requests.push(entry);

    let failingWorkspaces = new Set<string>();
    for (const fault of takeFaults()) {
      if (fault.kind === 'latency') {
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        continue;
      }
      if (fault.kind === 'workspaceFailure') {
        failingWorkspaces = new Set([...failingWorkspaces, fault.workspaceId]);
        continue;
      }
      entry.fault = fault.kind;
      if (fault.kind === 'reset') {
        entry.status = 'reset';
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":{"incidents":[{"id":"3f1c", "title": "Truncat');
        return;
      }
      entry.status = fault.status;
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
      sendProblem(
        res,
        fault.status,
        fault.code ?? (fault.status === 429 ? 'TOO_MANY_REQUESTS' : 'INTERNAL_ERROR'),
        fault.status === 429 ? 'Too many requests' : 'Server error',
        fault.detail ?? null,
        requestId,
      );
      return;
    }

    if (path !== API_PATH) {
      entry.status = 404;
      return sendProblem(res, 404, 'NOT_FOUND', 'Not found', `No route for ${path}`, requestId);
    }
    if (req.method !== 'POST') {
      entry.status = 405;
      return sendProblem(res, 405, 'BAD_REQUEST', 'Method not allowed', 'Use POST', requestId);
    }
    if (entry.auth === 'none' || entry.auth === 'rejected') {
      entry.status = 401;
      res.setHeader('www-authenticate', 'Basic realm="ContraForce", Bearer');
      return sendProblem(
        res,
        401,
        'UNAUTHORIZED',
        'Unauthorized',
        'Missing or invalid credentials.',
        requestId,
      );
    }
    if (typeof body !== 'object' || body === null) {
      entry.status = 400;
      return sendProblem(
        res,
        400,
        'BAD_REQUEST',
        'Bad request',
        'The request body must be a JSON object.',
        requestId,
      );
    }
    const parsed = ListIncidentsAcrossWorkspacesRequestSchema.safeParse(body);
    if (!parsed.success) {
      entry.status = 400;
      const errors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const keys =
          issue.code === 'unrecognized_keys'
            ? issue.keys.map((k) => [...issue.path, k].join('.'))
            : [issue.path.join('.')];
        for (const key of keys) {
          const message = issue.code === 'unrecognized_keys' ? 'Unknown field.' : issue.message;
          errors[key] = [...(errors[key] ?? []), message];
        }
      }
      return sendProblem(
        res,
        400,
        'VALIDATION_ERROR',
        'Validation failed',
        'One or more fields are invalid.',
        requestId,
        errors,
      );
    }
    const result = listPage(parsed.data, failingWorkspaces);
    if (result.error !== undefined) {
      entry.status = 400;
      return sendProblem(res, 400, 'BAD_REQUEST', 'Bad request', result.error, requestId, {
        workspacePageTokens: [result.error],
      });
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ data: result, meta: { requestId, timestamp: new Date(now()).toISOString() } }));
  }

  function listPage(request: ListIncidentsAcrossWorkspacesRequest, failing: Set<string>) {
    const filterHash = hashFilters(request);
    const tokens = request.workspacePageTokens ?? [];
    if (request.isFirstCall && tokens.length > 0) {
      return {
        error: 'isFirstCall is true but workspacePageTokens were sent; send isFirstCall: false to continue.',
      };
    }
    if (!request.isFirstCall && tokens.length === 0) {
      return { error: 'isFirstCall is false but no workspacePageTokens were sent.' };
    }

    let anchor = now();
    let cursors: { workspaceId: string; source: string; offset: number }[];
    if (request.isFirstCall) {
      const sources = request.sources?.length ? new Set<string>(request.sources) : null;
      cursors = dataset.workspaces.flatMap((w) =>
        w.sources
          .filter((s) => !sources || sources.has(s))
          .map((source) => ({ workspaceId: w.id, source, offset: 0 })),
      );
    } else {
      cursors = [];
      for (const group of tokens) {
        for (const [source, token] of Object.entries(group.sourceTokens ?? {})) {
          const payload = decodeToken(token);
          if (!payload || payload.w !== group.workspaceId || payload.s !== source) {
            return { error: `Page token for workspace ${group.workspaceId} source ${source} is invalid.` };
          }
          if (payload.f !== filterHash) {
            return {
              error: "Page token does not match the request's filters; repeat the first request's filters.",
            };
          }
          anchor = payload.a;
          cursors.push({ workspaceId: payload.w, source, offset: payload.o });
        }
      }
    }

    const filter = resolveFilter(request, anchor);
    const incidents: SimIncident[] = [];
    const byWorkspace = new Map<string, Record<string, string>>();
    for (const cursor of cursors) {
      // A failing workspace is left out silently, as the legacy API did.
      if (failing.has(cursor.workspaceId)) continue;
      const matching = matchingStream(cursor.workspaceId, cursor.source, filter, filterHash, anchor);
      const end = cursor.offset + state.pageSize;
      incidents.push(...matching.slice(cursor.offset, end));
      if (end < matching.length) {
        const sourceTokens = byWorkspace.get(cursor.workspaceId) ?? {};
        sourceTokens[cursor.source] = encodeToken({
          w: cursor.workspaceId,
          s: cursor.source,
          o: end,
          a: anchor,
          f: filterHash,
        });
        byWorkspace.set(cursor.workspaceId, sourceTokens);
      }
    }
    incidents.sort(newestFirst);
    const sourcePageTokens = [...byWorkspace].map(([workspaceId, sourceTokens]) => ({
      workspaceId,
      sourceTokens,
    }));
    return {
      error: undefined,
      incidents: incidents.map((i) => i.wire),
      sourcePageTokens,
      moreIncidentsAvailable: sourcePageTokens.length > 0,
    };
  }

  // The matching incidents of one stream, memoised for the filters and anchor of the last listing.
  const matchCache = new Map<string, SimIncident[]>();
  function matchingStream(
    workspaceId: string,
    source: string,
    filter: ResolvedFilter,
    filterHash: string,
    anchor: number,
  ): SimIncident[] {
    const key = `${filterHash}|${anchor}|${workspaceId}|${source}`;
    let matching = matchCache.get(key);
    if (!matching) {
      if (matchCache.size > 256) matchCache.clear();
      matching = (streams.get(streamKey(workspaceId, source)) ?? []).filter((i) => matchesFilter(filter, i));
      matchCache.set(key, matching);
    }
    return matching;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  server.keepAliveTimeout = 5_000;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    dataset,
    credentials,
    requests,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(value: number) {
      state.pageSize = value;
    },
    injectFault(fault, times = 1) {
      faults.push({ fault, remaining: times });
    },
    clearFaults() {
      faults = [];
    },
    groundTruth(filters, anchorMs = now()) {
      const filter = resolveFilter({ ...filters }, anchorMs);
      return dataset.incidents.filter((i) => matchesFilter(filter, i)).sort(newestFirst);
    },
    now,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function streamKey(workspaceId: string, source: string): string {
  return `${workspaceId}/${source}`;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Canonical hash of the filter fields, so a continuation with other filters is caught. */
function hashFilters(request: ListIncidentsAcrossWorkspacesRequest): string {
  const list = (v: readonly string[] | null | undefined) => (v?.length ? [...v].sort() : null);
  const canonical = {
    severities: list(request.severities),
    statuses: list(request.statuses),
    sources: list(request.sources),
    time: request.timeFilterSelection ?? null,
    query: request.query?.trim() || null,
    assigneeIds: list(request.assigneeIds),
    assigneeEmails: list(request.assigneeEmails?.map((e) => e.toLowerCase())),
    includeUnassigned: request.includeUnassigned ?? false,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

// Tokens are opaque and long, as SIEM skip tokens are: the payload, then deterministic padding.
function encodeToken(payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const pad = createHash('sha512').update(body).digest('base64url');
  return `cf1.${body}.${pad}${pad}${pad}`;
}

function decodeToken(token: string): TokenPayload | null {
  const [prefix, body] = token.split('.', 3);
  if (prefix !== 'cf1' || !body) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    return typeof payload.o === 'number' && typeof payload.w === 'string' ? payload : null;
  } catch {
    return null;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendProblem(
  res: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string | null,
  requestId: string,
  errors?: Record<string, string[]>,
) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(
    JSON.stringify({
      type: 'about:blank',
      title,
      status,
      detail,
      code,
      requestId,
      timestamp: new Date().toISOString(),
      ...(errors ? { errors } : {}),
    }),
  );
}
