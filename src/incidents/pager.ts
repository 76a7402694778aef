import { createHash } from 'node:crypto';
import type { ContraForceClient } from '../client/contraforceClient.js';
import { type Incident, type ListIncidentsResponse, parseIncident } from '../schemas/incident.js';
import type { ListIncidentsAcrossWorkspacesRequest, WorkspaceSourcePageTokens } from '../schemas/request.js';
import type { PagePosition } from './cursorStore.js';
import type { RecentIncidents } from './recentIncidents.js';
import type { WorkspaceDirectory, WorkspaceScope } from './workspaceScope.js';

// Walks the vendor's chunked listing: each API page returns per-workspace, per-source tokens that
// are sent back with the same filters and isFirstCall: false. The pager turns that into positions
// a cursor can hold, so a tool can return any `limit` of incidents and continue exactly there.

export interface PagedIncident {
  incident: Incident;
  /** Where the listing continues after this incident; null when it is the last one. */
  after: PagePosition | null;
}

export interface CollectResult {
  items: PagedIncident[];
  /** Where to continue after everything returned (or scanned); null when the listing is done. */
  next: PagePosition | null;
  apiCalls: number;
  /** Incidents read from the API but outside the workspace scope. */
  outOfScope: number;
  /** True when the call budget ran out before `limit` incidents were found. */
  budgetExhausted: boolean;
}

export interface ScanOptions {
  request: ListIncidentsAcrossWorkspacesRequest;
  scope: WorkspaceScope;
  signal?: AbortSignal | undefined;
}

export interface ScannedPage {
  /** The page's incidents within the scope, parsed one at a time as they arrive. Read once. */
  incidents(): AsyncIterable<Incident>;
  /** Whether the listing continues after this page; ask once the page has been read. */
  more(): Promise<boolean>;
}

export interface CollectOptions {
  request: ListIncidentsAcrossWorkspacesRequest;
  position: PagePosition;
  limit: number;
  scope: WorkspaceScope;
  /** API calls this collection may make (each returns one chunk). */
  maxApiCalls: number;
  /** False for a new listing: its first page is fetched fresh, never served from cache. */
  useCache: boolean;
  signal?: AbortSignal | undefined;
}

interface CachedPage {
  response: ListIncidentsResponse;
  expires: number;
}

export class IncidentPager {
  // API pages are reusable for the same tokens (NOTES.md), so a continuation inside an already
  // fetched page does not fetch it again. Small, short-lived, bounded.
  private readonly cache = new Map<string, CachedPage>();

  constructor(
    private readonly client: ContraForceClient,
    private readonly directory: WorkspaceDirectory,
    private readonly recent: RecentIncidents,
    private readonly options: { cacheEntries?: number; cacheTtlMs?: number; now?: () => number } = {},
  ) {}

  /**
   * Reads a whole listing page by page, for tools that aggregate: nothing is cached, and the caller
   * decides when to stop (it simply stops iterating). Checks for cancellation before every request.
   */
  async *scan(options: ScanOptions): AsyncGenerator<ScannedPage> {
    const { scope, signal } = options;
    let tokens: WorkspaceSourcePageTokens[] | null = null;
    for (;;) {
      signal?.throwIfAborted();
      const stream = await this.client.streamIncidents(pageRequest(options.request, tokens), { signal });
      const directory = this.directory;
      let next: Promise<WorkspaceSourcePageTokens[] | null> | undefined;
      // After the page was read: its workspaces' names are known, so pruning is exact.
      const continuation = () => {
        next ??= stream.rest().then((rest) => {
          const tokens = this.pruneTokens(rest.sourcePageTokens, scope);
          return rest.moreIncidentsAvailable && tokens.length > 0 ? tokens : null;
        });
        return next;
      };
      const page: ScannedPage = {
        async *incidents() {
          for await (const raw of stream.incidents) {
            const incident = parseIncident(raw);
            directory.record(incident);
            if (scope.includes(incident)) yield incident;
          }
        },
        more: async () => (await continuation()) !== null,
      };
      yield page;
      const following = await continuation();
      if (following === null) return;
      tokens = following;
    }
  }

