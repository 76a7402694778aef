#!/usr/bin/env node
// The contraforce-mcp executable: an MCP server over stdio. stdout carries only the protocol.
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createApp } from './app.js';
import { type Config, type DemoTarget, loadConfig } from './config.js';
import { ConfigurationError } from './errors.js';
import { createStderrLogger } from './log.js';
import { createMcpServer } from './server.js';
import { PACKAGE_VERSION } from './version.js';

const HELP = `contraforce-mcp ${PACKAGE_VERSION}: ContraForce incidents for AI assistants (MCP over stdio)

Usage:
  contraforce-mcp            serve MCP over stdio with the credentials from the environment
  contraforce-mcp --demo     serve the built-in simulator's demo data (no credentials needed)
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
  CONTRAFORCE_LOG_LEVEL           debug | info | warn | error (default info; logs go to stderr)
  HTTPS_PROXY / NO_PROXY          standard proxy settings
`;

function fail(message: string, code = 1): never {
  process.stderr.write(`contraforce-mcp: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let flags: { demo?: boolean; help?: boolean; version?: boolean };
  try {
    flags = parseArgs({
      options: {
        demo: { type: 'boolean' },
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

  let config: Config;
  try {
    config = loadConfig(process.env, demo);
  } catch (error) {
    if (error instanceof ConfigurationError) fail(error.message);
    throw error;
  }
  const logger = createStderrLogger(config.logLevel);
  const app = createApp(config, { logger });
  const server = createMcpServer(app);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => {});
    await app.close().catch(() => {});
    await stopSimulator?.();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.stdin.on('end', shutdown);

  await server.connect(new StdioServerTransport());
  logger.info(
    config.demo
      ? `contraforce-mcp ${PACKAGE_VERSION} serving demo data from the built-in simulator at ${config.baseUrl}`
      : `contraforce-mcp ${PACKAGE_VERSION} serving ${app.client.apiRoot}`,
  );
}

main().catch((error: unknown) => {
  fail(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
});
