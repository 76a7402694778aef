import { describe, expect, it } from 'vitest';
import { apiRootFromBaseUrl } from '../src/client/baseUrl.js';
import { createContraForceClient } from '../src/client/contraforceClient.js';
import { ContraForceApiError } from '../src/client/errors.js';
import { parseRetryAfter } from '../src/client/retryPolicy.js';
import { USER_AGENT } from '../src/version.js';
import { clientFor, requestsSince, useSimulator } from './helpers.js';

const CANARY = 'canary-Secret-9f8e7d6c5b4a';
const first = { isFirstCall: true } as const;

async function failure(promise: Promise<unknown>): Promise<ContraForceApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ContraForceApiError);
    return error as ContraForceApiError;
  }
  throw new Error('expected the call to fail');
}

/** Everything an error could leak through: message, stack, JSON, and the cause chain. */
function everyTextOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(
        String(current),
        current.stack ?? '',
        JSON.stringify(current),
        JSON.stringify({ ...current }),
      );
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join('\n');
}

describe('base URL', () => {
  it.each([
    ['https://portal.contraforce.com', 'https://portal.contraforce.com/api/v2'],
    ['https://portal.contraforce.com/', 'https://portal.contraforce.com/api/v2'],
    ['https://portal.contraforce.com/api/v2', 'https://portal.contraforce.com/api/v2'],
    ['https://prod.platform.contraforce.com/api/v2/', 'https://prod.platform.contraforce.com/api/v2'],
    ['http://127.0.0.1:8080//', 'http://127.0.0.1:8080/api/v2'],
  ])('%s -> %s', (input, expected) => {
    expect(apiRootFromBaseUrl(input).toString()).toBe(expected);
  });

  it('refuses URLs with credentials, other schemes and non-URLs', () => {
    expect(() => apiRootFromBaseUrl('https://user:pw@portal.contraforce.com')).toThrow(
      'base URL must not contain credentials',
    );
    expect(() => apiRootFromBaseUrl('ftp://portal.contraforce.com')).toThrow('must use https://');
    expect(() => apiRootFromBaseUrl('portal.contraforce.com')).toThrow('is not a URL');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});

describe('ContraForce client against the simulator', async () => {
  const sim = await useSimulator();
  const client = clientFor(sim);

  it('authenticates with Basic and with Bearer, and sends its User-Agent', async () => {
    const mark = sim.requests.length;
    const page = await client.listIncidentsAcrossWorkspaces(first);
    expect(page.data.incidents.length).toBeGreaterThan(0);
    const bearer = clientFor(sim, { credentials: { kind: 'bearer', token: sim.credentials.token } });
    await bearer.listIncidentsAcrossWorkspaces(first);
    const seen = requestsSince(sim, mark);
    expect(seen.map((r) => [r.auth, r.status, r.userAgent])).toEqual([
      ['basic', 200, USER_AGENT],
      ['bearer', 200, USER_AGENT],
    ]);
    expect(seen[0]?.body).toEqual({ isFirstCall: true });
  });

  it('works with the base URL given with /api/v2 and a trailing slash', async () => {
    const other = clientFor(sim, { baseUrl: `${sim.url}/api/v2/` });
    const page = await other.listIncidentsAcrossWorkspaces(first);
    expect(page.data.incidents.length).toBeGreaterThan(0);
  });

  it('refuses to send a body the spec rejects, without a request', async () => {
    const mark = sim.requests.length;
    await expect(
      client.listIncidentsAcrossWorkspaces({ isFirstCall: true, severities: ['Critical' as 'High'] }),
    ).rejects.toThrow(/Invalid option/);
    expect(requestsSince(sim, mark)).toHaveLength(0);
  });

  it('401: says the credentials were rejected and what to check, never the secret', async () => {
    const bad = clientFor(sim, { credentials: { kind: 'basic', clientId: 'someone', clientSecret: CANARY } });
    const error = await failure(bad.listIncidentsAcrossWorkspaces(first));
    expect(error.status).toBe(401);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(
      /^ContraForce rejected the credentials \(401 UNAUTHORIZED\); check CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET \(or CONTRAFORCE_API_TOKEN\) and that the credential has not expired\. \(request id [0-9a-f-]{36}\)$/,
    );
    expect(everyTextOf(error)).not.toContain(CANARY);
    expect(everyTextOf(error)).not.toContain(Buffer.from(`someone:${CANARY}`).toString('base64'));
  });

  it('a Bearer canary never leaks either', async () => {
    const bad = clientFor(sim, { credentials: { kind: 'bearer', token: CANARY } });
    const error = await failure(bad.listIncidentsAcrossWorkspaces(first));
    expect(error.status).toBe(401);
    expect(everyTextOf(error)).not.toContain(CANARY);
  });

  it('403 INSUFFICIENT_WORKSPACE_ROLE: says which role to grant', async () => {
    sim.injectFault({
      kind: 'status',
      status: 403,
      code: 'INSUFFICIENT_WORKSPACE_ROLE',
      detail: 'No role on workspace.',
    });
    const error = await failure(client.listIncidentsAcrossWorkspaces(first));
    expect(error.message).toMatch(
      /^ContraForce denied access \(403 INSUFFICIENT_WORKSPACE_ROLE: No role on workspace\.\); give the service account a role on the workspace in the ContraForce portal\. \(request id /,
    );
    expect(error.retryable).toBe(false);
  });

  it('403 without a code: names the incidents:read scope', async () => {
    sim.injectFault({ kind: 'status', status: 403, code: 'FORBIDDEN' });
    const error = await failure(client.listIncidentsAcrossWorkspaces(first));
    expect(error.message).toContain('the service account needs the incidents:read scope');
  });

  it('400: carries the field errors', async () => {
    const tokens = [{ workspaceId: 'nope', sourceTokens: { Sentinel: 'garbage' } }];
    const error = await failure(
      client.listIncidentsAcrossWorkspaces({ isFirstCall: false, workspacePageTokens: tokens }),
    );
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({
      workspacePageTokens: ['Page token for workspace nope source Sentinel is invalid.'],
    });
    expect(error.message).toContain(
      'ContraForce rejected the request (400 BAD_REQUEST: Page token for workspace nope source Sentinel is invalid.). Field errors: workspacePageTokens: Page token for workspace nope source Sentinel is invalid..',
    );
  });

  it('retries 429 honouring Retry-After, then succeeds', async () => {
    const mark = sim.requests.length;
    sim.injectFault({ kind: 'status', status: 429, retryAfter: '1' }, 1);
    const started = Date.now();
    const page = await client.listIncidentsAcrossWorkspaces(first);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(page.data.incidents.length).toBeGreaterThan(0);
    expect(requestsSince(sim, mark).map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries 502, 503 and 504 and a connection reset', async () => {
    const mark = sim.requests.length;
    sim.injectFault({ kind: 'status', status: 502 }, 1);
    await client.listIncidentsAcrossWorkspaces(first);
    sim.injectFault({ kind: 'status', status: 503 }, 1);
    await client.listIncidentsAcrossWorkspaces(first);
    sim.injectFault({ kind: 'status', status: 504 }, 1);
    await client.listIncidentsAcrossWorkspaces(first);
    sim.injectFault({ kind: 'reset' }, 1);
    await client.listIncidentsAcrossWorkspaces(first);
    expect(requestsSince(sim, mark).map((r) => r.status)).toEqual([
      502,
      200,
      503,
      200,
      504,
      200,
      'reset',
      200,
    ]);
  });

  it('stops at the attempt bound and says how often it tried', async () => {
    const mark = sim.requests.length;
    sim.injectFault({ kind: 'status', status: 503 }, Number.POSITIVE_INFINITY);
    const error = await failure(client.listIncidentsAcrossWorkspaces(first));
    sim.clearFaults();
    expect(requestsSince(sim, mark).map((r) => r.status)).toEqual([503, 503, 503]);
    expect(error.message).toMatch(
      /^ContraForce had a server error \(503 INTERNAL_ERROR: Server error\) after 3 attempt\(s\); try again shortly\. \(request id /,
    );
    expect(error.retryable).toBe(true);
  });

  it('gives up at once when Retry-After exceeds the total wait budget', async () => {
    const mark = sim.requests.length;
    const patient = clientFor(sim, { retryMaxTotalWaitMs: 1_000, retryMaxDelayMs: 60_000 });
    sim.injectFault({ kind: 'status', status: 429, retryAfter: '30' }, 1);
    const started = Date.now();
    const error = await failure(patient.listIncidentsAcrossWorkspaces(first));
    expect(Date.now() - started).toBeLessThan(900);
    expect(requestsSince(sim, mark).map((r) => r.status)).toEqual([429]);
    expect(error.message).toContain(
      'ContraForce is rate limiting requests (429) and still did after 1 attempt(s); wait a minute and try again, or narrow the query.',
    );
  });

  it('does not retry 500 (not idempotent-safe to assume) and reports it', async () => {
    const mark = sim.requests.length;
    sim.injectFault({ kind: 'status', status: 500, detail: 'boom' }, 1);
    const error = await failure(client.listIncidentsAcrossWorkspaces(first));
    expect(requestsSince(sim, mark).map((r) => r.status)).toEqual([500]);
    expect(error.message).toMatch(
      /^ContraForce had a server error \(500 INTERNAL_ERROR: boom\) after 1 attempt\(s\)/,
    );
  });

  it('a persistent connection reset becomes a network error naming the host', async () => {
    sim.injectFault({ kind: 'reset' }, 3);
    const error = await failure(client.listIncidentsAcrossWorkspaces(first));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(
      /^Could not reach ContraForce at 127\.0\.0\.1:\d+ \((ECONNRESET|UND_ERR_SOCKET|other side closed)\); check CONTRAFORCE_BASE_URL, the network and any proxy settings, then try again\.$/,
    );
  });

  it('a body that is not JSON is reported as such', async () => {
    sim.injectFault({ kind: 'malformed' }, 1);
    const error = await failure(client.listIncidentsAcrossWorkspaces(first));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(
      /^ContraForce sent a response that is not JSON \(HTTP 200, 53 bytes\); try again/,
    );
  });

  it('a body over the size cap is refused', async () => {
    const small = clientFor(sim, { maxResponseBytes: 10_000 });
    const error = await failure(small.listIncidentsAcrossWorkspaces(first));
    expect(error.kind).toBe('too_large');
    expect(error.message).toContain('narrow the query');
  });

  it('times out when the API does not answer', async () => {
    const impatient = clientFor(sim, { headersTimeoutMs: 200, maxAttempts: 1 });
    sim.injectFault({ kind: 'latency', ms: 2_500 }, 1); // undici's timers may tick late by up to a second
    const error = await failure(impatient.listIncidentsAcrossWorkspaces(first));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      'ContraForce did not answer within 0.2 s; try again, or narrow the query (fewer sources, a shorter window).',
    );
  });

  it("a caller's AbortSignal cancels the in-flight request", async () => {
    sim.injectFault({ kind: 'latency', ms: 3_000 }, 1);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(client.listIncidentsAcrossWorkspaces(first, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(error.message).toBe('The ContraForce request was cancelled.');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('cancelling during a retry wait stops without another request', async () => {
    const mark = sim.requests.length;
    sim.injectFault({ kind: 'status', status: 429, retryAfter: '2' }, 1);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(
      client.listIncidentsAcrossWorkspaces(first, { signal: controller.signal }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_500);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(requestsSince(sim, mark).map((r) => r.status)).toEqual([429]);
  });

  it('streams a page incident by incident with the same content as a whole parse', async () => {
    const streaming = clientFor(sim, { streamFromBytes: 0 });
    const body = { isFirstCall: true, timeFilterSelection: { type: 'FourtyEightHours' } } as const;
    const whole = await client.listIncidentsEnvelope(body);
    const stream = await streaming.streamIncidents(body);
    const seen: unknown[] = [];
    for await (const incident of stream.incidents) seen.push(incident);
    expect(seen).toEqual(whole.data.incidents);
    const { sourcePageTokens, moreIncidentsAvailable } = whole.data;
    expect(await stream.rest()).toEqual({ sourcePageTokens, moreIncidentsAvailable });
  });

  it('a malformed body met while streaming is reported as not JSON', async () => {
    const streaming = clientFor(sim, { streamFromBytes: 0 });
    sim.injectFault({ kind: 'malformed' }, 1);
    const stream = await streaming.streamIncidents(first);
    const read = async () => {
      for await (const _ of stream.incidents) {
        // drain
      }
    };
    const error = await failure(read());
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(
      /^ContraForce sent a response that is not JSON \(HTTP 200, ended early after 53 bytes\)/,
    );
  });

  it('stopping early releases the connection for the next request', async () => {
    const streaming = clientFor(sim, { streamFromBytes: 0 });
    const stream = await streaming.streamIncidents({
      isFirstCall: true,
      timeFilterSelection: { type: 'TwentyFourHours' },
    });
    for await (const _ of stream.incidents) break;
    await expect(stream.rest()).rejects.toThrow('read every incident of the page before the rest of it');
    const again = await streaming.listIncidentsEnvelope(first);
    expect(again.data.incidents.length).toBeGreaterThan(0);
  });

  it('cannot reach a closed port: a network error', async () => {
    const closed = createContraForceClient({
      baseUrl: 'http://127.0.0.1:1',
      credentials: { kind: 'bearer', token: CANARY },
      maxAttempts: 1,
    });
    const error = await failure(closed.listIncidentsAcrossWorkspaces(first));
    await closed.close();
    expect(error.message).toBe(
      'Could not reach ContraForce at 127.0.0.1:1 (ECONNREFUSED); check CONTRAFORCE_BASE_URL, the network and any proxy settings, then try again.',
    );
    expect(everyTextOf(error)).not.toContain(CANARY);
  });
});
