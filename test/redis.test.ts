import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { loadHttpOptions } from '../src/http/httpOptions.js';
import { startHttpServer } from '../src/http/httpServer.js';
import { RedisCursorStore, redactRedisUrl } from '../src/incidents/redisCursorStore.js';
import { silentLogger } from '../src/log.js';
import { callTool, connectHttp, connectMcp, useSimulator } from './helpers.js';

// A real redis-server (Debian package redis-server; .ci/run installs it), started per test file.

const NOW = Date.parse('2026-12-04T15:30:00Z');
const TOOL = 'contraforce_list_incidents';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  try {
    execFileSync('redis-server', ['--version']);
  } catch {
    throw new Error('redis-server is not installed: `apt-get install -y redis-server` (.ci/run does this)');
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return { url: `redis://127.0.0.1:${port}/0`, process: child };
}

describe('cursors shared through Redis', async () => {
  const sim = await useSimulator({ now: () => NOW, pageSize: 25 });
  let redis: { url: string; process: ChildProcess };
  const instances: { url: string; close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    // Two replicas: separate apps (own caches and memories), one Redis.
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        CONTRAFORCE_BASE_URL: sim.url,
        CONTRAFORCE_API_TOKEN: sim.credentials.token,
        CONTRAFORCE_CURSOR_STORE: redis.url,
      });
      const cursors = await RedisCursorStore.connect(redis.url, config.cursorTtlMs, silentLogger);
      const app = createApp(config, { logger: silentLogger, now: () => NOW, cursors });
      const handle = await startHttpServer(app, loadHttpOptions({ port: '0' }, {}));
      instances.push({
        url: handle.url,
        close: async () => {
          await handle.close();
          await app.close();
          await cursors.close();
        },
      });
    }
  });

  afterAll(async () => {
    for (const instance of instances) await instance.close();
    redis?.process.kill();
  });

  it('page 1 from instance A, page 2 from B, and so on: every incident exactly once', async () => {
    const [a, b] = await Promise.all(instances.map((i) => connectHttp(i.url)));
    if (!a || !b) throw new Error('replicas missing');
    const seen: string[] = [];
    let turn = 0;
    let result = await a.callTool({ name: TOOL, arguments: { window: '48h', limit: 9 } });
    for (;;) {
      const structured = result.structuredContent as {
        incidents: { id: string }[];
        nextCursor: string | null;
      };
      seen.push(...structured.incidents.map((i) => i.id));
      if (!structured.nextCursor) break;
      turn++;
      result = await (turn % 2 === 1 ? b : a).callTool({
        name: TOOL,
        arguments: { cursor: structured.nextCursor },
      });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    }
    expect(turn).toBeGreaterThan(4);
    const expected = sim
      .groundTruth({ timeFilterSelection: { type: 'FourtyEightHours' } }, NOW)
      .map((i) => i.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected.sort());
    await a.close();
    await b.close();
  });

  it('entries expire after the cursor time to live', async () => {
    const store = await RedisCursorStore.connect(redis.url, 1_000, silentLogger);
    const id = await store.save(sampleState());
    expect(await store.load(id)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await store.load(id)).toBeUndefined();
    await store.close();
  });

  it('a Redis outage is a clear tool error, not a hang', async () => {
    const port = await freePort();
    const down = await startRedisAt(port);
    const store = await RedisCursorStore.connect(
      `redis://:s3cret-pass@127.0.0.1:${port}/0`,
      60_000,
      silentLogger,
    ).catch((error: Error) => error);
    down.kill();
    if (store instanceof Error) throw store;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { client } = await connectMcp(sim, { now: () => NOW, cursors: store });
    const started = Date.now();
    const outcome = await callTool(client, TOOL, { window: '48h', limit: 5 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(
      /^The shared cursor store \(Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0\) is unavailable \(/,
    );
    expect(outcome.text).not.toContain('s3cret-pass');
    await store.close().catch(() => {});
  });

  it('redacts passwords from Redis URLs', () => {
    expect(redactRedisUrl('redis://user:pw@redis:6379/0')).toBe('redis://***:***@redis:6379/0');
    expect(redactRedisUrl('redis://redis:6379')).toBe('redis://redis:6379');
  });
});

/** A redis-server on a given port that the test can kill (with a password, to test redaction). */
async function startRedisAt(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--requirepass', 's3cret-pass'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
  });
  return child;
}

/** A plausible cursor state for store-level tests. */
function sampleState() {
  return {
    v: 1 as const,
    filters: {
      severities: [],
      statuses: [],
      sources: [],
      window: '48h' as const,
      since: null,
      until: null,
      timezone: 'UTC',
      query: null,
      assigneeIds: [],
      assigneeEmails: [],
      includeUnassigned: null,
      workspaces: [],
    },
    window: {
      label: 'last 48 hours',
      from: '2026-12-02T15:30:00.000Z',
      to: '2026-12-04T15:30:00.000Z',
      timezone: 'UTC',
      timeFilterSelection: { type: 'FourtyEightHours' as const },
    },
    position: { tokens: null, skip: 5, afterId: null },
    limit: 5,
    format: 'concise' as const,
    returned: 5,
    calls: 1,
  };
}
