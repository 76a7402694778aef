import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createContraForceClient } from '../src/client/contraforceClient.js';
import { useSimulator } from './helpers.js';

// A minimal forward proxy on loopback that tunnels CONNECT requests and counts them.
async function startProxy() {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => {
    res.writeHead(405).end();
  });
  server.on('connect', (req, clientSocket, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels };
}

// undici reads NO_PROXY again at request time, so the variables stay set for the whole call.
async function withEnv<T>(env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    return await run();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('proxy settings from the environment', async () => {
  const sim = await useSimulator();
  const proxy = await startProxy();
  const credentials = { kind: 'bearer', token: sim.credentials.token } as const;
  const simHostPort = new URL(sim.url).host;
  // One first-page request from a fresh client, with HTTP_PROXY set and NO_PROXY as given.
  const listWithProxy = (noProxy: string | undefined) =>
    withEnv(
      { HTTP_PROXY: proxy.url, http_proxy: undefined, NO_PROXY: noProxy, no_proxy: undefined },
      async () => {
        const client = createContraForceClient({ baseUrl: sim.url, credentials });
        const result = await client.listIncidentsAcrossWorkspaces({ isFirstCall: true });
        await client.close();
        return result;
      },
    );

  it('HTTP_PROXY routes API calls through the proxy', async () => {
    const before = proxy.tunnels.length;
    const page = await listWithProxy(undefined);
    expect(page.data.incidents.length).toBeGreaterThan(0);
    expect(proxy.tunnels.slice(before)).toEqual([simHostPort]);
  });

  it('NO_PROXY bypasses it', async () => {
    const before = proxy.tunnels.length;
    const page = await listWithProxy('127.0.0.1');
    expect(page.data.incidents.length).toBeGreaterThan(0);
    expect(proxy.tunnels.slice(before)).toEqual([]);
  });
});
