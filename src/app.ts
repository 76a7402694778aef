import { type ContraForceClient, createContraForceClient } from './client/contraforceClient.js';
import type { Config } from './config.js';
import { type CursorStore, MemoryCursorStore } from './incidents/cursorStore.js';
import { IncidentPager } from './incidents/pager.js';
import { RecentIncidents } from './incidents/recentIncidents.js';
import { WorkspaceDirectory } from './incidents/workspaceScope.js';
import { createStderrLogger, type Logger } from './log.js';

/** What every tool call shares: one per process, whatever the number of MCP sessions. */
export interface AppContext {
  readonly config: Config;
  readonly client: ContraForceClient;
  readonly pager: IncidentPager;
  readonly cursors: CursorStore;
  readonly directory: WorkspaceDirectory;
  readonly recent: RecentIncidents;
  readonly logger: Logger;
  readonly now: () => number;
  close(): Promise<void>;
}

export interface AppOverrides {
  logger?: Logger;
  now?: () => number;
  cursors?: CursorStore;
  /** Client tuning for tests: fast retries; streaming parse from this body size. */
  retryBaseDelayMs?: number;
  streamFromBytes?: number;
}

export function createApp(config: Config, overrides: AppOverrides = {}): AppContext {
  const logger = overrides.logger ?? createStderrLogger(config.logLevel);
  const now = overrides.now ?? Date.now;
  const client = createContraForceClient({
    baseUrl: config.baseUrl,
    credentials: config.credentials,
    connectTimeoutMs: config.connectTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    bodyTimeoutMs: config.bodyTimeoutMs,
    maxAttempts: config.maxAttempts,
    ...(overrides.retryBaseDelayMs !== undefined ? { retryBaseDelayMs: overrides.retryBaseDelayMs } : {}),
    ...(overrides.streamFromBytes !== undefined ? { streamFromBytes: overrides.streamFromBytes } : {}),
    logger,
  });
  const directory = new WorkspaceDirectory();
  const recent = new RecentIncidents();
  return {
    config,
    client,
    pager: new IncidentPager(client, directory, recent, { now }),
    recent,
    cursors: overrides.cursors ?? new MemoryCursorStore({ ttlMs: config.cursorTtlMs, now }),
    directory,
    logger,
    now,
    close: () => client.close(),
  };
}
