import { describe, expect, it } from 'vitest';
import { MAX_RESULT_CHARS, UNTRUSTED_NOTE } from '../src/format/listPage.js';
import { createDataset } from '../src/simulator/dataset.js';
import { callTool, connectMcp, requestsSince, useSimulator } from './helpers.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
const HOUR = 3_600_000;
const TOOL = 'contraforce_list_incidents';
const clock = () => NOW;
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the workspace allowlist', async () => {
  const sim = await useSimulator({ now: clock, pageSize: 10 });
  const [first, second, third] = sim.dataset.workspaces;
  if (!first || !second || !third) throw new Error('dataset too small');
  // One by id, one by name, as CONTRAFORCE_WORKSPACES allows.
  const { client } = await connectMcp(sim, {
    now: clock,
    env: { CONTRAFORCE_WORKSPACES: `${first.id}, ${second.name}` },
  });
  const inWindow = (i: { creationMs: number }) => i.creationMs >= NOW - 48 * HOUR;

  it('only incidents of allowed workspaces reach the model, every one of them exactly once', async () => {
    const seen: string[] = [];
    let outcome = await callTool(client, TOOL, { window: '48h', limit: 25 });
    for (;;) {
      expect(outcome.isError, outcome.text).toBe(false);
      for (const incident of outcome.structured.incidents) {
        expect([first.id, second.id]).toContain(incident.workspaceId);
        seen.push(incident.id);
      }
      expect(outcome.text).not.toContain(third.name);
      if (!outcome.structured.nextCursor) break;
      outcome = await callTool(client, TOOL, { cursor: outcome.structured.nextCursor });
    }
    const expected = sim.dataset.incidents
      .filter((i) => inWindow(i) && (i.workspaceId === first.id || i.workspaceId === second.id))
      .map((i) => i.id);
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('stops paging through workspaces known to be outside it', async () => {
    const mark = sim.requests.length;
    let outcome = await callTool(client, TOOL, { window: '7d', limit: 100 });
    while (outcome.structured.nextCursor) {
      outcome = await callTool(client, TOOL, { cursor: outcome.structured.nextCursor });
    }
    const continuations = requestsSince(sim, mark).slice(1);
    expect(continuations.length).toBeGreaterThan(0);
    for (const request of continuations) {
      const tokens = (request.body as { workspacePageTokens: { workspaceId: string }[] }).workspacePageTokens;
      for (const t of tokens) expect([first.id, second.id]).toContain(t.workspaceId);
    }
  });

  it('the workspaces argument narrows within it, by name or id', async () => {
    const outcome = await callTool(client, TOOL, {
      window: '48h',
      limit: 100,
      workspaces: [second.name.toUpperCase()],
    });
    expect(outcome.isError, outcome.text).toBe(false);
    expect(new Set(outcome.structured.incidents.map((i: { workspaceId: string }) => i.workspaceId))).toEqual(
      new Set([second.id]),
    );
    const byId = await callTool(client, TOOL, { window: '48h', limit: 5, workspaces: [first.name] });
    expect(byId.isError, byId.text).toBe(false);
  });

  it('a workspace outside it is an error listing what is allowed', async () => {
    const outcome = await callTool(client, TOOL, { workspaces: [third.name] });
    expect(outcome).toMatchObject({
      isError: true,
      text: `Invalid arguments: workspaces: "${third.name}" is not in CONTRAFORCE_WORKSPACES; allowed: ${first.id}, ${second.name}.`,
    });
  });
});

describe('hostile and odd incident text', async () => {
  const sim = await useSimulator({ now: clock });
  const { client } = await connectMcp(sim, { now: clock });
  const odd = (name: string) => {
    const found = sim.dataset.incidents.find((i) => i.oddity === name);
    if (!found) throw new Error(name);
    return found;
  };

  it('control characters, ANSI escapes and BiDi overrides never reach the model', async () => {
    const ansi = odd('ansi');
    const outcome = await callTool(client, TOOL, { window: '24h', limit: 100, responseFormat: 'detailed' });
    expect(outcome.text).not.toMatch(CONTROL);
    expect(JSON.stringify(outcome.structured)).not.toMatch(/\\u00[01][0-9a-f]|\\u202e/i);
    const view = outcome.structured.incidents.find((i: { id: string }) => i.id === ansi.id);
    expect(view.title).toBe('URGENT Suspicious PowerShell on FIN-07 exe.tnemyap beacon');
  });

  it('prompt injection in a title or an entity stays data, behind the untrusted-data note', async () => {
    const outcome = await callTool(client, TOOL, { window: '24h', limit: 100 });
    const titleAt = outcome.text.indexOf('Ignore all previous instructions');
    expect(titleAt).toBeGreaterThan(outcome.text.indexOf(UNTRUSTED_NOTE));
    const detailed = await callTool(client, TOOL, { window: '24h', limit: 100, responseFormat: 'detailed' });
    const entity = detailed.structured.incidents.find(
      (i: { id: string }) => i.id === odd('injection-entity').id,
    );
    expect(entity.entities).toEqual([{ type: 'account', value: 'attacker@evil.example' }]);
  });

  it('a very long description is capped in detailed results', async () => {
    const outcome = await callTool(client, TOOL, { window: '24h', limit: 100, responseFormat: 'detailed' });
    const long = outcome.structured.incidents.find(
      (i: { id: string }) => i.id === odd('long-description').id,
    );
    expect(long.description.length).toBe(1_500);
    expect(long.description.endsWith('…')).toBe(true);
  });

  it('numbers as strings, null arrays, unknown enums and missing offsets all display', async () => {
    const outcome = await callTool(client, TOOL, { window: '24h', limit: 100, responseFormat: 'detailed' });
    const find = (name: string) =>
      outcome.structured.incidents.find((i: { id: string }) => i.id === odd(name).id);
    expect(find('string-numbers')).toMatchObject({ number: odd('string-numbers').number, alerts: 7 });
    expect(find('null-arrays')).toMatchObject({ entities: [], tactics: [], assignee: null, products: [] });
    expect(find('unknown-enums')).toMatchObject({
      classification: 'EscalatedToCustomer',
      entities: [{ type: 'AiAgent', value: 'copilot-agent-7' }],
    });
    expect(find('unknown-source').source).toBe('Purview');
    expect(find('no-offset')).toMatchObject({
      createdAssumedUtc: true,
      created: new Date(odd('no-offset').creationMs).toISOString(),
    });
    expect(outcome.text).toContain('(sent without offset, read as UTC)');
  });
});

