import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { loadHttpOptions } from '../src/http/httpOptions.js';
import { startHttpServer } from '../src/http/httpServer.js';
import { type Logger, silentLogger } from '../src/log.js';
import type { Simulator } from '../src/simulator/server.js';
import { captureLogger, connectHttp, useSimulator } from './helpers.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
const TOKEN = 'test-token-0123456789abcdef';
const TOOL = 'contraforce_list_incidents';

async function serve(
  sim: Simulator,
  env: Record<string, string> = {},
  baseUrl = sim.url,
  logger: Logger = silentLogger,
) {
  const config = loadConfig({
    CONTRAFORCE_BASE_URL: baseUrl,
    CONTRAFORCE_API_TOKEN: sim.credentials.token,
    CONTRAFORCE_MAX_ATTEMPTS: '1',
    ...env,
  });
  const app = createApp(config, { logger, now: () => NOW });
  const handle = await startHttpServer(app, loadHttpOptions({ port: '0' }, env));
  let closed = false;
  afterAll(async () => {
    if (!closed) await handle.close();
    await app.close();
  });
  return {
    handle,
    app,
    async close() {
      closed = true;
      await handle.close();
    },
  };
}

const post = (
  url: string,
  headers: Record<string, string>,
  body = '{"jsonrpc":"2.0","id":1,"method":"ping"}',
) =>
  fetch(`${url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });

/** node:http, because fetch may not set Host. */
function rawPost(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/mcp`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end('{"jsonrpc":"2.0","id":1,"method":"ping"}');
  });
}

const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

