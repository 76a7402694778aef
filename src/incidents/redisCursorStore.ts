import { createClient } from '@redis/client';
import type { Logger } from '../log.js';
import {
  type CursorState,
  type CursorStore,
  CursorStoreUnavailableError,
  newCursorId,
} from './cursorStore.js';

const KEY_PREFIX = 'contraforce-mcp:cursor:';

function connectClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000),
    },
  });
}
type Client = ReturnType<typeof connectClient>;

/** The Redis URL without its password, for logs and messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.username) parsed.username = parsed.username ? '***' : '';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}

/**
 * Cursors in Redis, so any replica can continue a listing another one started. Entries expire
 * after the same time to live as in the memory store. Commands fail fast while Redis is down
 * (no offline queue): a tool call gets a clear error instead of hanging.
 */
export class RedisCursorStore implements CursorStore {
  private constructor(
    private readonly client: Client,
    private readonly ttlSeconds: number,
    private readonly where: string,
  ) {}

  static async connect(url: string, ttlMs: number, logger: Logger): Promise<RedisCursorStore> {
    const where = redactRedisUrl(url);
    const client = connectClient(url);
    client.on('error', (error: Error) =>
      logger.warn('cursor store (Redis) error', { where, error: error.message }),
    );
    await client.connect();
    return new RedisCursorStore(client, Math.max(1, Math.round(ttlMs / 1000)), where);
  }

  async save(state: CursorState): Promise<string> {
    const id = newCursorId();
    try {
      await this.client.set(KEY_PREFIX + id, JSON.stringify(state), {
        expiration: { type: 'EX', value: this.ttlSeconds },
      });
    } catch (error) {
      throw this.unavailable(error);
    }
    return id;
  }

  async load(id: string): Promise<CursorState | undefined> {
    let raw: string | null;
    try {
      raw = await this.client.get(KEY_PREFIX + id);
    } catch (error) {
      throw this.unavailable(error);
    }
    return raw === null ? undefined : (JSON.parse(raw) as CursorState);
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }

  private unavailable(error: unknown): CursorStoreUnavailableError {
    return new CursorStoreUnavailableError(
      `The shared cursor store (Redis at ${this.where}) is unavailable (${error instanceof Error ? error.message : String(error)}); try again shortly.`,
    );
  }
}