describe('bounded output', async () => {
  // 150 incidents with huge descriptions and many long entities, all in the last hour.
  const dataset = createDataset({ now: NOW, count: 0 });
  const template = dataset.incidents[0];
  if (!template) throw new Error('no incident');
  dataset.incidents = Array.from({ length: 150 }, (_, n) => ({
    ...template,
    id: `big-${String(n).padStart(3, '0')}`,
    creationMs: NOW - (n + 1) * 10_000,
    wire: {
      ...template.wire,
      id: `big-${String(n).padStart(3, '0')}`,
      title: `Huge ${n} ${'T'.repeat(5_000)}`,
      description: 'D'.repeat(20_000),
      creationTime: new Date(NOW - (n + 1) * 10_000).toISOString(),
      entities: Array.from({ length: 40 }, (_, e) => ({
        type: 'URL',
        displayName: `https://${e}.example/${'p'.repeat(1_000)}`,
      })),
      tactics: Array.from({ length: 20 }, () => 'X'.repeat(300)),
    },
  }));
  const sim = await useSimulator({ now: clock, dataset, pageSize: 60 });
  const { client } = await connectMcp(sim, { now: clock });

  it('no result exceeds the limit; it says so, and the cursor continues after the last shown', async () => {
    const seen: string[] = [];
    let outcome = await callTool(client, TOOL, { window: '3h', limit: 100, responseFormat: 'detailed' });
    let cutPages = 0;
    for (;;) {
      expect(outcome.isError, outcome.text).toBe(false);
      const size = outcome.text.length + JSON.stringify(outcome.structured).length;
      expect(size).toBeLessThanOrEqual(MAX_RESULT_CHARS);
      if (outcome.structured.truncated) {
        cutPages++;
        expect(outcome.text).toContain(
          "fit in this result's size limit; the cursor continues with the next one.",
        );
      }
      seen.push(...outcome.structured.incidents.map((i: { id: string }) => i.id));
      if (!outcome.structured.nextCursor) break;
      outcome = await callTool(client, TOOL, { cursor: outcome.structured.nextCursor });
    }
    expect(cutPages).toBeGreaterThan(0);
    expect(seen).toEqual(dataset.incidents.map((i) => i.id));
  });
});

describe('input validation names the field and the fix', async () => {
  const sim = await useSimulator({ now: clock });
  const { client } = await connectMcp(sim, { now: clock });

  it.each([
    [
      { severities: ['Critical'] },
      'must be one of Informational, Low, Medium, High (any letter case); got "Critical" at severities[0]',
    ],
    [
      { statuses: ['Open'] },
      'must be one of Active, New, Closed (any letter case); got "Open" at statuses[0]',
    ],
    [
      { window: '2d' },
      'must be one of 3h, 6h, 12h, 24h, 48h, today, yesterday, 7d, 30d (any letter case); got "2d" at window',
    ],
    [{ limit: 0 }, 'must be a whole number from 1 to 100 at limit'],
    [{ limit: 500 }, 'must be a whole number from 1 to 100 at limit'],
  ])('%j', async (args, message) => {
    const outcome = await callTool(client, TOOL, args);
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toBe(
      `MCP error -32602: Input validation error: Invalid arguments for tool ${TOOL}: ${message}`,
    );
  });

  it.each([
    [
      { window: '24h', since: '2026-12-01' },
      'window cannot be combined with since/until: pass either window (e.g. "24h") or since (and optionally until).',
    ],
    [
      { until: '2026-12-01' },
      'until needs since: pass since (ISO-8601, e.g. "2026-12-01T00:00:00Z") as well.',
    ],
    [
      { since: 'last tuesday' },
      'since "last tuesday" is not an ISO-8601 date-time; use e.g. "2026-12-01T08:00:00Z", "2026-12-01T08:00:00+01:00" or "2026-12-01" (midnight in UTC).',
    ],
    [
      { since: '2026-12-03', until: '2026-12-02' },
      'since (2026-12-03T00:00:00.000Z) must be before until (2026-12-02T00:00:00.000Z).',
    ],
  ])('%j', async (args, message) => {
    const mark = sim.requests.length;
    const outcome = await callTool(client, TOOL, args);
    expect(outcome).toMatchObject({ isError: true, text: `Invalid arguments: ${message}` });
    expect(requestsSince(sim, mark)).toHaveLength(0);
  });
});
