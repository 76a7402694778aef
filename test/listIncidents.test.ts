import { describe, expect, it } from 'vitest';
import { UNTRUSTED_NOTE } from '../src/format/listPage.js';
import type { SimIncident } from '../src/simulator/dataset.js';
import { callTool, connectMcp, requestsSince, useSimulator } from './helpers.js';
import { specErrorsOfRequest } from './spec.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
const HOUR = 3_600_000;
const TOOL = 'contraforce_list_incidents';
const clock = () => NOW;

/** Follows nextCursor to the end; returns the ids in the order the model saw them. */
async function walk(client: Parameters<typeof callTool>[0], args: Record<string, unknown>) {
  const seen: string[] = [];
  let outcome = await callTool(client, TOOL, args);
  let calls = 1;
  for (;;) {
    expect(outcome.isError, outcome.text).toBe(false);
    seen.push(...outcome.structured.incidents.map((i: { id: string }) => i.id));
    const cursor = outcome.structured.nextCursor;
    if (!cursor) return { seen, calls, last: outcome };
    expect(cursor.length).toBeLessThan(64);
    outcome = await callTool(client, TOOL, { cursor });
    calls++;
  }
}

describe('contraforce_list_incidents in tools/list', async () => {
  const sim = await useSimulator({ now: clock });
  const { client } = await connectMcp(sim, { now: clock });

  it('offers contraforce_list_incidents, read-only, with described inputs and an output schema', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === TOOL);
    expect(tool?.annotations).toEqual({
      title: 'List ContraForce incidents',
      readOnlyHint: true,
      openWorldHint: true,
      idempotentHint: true,
      destructiveHint: false,
    });
    const properties = tool?.inputSchema.properties as Record<string, { description?: string }>;
    expect(Object.keys(properties)).toEqual([
      'severities',
      'statuses',
      'sources',
      'window',
      'since',
      'until',
      'timezone',
      'query',
      'assigneeIds',
      'assigneeEmails',
      'includeUnassigned',
      'workspaces',
      'limit',
      'responseFormat',
      'cursor',
    ]);
    for (const [name, schema] of Object.entries(properties)) expect(schema.description, name).toBeTruthy();
    expect(tool?.outputSchema?.properties).toHaveProperty('nextCursor');
  });
});

