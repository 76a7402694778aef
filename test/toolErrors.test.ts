import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createMcpServer } from '../src/server.js';
import { callTool, captureLogger, connectMcp, requestsSince, useSimulator } from './helpers.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
const TOOL = 'contraforce_list_incidents';
const clock = () => NOW;
const CANARY = 'canary-Secret-1a2b3c4d5e';

/** A server whose logs are captured, to check what reaches stderr. */
async function connectWithLogs(env: Record<string, string>, baseUrl: string) {
  const { logger, lines } = captureLogger();
  const config = loadConfig({ CONTRAFORCE_BASE_URL: baseUrl, ...env });
  const app = createApp(config, { logger, now: clock, retryBaseDelayMs: 5 });
  const server = createMcpServer(app);
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(b), client.connect(a)]);
  afterAll(async () => {
    await client.close();
    await app.close();
  });
  return { client, lines };
}

describe('API failures become isError results with actionable text', async () => {
  const sim = await useSimulator({ now: clock });
  const { client } = await connectMcp(sim, { now: clock });

  it('401: the credentials, and never the secret, in the result or the logs', async () => {
    const { client: bad, lines } = await connectWithLogs(
      { CONTRAFORCE_CLIENT_ID: 'someone', CONTRAFORCE_CLIENT_SECRET: CANARY },
      sim.url,
    );
    const outcome = await callTool(bad, TOOL, {});
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(
      /^ContraForce rejected the credentials \(401 UNAUTHORIZED\); check CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET \(or CONTRAFORCE_API_TOKEN\) and that the credential has not expired\. \(request id [0-9a-f-]{36}\)$/,
    );
    expect(lines.join('\n')).toContain('ContraForce API call failed');
    for (const text of [outcome.text, lines.join('\n')]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(Buffer.from(`someone:${CANARY}`).toString('base64'));
    }
  });

  it('403: the scope and the workspace role', async () => {
    sim.injectFault({ kind: 'status', status: 403, code: 'INSUFFICIENT_WORKSPACE_ROLE' });
    const outcome = await callTool(client, TOOL, {});
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(
      /^ContraForce denied access \(403 INSUFFICIENT_WORKSPACE_ROLE: Server error\); give the service account a role/,
    );
  });

  it('429 is retried and the call succeeds', async () => {
    const mark = sim.requests.length;
    sim.injectFault({ kind: 'status', status: 429, retryAfter: '0' }, 2);
    const outcome = await callTool(client, TOOL, { limit: 1 });
    expect(outcome.isError, outcome.text).toBe(false);
    expect(requestsSince(sim, mark).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('500: the status and request id', async () => {
    sim.injectFault({ kind: 'status', status: 500 });
    const outcome = await callTool(client, TOOL, {});
    expect(outcome.text).toMatch(
      /^ContraForce had a server error \(500 INTERNAL_ERROR: Server error\) after 1 attempt\(s\); try again shortly\. \(request id [0-9a-f-]{36}\)$/,
    );
  });

  it('a malformed body', async () => {
    sim.injectFault({ kind: 'malformed' });
    const outcome = await callTool(client, TOOL, {});
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(/^ContraForce sent a response that is not JSON/);
  });

  it('a timeout', async () => {
    const { client: impatient } = await connectWithLogs(
      {
        CONTRAFORCE_CLIENT_ID: sim.credentials.clientId,
        CONTRAFORCE_CLIENT_SECRET: sim.credentials.clientSecret,
        CONTRAFORCE_HEADERS_TIMEOUT_MS: '150',
        CONTRAFORCE_MAX_ATTEMPTS: '1',
      },
      sim.url,
    );
    sim.injectFault({ kind: 'latency', ms: 2_500 }); // undici's timers tick at up to 1 s
    const outcome = await callTool(impatient, TOOL, {});
    expect(outcome).toMatchObject({
      isError: true,
      text: 'ContraForce did not answer within 0.15 s; try again, or narrow the query (fewer sources, a shorter window).',
    });
  });

  it('nothing a tool call does can crash the server: it keeps answering', async () => {
    sim.injectFault({ kind: 'reset' }, 3);
    const failed = await callTool(client, TOOL, {});
    expect(failed.isError).toBe(true);
    const fine = await callTool(client, TOOL, { limit: 1 });
    expect(fine.isError).toBe(false);
  });
});
