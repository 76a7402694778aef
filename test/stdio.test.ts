import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../src/version.js';
import { requestsSince, useSimulator } from './helpers.js';

// These run the built executable (npm test builds first), as a client application would.
const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const cleanEnv = () => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('CONTRAFORCE_') && !key.startsWith('MCP_')) env[key] = value;
  }
  return env;
};

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
});

describe('the contraforce-mcp executable', () => {
  it('--version and --help print to stdout and exit 0', () => {
    const version = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect([version.status, version.stdout]).toEqual([0, `${PACKAGE_VERSION}\n`]);
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('contraforce-mcp --demo');
    expect(help.stdout).toContain('CONTRAFORCE_WORKSPACES');
  });

  it('a missing setting exits 1 with one line on stderr and nothing on stdout', () => {
    const run = spawnSync(process.execPath, [BIN], { encoding: 'utf8', env: cleanEnv() });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'contraforce-mcp: No ContraForce credentials: set CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET (a service account with incidents:read), or CONTRAFORCE_API_TOKEN; or run with --demo to try the built-in simulator.\n',
    );
  });

  it('an unknown flag exits 2', () => {
    const run = spawnSync(process.execPath, [BIN, '--verbose'], { encoding: 'utf8', env: cleanEnv() });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("contraforce-mcp: Unknown option '--verbose'; see contraforce-mcp --help\n");
  });

  it('--demo speaks only JSON-RPC on stdout, and every result says it is demo data', async () => {
    const child = spawn(process.execPath, [BIN, '--demo'], {
      env: cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const started = performance.now();
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const messages: { id?: number; result?: unknown }[] = [];
    const waiters = new Map<number, (message: unknown) => void>();
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      let newline = stdout.indexOf('\n');
      while (newline >= 0) {
        const line = stdout.slice(0, newline);
        stdout = stdout.slice(newline + 1);
        const message = JSON.parse(line); // throws, failing the test, on anything but JSON
        expect(message.jsonrpc).toBe('2.0');
        messages.push(message);
        if (typeof message.id === 'number') waiters.get(message.id)?.(message);
        newline = stdout.indexOf('\n');
      }
    });
    const send = (message: object) =>
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    const request = (id: number, method: string, params: object) =>
      new Promise<{ result: { content?: { text: string }[]; structuredContent?: { demo?: boolean } } }>(
        (resolve) => {
          waiters.set(id, resolve as (message: unknown) => void);
          send({ id, method, params });
        },
      );

    const init = await request(1, 'initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'raw-test', version: '1' },
    });
    const spawnToInitializeMs = performance.now() - started;
    expect(init.result).toMatchObject({
      protocolVersion: '2025-11-25',
      serverInfo: { name: 'contraforce-mcp', version: PACKAGE_VERSION },
    });
    send({ method: 'notifications/initialized' });
    const list = await request(2, 'tools/list', {});
    expect(JSON.stringify(list.result)).toContain('contraforce_list_incidents');
    const call = await request(3, 'tools/call', {
      name: 'contraforce_list_incidents',
      arguments: { limit: 2 },
    });
    expect(call.result.content?.[0]?.text.split('\n')[0]).toBe(
      'DEMO DATA from the built-in ContraForce simulator, not a real tenant.',
    );
    expect(call.result.structuredContent?.demo).toBe(true);

    child.stdin.end();
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(messages).toHaveLength(3);
    expect(stderr).toMatch(/serving demo data from the built-in simulator at http:\/\/127\.0\.0\.1:\d+/);
    console.log(`spawn to initialize response: ${spawnToInitializeMs.toFixed(0)} ms`);
  });

  it('--http serves /healthz and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--http', '--demo', '--port', '0'], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        const match = /over Streamable HTTP at (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'alive' });
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stdout).toBe('');
  });

  it('--host without --http is a usage error', () => {
    const run = spawnSync(process.execPath, [BIN, '--host', '0.0.0.0'], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'contraforce-mcp: --host and --port go with --http; see contraforce-mcp --help\n',
    );
  });

  it('--http on a public address without MCP_HTTP_TOKEN refuses to start', () => {
    const run = spawnSync(process.execPath, [BIN, '--http', '--demo', '--host', '0.0.0.0'], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'contraforce-mcp: Refusing to listen on 0.0.0.0 without MCP_HTTP_TOKEN: set it to a long random secret that clients send as "Authorization: Bearer <token>", or bind 127.0.0.1.\n',
    );
  });

  it('serves a real API from the environment through the SDK stdio client', async () => {
    const now = Date.parse('2026-12-04T15:30:00Z');
    const sim = await useSimulator({ now: () => now });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN],
      env: {
        ...cleanEnv(),
        CONTRAFORCE_BASE_URL: `${sim.url}/api/v2/`,
        CONTRAFORCE_API_TOKEN: sim.credentials.token,
        CONTRAFORCE_LOG_LEVEL: 'warn',
      },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stdio-test', version: '1' });
    await client.connect(transport);
    try {
      const mark = sim.requests.length;
      const result = await client.callTool({
        name: 'contraforce_list_incidents',
        arguments: { severities: ['High'], window: '12h', limit: 3 },
      });
      expect(result.isError).toBeFalsy();
      const seen = requestsSince(sim, mark);
      expect(seen.map((r) => [r.auth, r.body])).toEqual([
        ['bearer', { isFirstCall: true, timeFilterSelection: { type: 'TwelveHours' }, severities: ['High'] }],
      ]);
      expect((result.structuredContent as { demo?: boolean }).demo).toBeUndefined();
    } finally {
      await client.close();
    }
  });
});