describe('contraforce_list_incidents', async () => {
  const sim = await useSimulator({ now: clock, pageSize: 50 });
  const { client } = await connectMcp(sim, { now: clock });
  const all = sim.dataset.incidents;
  const lastRequest = () => sim.requests[sim.requests.length - 1];

  it('sends every filter in the request body, valid against the spec', async () => {
    const analyst = sim.dataset.analysts[0];
    const mark = sim.requests.length;
    const outcome = await callTool(client, TOOL, {
      severities: ['high', 'MEDIUM'],
      statuses: ['new', 'Active'],
      sources: ['sentinel', 'DefenderXDR'],
      window: '48h',
      query: 'powershell',
      assigneeIds: [analyst?.id],
      assigneeEmails: ['Tom.Becker@mssp.example'],
      includeUnassigned: true,
    });
    expect(outcome.isError, outcome.text).toBe(false);
    const sent = requestsSince(sim, mark);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({
      isFirstCall: true,
      timeFilterSelection: { type: 'FourtyEightHours' },
      severities: ['High', 'Medium'],
      statuses: ['Active', 'New'],
      sources: ['DefenderXDR', 'Sentinel'],
      query: 'powershell',
      assigneeIds: [analyst?.id],
      assigneeEmails: ['tom.becker@mssp.example'],
      includeUnassigned: true,
    });
    expect(specErrorsOfRequest(sent[0]?.body)).toEqual([]);
    expect(outcome.text).toContain(
      `Filters: severity High, Medium · status Active, New · source DefenderXDR, Sentinel · query "powershell" · assignee ids ${analyst?.id} · assignees tom.becker@mssp.example · or unassigned`,
    );
  });

  it.each([
    ['3h', 'ThreeHours'],
    ['6h', 'SixHours'],
    ['12h', 'TwelveHours'],
    ['24h', 'TwentyFourHours'],
    ['48h', 'FourtyEightHours'],
  ])('window %s maps to %s', async (window, type) => {
    await callTool(client, TOOL, { window, limit: 1 });
    expect(lastRequest()?.body).toEqual({ isFirstCall: true, timeFilterSelection: { type } });
  });

  it('defaults to the last 24 hours and always states the window', async () => {
    const outcome = await callTool(client, TOOL, { limit: 1 });
    expect(lastRequest()?.body).toEqual({
      isFirstCall: true,
      timeFilterSelection: { type: 'TwentyFourHours' },
    });
    expect(outcome.structured.window).toEqual({
      label: 'last 24 hours',
      from: '2026-12-03T15:30:00.000Z',
      to: '2026-12-04T15:30:00.000Z',
      timezone: 'UTC',
    });
    expect(outcome.text).toContain(
      'Window: last 24 hours: 2026-12-03T15:30:00.000Z → 2026-12-04T15:30:00.000Z',
    );
  });

  it('7d, 30d and since/until become Custom windows', async () => {
    await callTool(client, TOOL, { window: '7d', limit: 1 });
    expect(lastRequest()?.body).toMatchObject({
      timeFilterSelection: {
        type: 'Custom',
        customStartUtc: '2026-11-27T15:30:00.000Z',
        customEndUtc: '2026-12-04T15:30:00.000Z',
      },
    });
    await callTool(client, TOOL, { window: '30d', limit: 1 });
    expect(lastRequest()?.body).toMatchObject({
      timeFilterSelection: { type: 'Custom', customStartUtc: '2026-11-04T15:30:00.000Z' },
    });
    await callTool(client, TOOL, {
      since: '2026-12-01',
      until: '2026-12-02T06:00:00+01:00',
      timezone: 'Europe/Berlin',
      limit: 1,
    });
    expect(lastRequest()?.body).toMatchObject({
      timeFilterSelection: {
        type: 'Custom',
        customStartUtc: '2026-11-30T23:00:00.000Z',
        customEndUtc: '2026-12-02T05:00:00.000Z',
      },
    });
  });

  it('returns exactly the ground truth for a filter, with counts that add up', async () => {
    const { seen, last } = await walk(client, {
      severities: ['High'],
      statuses: ['New', 'Active'],
      window: '7d',
      limit: 100,
    });
    const expected = all.filter(
      (i) =>
        i.severity === 'High' &&
        i.status !== 'Closed' &&
        i.creationMs >= NOW - 7 * 24 * HOUR &&
        i.creationMs < NOW,
    );
    expect(seen.sort()).toEqual(expected.map((i) => i.id).sort());
    expect(last.text).toMatch(/End of results: \d+ incidents in this listing\.$/);
  });

  it('a page lists the fields an analyst needs, and counts for the page', async () => {
    const outcome = await callTool(client, TOOL, { severities: ['High'], window: '3h', limit: 3 });
    const first = outcome.structured.incidents[0];
    const source = all.find((i) => i.id === first.id) as SimIncident;
    expect(first).toMatchObject({
      number: source.number,
      severity: 'High',
      status: source.status,
      workspace: source.workspaceName,
      workspaceId: source.workspaceId,
      source: source.source,
      created: new Date(source.creationMs).toISOString(),
      assignee: source.assignee?.email ?? null,
    });
    const line = outcome.text.split('\n').find((l) => l.startsWith(`#${source.number} `)) ?? '';
    const created = new Date(source.creationMs).toISOString();
    const assignee = source.assignee ? source.assignee.email.split('@')[0] : 'unassigned';
    expect(line.startsWith(`#${source.number} High ${source.status} — ${first.title} · `)).toBe(true);
    expect(line.slice(`#${source.number} High ${source.status} — ${first.title}`.length)).toMatch(
      new RegExp(
        `^ · ${source.workspaceName} · ${source.source} · ${created.slice(5, 10)} ${created.slice(11, 16)}Z, \\d+m ago · ${assignee} · \\d+ alerts?( · .+)?$`,
      ),
    );
    expect(outcome.structured.returned).toBe(3);
    expect(Object.values(outcome.structured.counts.bySeverity)).toEqual([3]);
    expect(outcome.text).toContain(UNTRUSTED_NOTE);
  });

  it('today and yesterday are calendar days in the requested time zone', async () => {
    await callTool(client, TOOL, { window: 'today', timezone: 'America/Los_Angeles', limit: 1 });
    expect(lastRequest()?.body).toMatchObject({
      timeFilterSelection: {
        type: 'Custom',
        customStartUtc: '2026-12-04T08:00:00.000Z',
        customEndUtc: '2026-12-04T15:30:00.000Z',
      },
    });
    const outcome = await callTool(client, TOOL, { window: 'yesterday', timezone: 'Asia/Tokyo', limit: 1 });
    expect(lastRequest()?.body).toMatchObject({
      timeFilterSelection: {
        type: 'Custom',
        customStartUtc: '2026-12-03T15:00:00.000Z',
        customEndUtc: '2026-12-04T15:00:00.000Z',
      },
    });
    expect(outcome.structured.window.label).toBe('yesterday (2026-12-04, Asia/Tokyo)');
  });

  it('rejects an unknown time zone, naming the field', async () => {
    const outcome = await callTool(client, TOOL, { window: 'today', timezone: 'Mars/Olympus' });
    expect(outcome).toMatchObject({
      isError: true,
      text: 'Invalid arguments: timezone "Mars/Olympus" is not an IANA time zone; use e.g. "Europe/Berlin", "America/New_York" or "UTC".',
    });
  });
});

