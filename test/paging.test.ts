import { describe, expect, it } from 'vitest';
import { callTool, connectMcp, requestsSince, useSimulator } from './helpers.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
const HOUR = 3_600_000;
const TOOL = 'contraforce_list_incidents';
const clock = () => NOW;

type McpClient = Parameters<typeof callTool>[0];

async function walk(client: McpClient, args: Record<string, unknown>) {
  const seen: string[] = [];
  const cursors: string[] = [];
  let outcome = await callTool(client, TOOL, args);
  for (;;) {
    expect(outcome.isError, outcome.text).toBe(false);
    seen.push(...outcome.structured.incidents.map((i: { id: string }) => i.id));
    const cursor: string | null = outcome.structured.nextCursor;
    if (!cursor) return { seen, cursors, last: outcome };
    cursors.push(cursor);
    outcome = await callTool(client, TOOL, { cursor });
  }
}

function expectExactlyOnce(seen: string[], expected: string[]) {
  expect(new Set(seen).size, 'no incident twice').toBe(seen.length);
  expect([...seen].sort()).toEqual([...expected].sort());
}

describe('the paging invariant: following nextCursor yields every matching incident exactly once', async () => {
  const sim = await useSimulator({ now: clock });
  const { client } = await connectMcp(sim, { now: clock });
  const expected48h = sim.dataset.incidents.filter((i) => i.creationMs >= NOW - 48 * HOUR).map((i) => i.id);

  for (const pageSize of [1, 3, 50, 500]) {
    for (const limit of [1, 7, 20, 100]) {
      it(`simulator page size ${pageSize}, limit ${limit}`, async () => {
        sim.pageSize = pageSize;
        const { seen, cursors } = await walk(client, { window: '48h', limit });
        expectExactlyOnce(seen, expected48h);
        // One tool call per page of `limit`; with tiny API pages a call may also stop at its API budget.
        const pages = Math.ceil(expected48h.length / limit);
        if (pageSize >= 50) expect(cursors.length).toBe(pages - 1);
        else expect(cursors.length).toBeGreaterThanOrEqual(pages - 1);
        for (const cursor of cursors) expect(cursor).toMatch(/^cf_[A-Za-z0-9_-]{16}$/);
      });
    }
  }

  it('a month of incidents at limit 100 and page size 500', async () => {
    sim.pageSize = 500;
    const { seen } = await walk(client, { window: '30d', limit: 100 });
    expectExactlyOnce(
      seen,
      sim.dataset.incidents.filter((i) => i.creationMs >= NOW - 30 * 24 * HOUR).map((i) => i.id),
    );
  });

  it('continuations repeat the first request with the page tokens and isFirstCall false', async () => {
    sim.pageSize = 5;
    const mark = sim.requests.length;
    const { cursors } = await walk(client, { severities: ['High'], window: '48h', limit: 20 });
    const bodies = requestsSince(sim, mark).map((r) => r.body as Record<string, unknown>);
    expect(cursors.length).toBeGreaterThan(0);
    expect(bodies[0]).toEqual({
      isFirstCall: true,
      timeFilterSelection: { type: 'FourtyEightHours' },
      severities: ['High'],
    });
    for (const body of bodies.slice(1)) {
      const { workspacePageTokens, ...rest } = body;
      expect(rest).toEqual({
        isFirstCall: false,
        timeFilterSelection: { type: 'FourtyEightHours' },
        severities: ['High'],
      });
      expect(Array.isArray(workspacePageTokens) && workspacePageTokens.length > 0).toBe(true);
    }
  });

  it('a continuation inside an API page already read does not fetch it again', async () => {
    sim.pageSize = 500;
    const mark = sim.requests.length;
    const { cursors } = await walk(client, { window: '48h', limit: 10 });
    expect(cursors.length).toBeGreaterThan(3);
    expect(requestsSince(sim, mark)).toHaveLength(1);
  });

  it('the limit and format of the listing carry over to continuations unless overridden', async () => {
    sim.pageSize = 50;
    const first = await callTool(client, TOOL, { window: '48h', limit: 3, responseFormat: 'detailed' });
    const second = await callTool(client, TOOL, { cursor: first.structured.nextCursor });
    expect(second.structured.returned).toBe(3);
    expect(second.structured.incidents[0].description).toBeDefined();
    const third = await callTool(client, TOOL, {
      cursor: second.structured.nextCursor,
      limit: 5,
      responseFormat: 'concise',
    });
    expect(third.structured.returned).toBe(5);
    expect(third.structured.incidents[0].description).toBeUndefined();
    expect(third.text).toContain('(7-11 of this listing)');
    expect(second.text).toMatch(/\n4\. #\d+ /); // detailed blocks are numbered within the listing
  });
});

describe('cursors', async () => {
  const sim = await useSimulator({ now: clock, pageSize: 20 });
  const { client } = await connectMcp(sim, { now: clock });

  it('are short, and reusable: the same cursor gives the same page', async () => {
    const first = await callTool(client, TOOL, { window: '48h', limit: 10 });
    const cursor = first.structured.nextCursor;
    expect(cursor.length).toBeLessThanOrEqual(20);
    const a = await callTool(client, TOOL, { cursor });
    const b = await callTool(client, TOOL, { cursor });
    expect(b.structured.incidents).toEqual(a.structured.incidents);
  });

  it('may be sent with the same filters, in any order or letter case', async () => {
    const first = await callTool(client, TOOL, { severities: ['High', 'Low'], window: '48h', limit: 5 });
    const next = await callTool(client, TOOL, {
      cursor: first.structured.nextCursor,
      severities: ['low', 'HIGH'],
      window: '48h',
    });
    expect(next.isError, next.text).toBe(false);
    expect(next.structured.returned).toBe(5);
  });

  it('with different filters is an error that says what changed and what to do', async () => {
    const first = await callTool(client, TOOL, { severities: ['High'], window: '48h', limit: 5 });
    const next = await callTool(client, TOOL, {
      cursor: first.structured.nextCursor,
      severities: ['Low'],
      window: '7d',
    });
    expect(next).toMatchObject({
      isError: true,
      text: 'Invalid arguments: cursor belongs to a listing with different filters (severities, window changed); pass the cursor alone to continue it, or omit the cursor to start a new listing with the new filters.',
    });
  });

  it('unknown or expired: tells the model to run the query again', async () => {
    const outcome = await callTool(client, TOOL, { cursor: 'cf_doesnotexist000000' });
    expect(outcome).toMatchObject({
      isError: true,
      text: 'Invalid arguments: cursor "cf_doesnotexist000000" is unknown or has expired; run the query again without a cursor to start a new listing.',
    });
  });

  it('a failed continuation does not consume the cursor: retrying continues exactly where it was', async () => {
    sim.pageSize = 2;
    const expected = sim.dataset.incidents.filter((i) => i.creationMs >= NOW - 48 * HOUR).map((i) => i.id);
    const seen: string[] = [];
    let outcome = await callTool(client, TOOL, { window: '48h', limit: 13 });
    let failures = 0;
    while (true) {
      seen.push(...outcome.structured.incidents.map((i: { id: string }) => i.id));
      const cursor = outcome.structured.nextCursor;
      if (!cursor) break;
      // Each continuation first meets a server error (500 is not retried by the client), unless
      // it is served from an API page already read.
      const mark = sim.requests.length;
      sim.injectFault({ kind: 'status', status: 500, detail: 'transient' }, 1);
      const attempt = await callTool(client, TOOL, { cursor });
      sim.clearFaults();
      if (requestsSince(sim, mark).length > 0) {
        expect(attempt.isError).toBe(true);
        expect(attempt.text).toMatch(/^ContraForce had a server error \(500 INTERNAL_ERROR: transient\)/);
        failures++;
        outcome = await callTool(client, TOOL, { cursor });
      } else {
        outcome = attempt;
      }
      expect(outcome.isError, outcome.text).toBe(false);
    }
    expect(failures).toBeGreaterThanOrEqual(3);
    expectExactlyOnce(seen, expected);
  });

  it('expire after their time to live', async () => {
    let now = NOW;
    const { client: ttlClient } = await connectMcp(sim, {
      now: () => now,
      env: { CONTRAFORCE_CURSOR_TTL_SECONDS: '60' },
    });
    const first = await callTool(ttlClient, TOOL, { window: '48h', limit: 5 });
    now += 61_000;
    const late = await callTool(ttlClient, TOOL, { cursor: first.structured.nextCursor });
    expect(late.isError).toBe(true);
    expect(late.text).toContain('is unknown or has expired');
  });
});
