import { randomBytes } from 'node:crypto';
import type { WorkspaceSourcePageTokens } from '../schemas/request.js';
import type { ListFilters } from './listFilters.js';
import type { ResolvedWindow } from './timeWindow.js';

/** Where a listing continues: the API page (its tokens; null for the first) and how far into it. */
export interface PagePosition {
  tokens: WorkspaceSourcePageTokens[] | null;
  /** Incidents of that API page already consumed. */
  skip: number;
  /** Id of the last incident consumed in that page; wins over `skip` if the page has shifted. */
  afterId: string | null;
}

/** Everything a continuation needs. JSON-serialisable, so a shared store can hold it. */
export interface CursorState {
  v: 1;
  filters: ListFilters;
  window: ResolvedWindow;
  position: PagePosition;
  /** The listing's page size and format, used when a continuation does not say. */
  limit: number;
  format: 'concise' | 'detailed';
  /** Incidents returned by the listing so far, and tool calls made. */
  returned: number;
  calls: number;
}

/** Cursor handles are short ids; the state (tokens can run to kilobytes) stays server-side. */
export interface CursorStore {
  save(state: CursorState): Promise<string>;
  /** undefined when unknown or expired. */
  load(id: string): Promise<CursorState | undefined>;
}

export interface MemoryCursorStoreOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

export const CURSOR_PREFIX = 'cf_';

/** A shared store (Redis) did not answer; the message is written for the model. */
export class CursorStoreUnavailableError extends Error {
  override readonly name = 'CursorStoreUnavailableError';
}

export function newCursorId(): string {
  return `${CURSOR_PREFIX}${randomBytes(12).toString('base64url')}`;
}

/** In-process store, bounded in entries (oldest evicted first) and in age. */
export class MemoryCursorStore implements CursorStore {
  private readonly entries = new Map<string, { state: string; expires: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryCursorStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async save(state: CursorState): Promise<string> {
    const id = newCursorId();
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    // Stored as JSON so a caller can never mutate a saved cursor by reference.
    this.entries.set(id, { state: JSON.stringify(state), expires: this.now() + this.ttlMs });
    return id;
  }

  async load(id: string): Promise<CursorState | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return JSON.parse(entry.state) as CursorState;
  }

  get size(): number {
    return this.entries.size;
  }
}
