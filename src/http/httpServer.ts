import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AppContext } from '../app.js';
import { createMcpServer } from '../server.js';
import { checkBearer, checkHost, checkOrigin, RateLimiter, type Rejection } from './guards.js';
import type { HttpOptions } from './httpOptions.js';

// Streamable HTTP at /mcp in stateless mode: every POST gets a fresh McpServer and transport over
// the shared app context, so any replica can answer any request and no sticky sessions are needed.

export interface HttpServerHandle {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** Requests being served right now. */
  readonly inFlight: number;
  /** Stops accepting, lets in-flight calls finish (up to the shutdown timeout), then closes. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function rpcError(res: ServerResponse, rejection: Rejection, code = -32000) {
  sendJson(
    res,
    rejection.status,
    { jsonrpc: '2.0', error: { code, message: rejection.message }, id: null },
    rejection.headers,
  );
}

export async function startHttpServer(app: AppContext, options: HttpOptions): Promise<HttpServerHandle> {
  const { logger } = app;
  const limiter = new RateLimiter(options.rateLimitPerMinute);
  let inFlight = 0;
  let draining = false;
  let readiness: { at: number; body: { status: string; config: string; api: string }; code: number } | null =
    null;

  async function ready() {
    if (readiness && Date.now() - readiness.at < 15_000) return readiness;
    const probe = await app.client.probe();
    readiness = {
      at: Date.now(),
      code: probe.reachable ? 200 : 503,
      body: {
        status: probe.reachable ? 'ready' : 'not ready',
        config: 'loaded',
        api: probe.reachable ? `reachable: ${probe.detail}` : `unreachable: ${probe.detail}`,
      },
    };
    return readiness;
  }

  async function handleMcp(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') {
      // Stateless: no standalone SSE stream to GET and no session to DELETE.
      return rpcError(res, {
        status: 405,
        message: 'Method not allowed: this server is stateless; POST JSON-RPC to /mcp.',
        headers: { allow: 'POST' },
      });
    }
    let body: unknown;
    try {
      body = await readJson(req, options.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return rpcError(res, { status: 413, message: `Request body over ${options.maxBodyBytes} bytes.` });
      }
      return rpcError(res, { status: 400, message: 'Parse error: the body is not JSON.' }, -32700);
    }
    const server = createMcpServer(app);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'alive' });
    if (draining)
      return rpcError(res, { status: 503, message: 'Shutting down.', headers: { connection: 'close' } });

    const rejection =
      limiter.check(req.socket.remoteAddress ?? 'unknown') ??
      checkHost(req, options) ??
      checkOrigin(req, options);
    if (rejection) return rpcError(res, rejection);

    if (path === '/readyz' && req.method === 'GET') {
      const state = await ready();
      return sendJson(res, state.code, state.body);
    }
    if (path !== '/mcp') return sendJson(res, 404, { error: 'Not found: the MCP endpoint is /mcp.' });
    const unauthorized = checkBearer(req, options);
    if (unauthorized) return rpcError(res, unauthorized);
    await handleMcp(req, res);
  }

  const http: Server = createServer((req, res) => {
    inFlight++;
    const started = Date.now();
    res.on('close', () => {
      inFlight--;
      logger.debug('http request', {
        method: req.method,
        path: (req.url ?? '').split('?')[0],
        status: res.statusCode,
        ms: Date.now() - started,
      });
    });
    handle(req, res).catch((error: unknown) => {
      logger.error('http request failed', { error: error instanceof Error ? error.message : String(error) });
      rpcError(res, { status: 500, message: 'Internal server error.' }, -32603);
    });
  });
  http.requestTimeout = 5 * 60_000;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    get inFlight() {
      return inFlight;
    },
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      const deadline = Date.now() + options.shutdownTimeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      http.closeAllConnections();
      await closed;
    },
  };
}
