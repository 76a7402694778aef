#!/usr/bin/env node
// The contraforce-mcp executable: an MCP server over stdio. stdout carries only the protocol.
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createApp } from './app.js';
import { type Config, type DemoTarget, loadConfig } from './config.js';
import { ConfigurationError } from './errors.js';
import { type HttpOptions, loadHttpOptions } from './http/httpOptions.js';
import type { RedisCursorStore } from './incidents/redisCursorStore.js';
import { createStderrLogger } from './log.js';
import { createMcpServer } from './server.js';
import { PACKAGE_VERSION } from './version.js';

const HELP = `contraforce-mcp ${PACKAGE_VERSION}: ContraForce incidents for AI assistants (MCP over stdio)

Usage:
  contraforce-mcp            serve MCP over stdio with the credentials from the environment
  contraforce-mcp --http [--host 127.0.0.1] [--port 3000]
                             serve Streamable HTTP at /mcp (stateless), /healthz and /readyz
  contraforce-mcp --demo     use the built-in simulator's demo data (no credentials needed);
                             combines with --http
  contraforce-mcp --help | --version

Environment:
  CONTRAFORCE_BASE_URL            API base URL (default https://portal.contraforce.com; /api/v2 optional)
  CONTRAFORCE_CLIENT_ID           service account client id       } HTTP Basic
  CONTRAFORCE_CLIENT_SECRET       service account client secret   }
  CONTRAFORCE_API_TOKEN           or a Bearer token instead of the two above
  CONTRAFORCE_TIMEZONE            IANA zone for "today"/"yesterday" (default UTC)
  CONTRAFORCE_WORKSPACES          comma-separated workspace ids or names to allow (default: all)
  CONTRAFORCE_TIMEOUT_MS          connect/headers/body timeout (default 30000); also
                                  CONTRAFORCE_CONNECT_TIMEOUT_MS, _HEADERS_TIMEOUT_MS, _BODY_TIMEOUT_MS
  CONTRAFORCE_MAX_ATTEMPTS        attempts per API request for 429/502/503/504/resets (default 3)
  CONTRAFORCE_CURSOR_TTL_SECONDS  how long paging cursors live (default 3600)
  CONTRAFORCE_CURSOR_STORE        memory (default) or redis://host:6379/0 to share cursors between replicas
  CONTRAFORCE_LOG_LEVEL           debug | info | warn | error (default info; logs go to stderr)
  HTTPS_PROXY / NO_PROXY          standard proxy settings

HTTP transport:
  MCP_HTTP_TOKEN                  clients must send "Authorization: Bearer <token>"; required off loopback
  MCP_ALLOWED_HOSTS               host names clients may use besides loopback (e.g. mcp.example.com)
  MCP_ALLOWED_ORIGINS             browser origins allowed besides loopback pages
  MCP_RATE_LIMIT_PER_MINUTE       requests per client address per minute (default 600)
  MCP_MAX_BODY_BYTES              largest request body (default 1048576)
`;

function fail(message: string, code = 1): never {
  process.stderr.write(`contraforce-mcp: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let flags: {
    demo?: boolean;
    help?: boolean;
    version?: boolean;
    http?: boolean;
    host?: string;
    port?: string;
  };
  try {
    flags = parseArgs({
      options: {
        demo: { type: 'boolean' },
        http: { type: 'boolean' },
        host: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}; see contraforce-mcp --help`, 2);
  }
  if (flags.help) {
    process.stdout.write(HELP);
    return;
  }
  if (flags.version) {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return;
  }

  let stopSimulator: (() => Promise<void>) | undefined;
  let demo: DemoTarget | undefined;
  if (flags.demo) {
    // Loaded only in demo mode: a real deployment never pays for the simulator's dataset.
    const { startSimulator } = await import('./simulator/server.js');
    const sim = await startSimulator();
    stopSimulator = () => sim.stop();
    demo = {
      baseUrl: sim.url,
      credentials: {
        kind: 'basic',
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
      },
    };
  }

  if ((flags.host !== undefined || flags.port !== undefined) && !flags.http) {
    fail('--host and --port go with --http; see contraforce-mcp --help', 2);
  }

  let config: Config;
  let httpOptions: HttpOptions | undefined;
  try {
    config = loadConfig(process.env, demo);
    if (flags.http) httpOptions = loadHttpOptions({ host: flags.host, port: flags.port }, process.env);
  } catch (error) {
    await stopSimulator?.();
    if (error instanceof ConfigurationError) fail(error.message);
    throw error;
  }
  const logger = createStderrLogger(config.logLevel);

  let cursors: RedisCursorStore | undefined;
  if (config.cursorStoreUrl) {
    // Loaded only when configured: stdio users never load the Redis client.
    const { RedisCursorStore, redactRedisUrl } = await import('./incidents/redisCursorStore.js');
    try {
      cursors = await RedisCursorStore.connect(config.cursorStoreUrl, config.cursorTtlMs, logger);
    } catch (error) {
      fail(
        `cannot reach the cursor store at ${redactRedisUrl(config.cursorStoreUrl)} (${(error as Error).message}); check CONTRAFORCE_CURSOR_STORE.`,
      );
    }
  }
  const app = createApp(config, { logger, ...(cursors ? { cursors } : {}) });
  const what = config.demo
    ? `demo data from the built-in simulator at ${config.baseUrl}`
    : app.client.apiRoot;

  let stopTransport: () => Promise<void>;
  if (httpOptions) {
    const { startHttpServer } = await import('./http/httpServer.js');
    const http = await startHttpServer(app, httpOptions);
    stopTransport = () => http.close();
    logger.info(`contraforce-mcp ${PACKAGE_VERSION} serving ${what} over Streamable HTTP at ${http.url}/mcp`);
  } else {
    const server = createMcpServer(app);
    await server.connect(new StdioServerTransport());
    stopTransport = () => server.close();
    process.stdin.on('end', () => void shutdown());
    logger.info(`contraforce-mcp ${PACKAGE_VERSION} serving ${what}`);
  }

  let closing = false;
  async function shutdown() {
    if (closing) return;
    closing = true;
    // Whatever happens, exit within the 10 s a supervisor allows.
    setTimeout(() => process.exit(1), 10_000).unref();
    await stopTransport().catch(() => {});
    await app.close().catch(() => {});
    await cursors?.close().catch(() => {});
    await stopSimulator?.();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  fail(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
});