describe('today and yesterday across DST changes', () => {
  it('Berlin on the day clocks go forward (23-hour day)', async () => {
    const now = Date.parse('2026-03-29T10:00:00Z');
    const sim = await useSimulator({ now: () => now });
    const { client } = await connectMcp(sim, {
      now: () => now,
      env: { CONTRAFORCE_TIMEZONE: 'Europe/Berlin' },
    });
    const today = await callTool(client, TOOL, { window: 'today', limit: 1 });
    expect(today.structured.window).toMatchObject({
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T10:00:00.000Z',
      timezone: 'Europe/Berlin',
    });
    const yesterday = await callTool(client, TOOL, { window: 'yesterday', limit: 1 });
    expect(yesterday.structured.window).toMatchObject({
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-28T23:00:00.000Z',
    });
    // Dates without an offset are read in the zone: after the change Berlin is UTC+2.
    const afterChange = await callTool(client, TOOL, {
      since: '2026-03-29T03:30',
      until: '2026-03-29T09:00',
      limit: 1,
    });
    expect(afterChange.structured.window).toMatchObject({
      from: '2026-03-29T01:30:00.000Z',
      to: '2026-03-29T07:00:00.000Z',
    });
  });

  it('New York the day after clocks go back: yesterday had 25 hours', async () => {
    const now = Date.parse('2026-11-02T15:00:00Z');
    const sim = await useSimulator({ now: () => now });
    const { client } = await connectMcp(sim, { now: () => now });
    const yesterday = await callTool(client, TOOL, {
      window: 'yesterday',
      timezone: 'America/New_York',
      limit: 1,
    });
    expect(yesterday.structured.window).toMatchObject({
      from: '2026-11-01T04:00:00.000Z',
      to: '2026-11-02T05:00:00.000Z',
    });
    const today = await callTool(client, TOOL, { window: 'today', timezone: 'America/New_York', limit: 1 });
    expect(today.structured.window).toMatchObject({
      from: '2026-11-02T05:00:00.000Z',
      to: '2026-11-02T15:00:00.000Z',
    });
  });
});