describe('Streamable HTTP transport (stateless)', async () => {
  const sim = await useSimulator({ now: () => NOW, pageSize: 40 });
  const { handle } = await serve(sim);
  const client = await connectHttp(handle.url);

  it('lists the tools and pages a listing to the end, every incident exactly once', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain(TOOL);
    const seen: string[] = [];
    let result = await client.callTool({ name: TOOL, arguments: { window: '48h', limit: 30 } });
    for (;;) {
      const structured = result.structuredContent as {
        incidents: { id: string }[];
        nextCursor: string | null;
      };
      seen.push(...structured.incidents.map((i) => i.id));
      if (!structured.nextCursor) break;
      result = await client.callTool({ name: TOOL, arguments: { cursor: structured.nextCursor } });
    }
    const expected = sim
      .groundTruth({ timeFilterSelection: { type: 'FourtyEightHours' } }, NOW)
      .map((i) => i.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('answers /healthz and /readyz, and 405 for GET /mcp', async () => {
    expect(await (await fetch(`${handle.url}/healthz`)).json()).toEqual({ status: 'alive' });
    const ready = await fetch(`${handle.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      config: 'loaded',
      api: expect.stringMatching(/^reachable: /),
    });
    const get = await fetch(`${handle.url}/mcp`);
    expect(get.status).toBe(405);
  });

  it('checks Host: a foreign Host is refused, as for DNS rebinding', async () => {
    const port = new URL(handle.url).port;
    const response = await rawPost(handle.url, { host: `attacker.example:${port}` });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error.message).toBe(
      'Host attacker.example is not allowed; add it to MCP_ALLOWED_HOSTS.',
    );
    expect((await rawPost(handle.url, { host: `localhost:${port}` })).status).toBe(200);
  });

  it('checks Origin: a foreign Origin gets 403, a loopback page is fine', async () => {
    const foreign = await post(handle.url, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toBe(
      'Origin not allowed; add it to MCP_ALLOWED_ORIGINS.',
    );
    expect((await post(handle.url, { origin: 'http://localhost:6274' })).status).toBe(200);
  });

  it('refuses a body over the size limit', async () => {
    const response = await post(
      handle.url,
      {},
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(1_100_000) } }),
    );
    expect(response.status).toBe(413);
  });

  it('100 concurrent tool calls complete, and memory comes back near where it started', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const clients = await Promise.all(Array.from({ length: 4 }, () => connectHttp(handle.url)));
    const round = () =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (clients[i % clients.length] as Client).callTool({
            name: TOOL,
            arguments: { window: '24h', limit: 20 + (i % 5) },
          }),
        ),
      );
    await round(); // warm up
    gc();
    const before = process.memoryUsage().heapUsed;
    const results = await round();
    expect(results.filter((r) => r.isError)).toEqual([]);
    expect(results.every((r) => (r.structuredContent as { returned: number }).returned >= 20)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    expect(growth).toBeLessThan(20 * 1024 * 1024);
    expect(handle.inFlight).toBe(0);
  });
});

describe('bearer token and limits', async () => {
  const sim = await useSimulator({ now: () => NOW });
  const { handle } = await serve(sim, {
    MCP_HTTP_TOKEN: TOKEN,
    MCP_ALLOWED_ORIGINS: 'https://agents.example.com',
    MCP_ALLOWED_HOSTS: 'mcp.example.com',
    MCP_RATE_LIMIT_PER_MINUTE: '30',
  });

  it('401 with WWW-Authenticate without the token or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const response = await post(handle.url, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="contraforce-mcp"');
    }
  });

  it('works with the token, from an allowed origin and host', async () => {
    const client = await connectHttp(handle.url, {
      authorization: `Bearer ${TOKEN}`,
      origin: 'https://agents.example.com',
    });
    const mark = sim.requests.length;
    const result = await client.callTool({ name: TOOL, arguments: { limit: 2 } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).not.toContain(TOKEN);
    // Upstream, the server uses its own ContraForce credential, never the client's token.
    expect(sim.requests.slice(mark).map((r) => r.auth)).toEqual(['bearer']);
    expect(JSON.stringify(sim.requests.slice(mark))).not.toContain(TOKEN);
    const port = new URL(handle.url).port;
    expect(
      (await rawPost(handle.url, { authorization: `Bearer ${TOKEN}`, host: `mcp.example.com:${port}` }))
        .status,
    ).toBe(200);
    expect(
      (await rawPost(handle.url, { authorization: `Bearer ${TOKEN}`, host: `other.example.com:${port}` }))
        .status,
    ).toBe(403);
  });

  it('limits each client address, with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const response = await post(handle.url, { authorization: `Bearer ${TOKEN}` });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.body?.cancel();
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });
});

describe('logs', async () => {
  const sim = await useSimulator({ now: () => NOW });
  const { logger, lines } = captureLogger();
  const { handle } = await serve(
    sim,
    { MCP_HTTP_TOKEN: TOKEN, CONTRAFORCE_LOG_LEVEL: 'debug' },
    sim.url,
    logger,
  );

  it('at debug level, carry neither the client token nor the upstream credential', async () => {
    const client = await connectHttp(handle.url, { authorization: `Bearer ${TOKEN}` });
    await client.callTool({ name: TOOL, arguments: { limit: 2 } });
    sim.injectFault({ kind: 'status', status: 503 }, 1);
    await client.callTool({ name: TOOL, arguments: { limit: 2 } });
    await post(handle.url, { authorization: 'Bearer wrong-token-0123456789' });
    const text = lines.join('\n');
    expect(text).toContain('http request');
    expect(text).toContain('ContraForce API call failed');
    for (const secret of [TOKEN, 'wrong-token-0123456789', sim.credentials.token])
      expect(text).not.toContain(secret);
  });
});

describe('readiness and shutdown', async () => {
  const sim = await useSimulator({ now: () => NOW });

  it('/readyz says plainly when the API is unreachable', async () => {
    const { handle } = await serve(sim, {}, 'http://127.0.0.1:1');
    const response = await fetch(`${handle.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      config: 'loaded',
      api: 'unreachable: 127.0.0.1:1 did not answer (ECONNREFUSED)',
    });
  });

  it('graceful shutdown lets an in-flight call finish, then refuses new connections', async () => {
    const server = await serve(sim);
    const client = await connectHttp(server.handle.url);
    sim.injectFault({ kind: 'latency', ms: 800 }, 1);
    const call = client.callTool({ name: TOOL, arguments: { limit: 3 } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.handle.inFlight).toBe(1);
    const started = Date.now();
    await server.close();
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { returned: number }).returned).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(fetch(`${server.handle.url}/healthz`)).rejects.toThrow();
  });
});

describe('HTTP options', () => {
  it('refuses a non-loopback address without MCP_HTTP_TOKEN', () => {
    expect(() => loadHttpOptions({ host: '0.0.0.0' }, {})).toThrow(
      'Refusing to listen on 0.0.0.0 without MCP_HTTP_TOKEN: set it to a long random secret that clients send as "Authorization: Bearer <token>", or bind 127.0.0.1.',
    );
    expect(loadHttpOptions({ host: '0.0.0.0' }, { MCP_HTTP_TOKEN: TOKEN }).host).toBe('0.0.0.0');
    expect(() => loadHttpOptions({}, { MCP_HTTP_TOKEN: 'short' })).toThrow('MCP_HTTP_TOKEN is too short');
    expect(() => loadHttpOptions({ port: 'eighty' }, {})).toThrow(
      '--port must be a whole number from 0 to 65535; got "eighty".',
    );
  });
});
