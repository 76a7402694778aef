import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll } from 'vitest';
import { createApp } from '../src/app.js';
import { type ContraForceClientOptions, createContraForceClient } from '../src/client/contraforceClient.js';
import { loadConfig } from '../src/config.js';
import type { CursorStore } from '../src/incidents/cursorStore.js';
import { type Logger, silentLogger } from '../src/log.js';
import { createMcpServer } from '../src/server.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../src/simulator/server.js';

/** Starts a simulator for the current test file and stops it afterwards. */
export async function useSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options);
  afterAll(() => sim.stop());
  return sim;
}

/** A client for `sim` with fast retries; closed after the file's tests. */
export function clientFor(sim: Simulator, overrides: Partial<ContraForceClientOptions> = {}) {
  const client = createContraForceClient({
    baseUrl: sim.url,
    credentials: {
      kind: 'basic',
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
    },
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 2_000,
    ...overrides,
  });
  afterAll(() => client.close());
  return client;
}

/** The requests the simulator logged since `mark` (an index into sim.requests). */
export function requestsSince(sim: Simulator, mark: number) {
  return sim.requests.slice(mark);
}

/** An MCP client connected in memory to a fresh server over an app pointed at `sim`. */
export async function connectMcp(
  sim: Simulator,
  options: {
    env?: Record<string, string>;
    now?: () => number;
    demo?: boolean;
    cursors?: CursorStore;
    streamFromBytes?: number;
  } = {},
) {
  const config = loadConfig(
    { ...options.env },
    {
      baseUrl: sim.url,
      credentials: {
        kind: 'basic',
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
      },
    },
  );
  const app = createApp(
    { ...config, demo: options.demo ?? false },
    {
      logger: silentLogger,
      retryBaseDelayMs: 5,
      ...(options.now ? { now: options.now } : {}),
      ...(options.cursors ? { cursors: options.cursors } : {}),
      ...(options.streamFromBytes !== undefined ? { streamFromBytes: options.streamFromBytes } : {}),
    },
  );
  const server = createMcpServer(app);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '1.0.0' });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  afterAll(async () => {
    await client.close();
    await app.close();
  });
  return { client, app };
}

export interface ToolOutcome {
  text: string;
  isError: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: structured content is checked field by field in tests
  structured: any;
}

export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolOutcome> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = result.content[0];
  return {
    text: first?.type === 'text' ? first.text : '',
    isError: result.isError === true,
    structured: result.structuredContent,
  };
}

/** A logger that keeps every line, to check what would reach stderr. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return {
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    lines,
  };
}

/** An MCP client over Streamable HTTP to `url`/mcp; closed after the file's tests. */
export async function connectHttp(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }),
  );
  afterAll(() => client.close());
  return client;
}