  async collect(options: CollectOptions): Promise<CollectResult> {
    const { scope, limit } = options;
    const items: PagedIncident[] = [];
    let position = options.position;
    let apiCalls = 0;
    let outOfScope = 0;

    for (;;) {
      const fresh = !options.useCache && position.tokens === null;
      const response = await this.fetchPage(options.request, position.tokens, fresh, options.signal);
      apiCalls++;
      const { incidents, sourcePageTokens, moreIncidentsAvailable } = response.data;

      const tokens = this.pruneTokens(sourcePageTokens, scope);
      const afterPage: PagePosition | null =
        moreIncidentsAvailable && tokens.length > 0 ? { tokens, skip: 0, afterId: null } : null;

      let start = position.skip;
      if (position.afterId !== null) {
        const index = incidents.findIndex((i) => i.id === position.afterId);
        if (index >= 0) start = index + 1;
      }
      const firstOfThisPage = items.length;
      for (let index = start; index < incidents.length; index++) {
        const incident = incidents[index] as Incident;
        if (!scope.includes(incident)) {
          outOfScope++;
          continue;
        }
        if (items.length === limit) {
          // At least one more in-scope incident remains in this page.
          return { items, next: lastAfter(items), apiCalls, outOfScope, budgetExhausted: false };
        }
        items.push({ incident, after: { tokens: position.tokens, skip: index + 1, afterId: incident.id } });
      }
      // This page is used up: the last incident taken from it continues with the next page.
      const last = items[items.length - 1];
      if (last && items.length > firstOfThisPage) last.after = afterPage;

      if (afterPage === null || items.length === limit) {
        return { items, next: afterPage, apiCalls, outOfScope, budgetExhausted: false };
      }
      if (apiCalls >= options.maxApiCalls) {
        return { items, next: afterPage, apiCalls, outOfScope, budgetExhausted: true };
      }
      position = afterPage;
    }
  }

  /** Drops the tokens of workspaces known to lie outside the scope: no point paging through them. */
  private pruneTokens(
    tokens: ReadonlyArray<{ workspaceId: string | null; sourceTokens: Record<string, string> | null }>,
    scope: WorkspaceScope,
  ): WorkspaceSourcePageTokens[] {
    return tokens
      .filter((t) => Object.keys(t.sourceTokens ?? {}).length > 0)
      .filter((t) => !(t.workspaceId && scope.excludesKnown(t.workspaceId, this.directory)))
      .map((t) => ({ workspaceId: t.workspaceId, sourceTokens: { ...(t.sourceTokens ?? {}) } }));
  }

  private async fetchPage(
    request: ListIncidentsAcrossWorkspacesRequest,
    tokens: WorkspaceSourcePageTokens[] | null,
    fresh: boolean,
    signal: AbortSignal | undefined,
  ): Promise<ListIncidentsResponse> {
    const body = pageRequest(request, tokens);
    const key = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(key);
    if (!fresh && cached && cached.expires > now) return cached.response;

    const response = await this.client.listIncidentsAcrossWorkspaces(body, { signal });
    // These pages feed results the model sees, so they count as "recent" (get_incident looks there).
    for (const incident of response.data.incidents) {
      this.directory.record(incident);
      this.recent.remember(incident);
    }
    this.cache.delete(key);
    this.cache.set(key, { response, expires: now + (this.options.cacheTtlMs ?? 5 * 60_000) });
    while (this.cache.size > (this.options.cacheEntries ?? 8)) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return response;
  }
}

/** The vendor's paging: the first call without tokens, then the same filters with them. */
function pageRequest(
  request: ListIncidentsAcrossWorkspacesRequest,
  tokens: WorkspaceSourcePageTokens[] | null,
): ListIncidentsAcrossWorkspacesRequest {
  return tokens === null
    ? { ...request, isFirstCall: true }
    : { ...request, isFirstCall: false, workspacePageTokens: tokens };
}

function lastAfter(items: PagedIncident[]): PagePosition | null {
  return items[items.length - 1]?.after ?? null;
}
