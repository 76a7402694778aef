import { describe, expect, it } from 'vitest';
import type { ContraForceClient } from '../src/client/contraforceClient.js';
import type { Incident } from '../src/schemas/incident.js';
import type { ListIncidentsAcrossWorkspacesRequest } from '../src/schemas/request.js';
import { createDataset, type SimIncident } from '../src/simulator/dataset.js';
import { clientFor, requestsSince, useSimulator } from './helpers.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
const HOUR = 3_600_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/;

/** Pages through the client as the vendor documents, returning every incident and the call count. */
async function listAll(
  client: ContraForceClient,
  filters: Omit<ListIncidentsAcrossWorkspacesRequest, 'isFirstCall'>,
) {
  const incidents: Incident[] = [];
  let tokens: ListIncidentsAcrossWorkspacesRequest['workspacePageTokens'] = null;
  let calls = 0;
  for (;;) {
    const body: ListIncidentsAcrossWorkspacesRequest = tokens
      ? { ...filters, isFirstCall: false, workspacePageTokens: tokens }
      : { ...filters, isFirstCall: true };
    const page = await client.listIncidentsAcrossWorkspaces(body);
    calls++;
    incidents.push(...page.data.incidents);
    if (!page.data.moreIncidentsAvailable) return { incidents, calls };
    tokens = page.data.sourcePageTokens;
  }
}

const ids = (list: readonly { id: string | null }[]) => list.map((i) => i.id).sort();

describe('the synthetic dataset', () => {
  const dataset = createDataset({ now: NOW });

  it('is an MSSP: at least 6 workspaces with GUID ids and several sources each', () => {
    expect(dataset.workspaces.length).toBeGreaterThanOrEqual(6);
    for (const workspace of dataset.workspaces) {
      expect(workspace.id).toMatch(GUID);
      expect(workspace.sources.length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(dataset.workspaces.flatMap((w) => w.sources)).size).toBeGreaterThanOrEqual(6);
  });

  it('has at least 1,500 incidents over the last 30 days, with some in the last 3 hours', () => {
    expect(dataset.incidents.length).toBeGreaterThanOrEqual(1_500);
    const ages = dataset.incidents.map((i) => NOW - i.creationMs);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(30 * 24 * HOUR);
    expect(Math.max(...ages)).toBeGreaterThan(29 * 24 * HOUR);
    expect(ages.filter((age) => age <= 3 * HOUR).length).toBeGreaterThanOrEqual(5);
    expect(ages.filter((age) => age <= 30 * 60_000).length).toBeGreaterThanOrEqual(5);
  });

  it('mixes severities, statuses, assignees, classifications and entity types', () => {
    const count = (f: (i: SimIncident) => unknown) => new Set(dataset.incidents.map(f)).size;
    expect(count((i) => i.severity)).toBe(4);
    expect(count((i) => i.status)).toBe(3);
    expect(dataset.incidents.some((i) => i.assignee === null)).toBe(true);
    expect(count((i) => i.assignee?.email)).toBe(dataset.analysts.length + 1);
    const closed = dataset.incidents.filter((i) => i.status === 'Closed' && !i.oddity);
    expect(closed.every((i) => typeof i.wire.classification === 'string')).toBe(true);
    const entityTypes = new Set(
      dataset.incidents.flatMap((i) =>
        ((i.wire.entities as { type: string }[] | null) ?? []).map((e) => e.type),
      ),
    );
    for (const type of ['User', 'Device', 'IP', 'FileHash', 'URL', 'Mailbox', 'File', 'Process']) {
      expect(entityTypes).toContain(type);
    }
  });

  it('plants a campaign whose entities recur across workspaces', () => {
    const withCampaignIp = dataset.incidents.filter((i) =>
      JSON.stringify(i.wire.entities ?? []).includes(dataset.campaign.ipv4),
    );
    expect(new Set(withCampaignIp.map((i) => i.workspaceId)).size).toBeGreaterThanOrEqual(3);
  });

  it('includes every odd record on purpose', () => {
    const oddities = dataset.incidents.map((i) => i.oddity).filter(Boolean);
    expect(oddities.sort()).toEqual([
      'ansi',
      'injection-entity',
      'injection-title',
      'long-description',
      'no-offset',
      'null-arrays',
      'offset-plus-two',
      'string-numbers',
      'unknown-enums',
      'unknown-source',
    ]);
  });

  it('is deterministic for a seed and a clock', () => {
    expect(JSON.stringify(createDataset({ now: NOW }))).toBe(JSON.stringify(dataset));
    expect(JSON.stringify(createDataset({ now: NOW, seed: 7 }))).not.toBe(JSON.stringify(dataset));
  });
});

describe('the simulated endpoint', async () => {
  const sim = await useSimulator({ now: () => NOW, pageSize: 50 });
  const client = clientFor(sim);
  const all = sim.dataset.incidents;
  const inLast = (hours: number) => (i: SimIncident) =>
    i.creationMs >= NOW - hours * HOUR && i.creationMs <= NOW;

  it('with no time filter returns the last 3 hours, newest first within each chunk', async () => {
    const page = await client.listIncidentsAcrossWorkspaces({ isFirstCall: true });
    const expected = all.filter(inLast(3));
    expect(page.data.moreIncidentsAvailable).toBe(false);
    expect(ids(page.data.incidents)).toEqual(ids(expected));
    const times = page.data.incidents.map((i) => i.creationTime?.ms ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it.each([
    ['ThreeHours', 3],
    ['SixHours', 6],
    ['TwelveHours', 12],
    ['TwentyFourHours', 24],
    ['FourtyEightHours', 48],
  ] as const)('preset %s selects the last %i hours', async (type, hours) => {
    const { incidents } = await listAll(client, { timeFilterSelection: { type } });
    expect(ids(incidents)).toEqual(ids(all.filter(inLast(hours))));
  });

  it('a custom window is [start, end)', async () => {
    const start = '2026-11-20T00:00:00.000Z';
    const end = '2026-11-21T00:00:00.000Z';
    const { incidents } = await listAll(client, {
      timeFilterSelection: { type: 'Custom', customStartUtc: start, customEndUtc: end },
    });
    const expected = all.filter((i) => i.creationMs >= Date.parse(start) && i.creationMs < Date.parse(end));
    expect(expected.length).toBeGreaterThan(20);
    expect(ids(incidents)).toEqual(ids(expected));
  });

  const month = {
    timeFilterSelection: {
      type: 'Custom',
      customStartUtc: '2026-11-04T15:30:00.000Z',
      customEndUtc: '2026-12-04T15:30:00.001Z',
    },
  } as const;

  it.each([
    [
      'severities',
      { severities: ['High', 'Low'] },
      (i: SimIncident) => i.severity === 'High' || i.severity === 'Low',
    ],
    ['statuses', { statuses: ['New'] }, (i: SimIncident) => i.status === 'New'],
    [
      'sources',
      { sources: ['CrowdStrike', 'QRadar'] },
      (i: SimIncident) => ['CrowdStrike', 'QRadar'].includes(i.source),
    ],
    [
      'query over title and description',
      { query: 'POWERSHELL' },
      (i: SimIncident) => `${i.title} ${i.description}`.toLowerCase().includes('powershell'),
    ],
    [
      'assigneeEmails',
      { assigneeEmails: ['Priya.Raman@mssp.example'] },
      (i: SimIncident) => i.assignee?.email === 'priya.raman@mssp.example',
    ],
    [
      'includeUnassigned alone: unassigned only',
      { includeUnassigned: true },
      (i: SimIncident) => i.assignee === null,
    ],
  ] as const)('filters by %s', async (_name, filters, predicate) => {
    const { incidents } = await listAll(client, {
      ...month,
      ...(filters as Partial<ListIncidentsAcrossWorkspacesRequest>),
    });
    const expected = all.filter(predicate);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(incidents)).toEqual(ids(expected));
  });

  it('filters by assigneeIds, plus unassigned when includeUnassigned is true', async () => {
    const analyst = sim.dataset.analysts[1];
    if (!analyst) throw new Error('no analyst');
    const { incidents } = await listAll(client, {
      ...month,
      assigneeIds: [analyst.id],
      includeUnassigned: true,
    });
    const expected = all.filter((i) => i.assignee === null || i.assignee.id === analyst.id);
    expect(ids(incidents)).toEqual(ids(expected));
  });

  it('query matches an incident number', async () => {
    const target = all.find((i) => i.number === 1288);
    const { incidents } = await listAll(client, { ...month, query: '1288' });
    expect(incidents.map((i) => i.id)).toContain(target?.id);
  });

  it.each([1, 7, 50, 500])(
    'pages with per-source tokens: every incident exactly once at page size %i',
    async (size) => {
      sim.pageSize = size;
      try {
        const { incidents, calls } = await listAll(client, {
          timeFilterSelection: { type: 'FourtyEightHours' },
        });
        const expected = all.filter(inLast(48));
        expect(incidents.length).toBe(expected.length);
        expect(ids(incidents)).toEqual(ids(expected));
        // One call per chunk of the longest workspace-source stream.
        const perStream = new Map<string, number>();
        for (const i of expected)
          perStream.set(
            `${i.workspaceId}/${i.source}`,
            (perStream.get(`${i.workspaceId}/${i.source}`) ?? 0) + 1,
          );
        expect(calls).toBe(Math.max(...[...perStream.values()].map((n) => Math.ceil(n / size))));
      } finally {
        sim.pageSize = 50;
      }
    },
  );

  it('tokens are opaque, long, and reusable', async () => {
    sim.pageSize = 5;
    try {
      const filters = { timeFilterSelection: { type: 'TwentyFourHours' } } as const;
      const first = await client.listIncidentsAcrossWorkspaces({ ...filters, isFirstCall: true });
      const tokens = first.data.sourcePageTokens;
      const allTokens = tokens.flatMap((t) => Object.values(t.sourceTokens));
      expect(allTokens.length).toBeGreaterThan(5);
      expect(Math.min(...allTokens.map((t) => t.length))).toBeGreaterThan(200);
      const again = { ...filters, isFirstCall: false, workspacePageTokens: tokens };
      const a = await client.listIncidentsAcrossWorkspaces(again);
      const b = await client.listIncidentsAcrossWorkspaces(again);
      expect(ids(a.data.incidents)).toEqual(ids(b.data.incidents));
      expect(a.data.incidents.length).toBeGreaterThan(0);
    } finally {
      sim.pageSize = 50;
    }
  });

  it('rejects a continuation whose filters differ from the first call', async () => {
    sim.pageSize = 5;
    try {
      const first = await client.listIncidentsAcrossWorkspaces({
        ...month,
        isFirstCall: true,
        severities: ['High'],
      });
      expect(first.data.moreIncidentsAvailable).toBe(true);
      await expect(
        client.listIncidentsAcrossWorkspaces({
          ...month,
          isFirstCall: false,
          severities: ['Low'],
          workspacePageTokens: first.data.sourcePageTokens,
        }),
      ).rejects.toThrow(
        "Page token does not match the request's filters; repeat the first request's filters.",
      );
    } finally {
      sim.pageSize = 50;
    }
  });

  it('validates bodies (400 problem+json with errors) and checks auth (401)', async () => {
    const mark = sim.requests.length;
    const post = (body: string, auth?: string) =>
      fetch(`${sim.url}/api/v2/incidents/across-workspaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body,
      });
    const basic = `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64')}`;
    const invalid = await post('{"isFirstCall":true,"severities":["Critical"],"color":"red"}', basic);
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    const problem = await invalid.json();
    expect(problem).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      errors: {
        'severities.0': ['Invalid option: expected one of "Informational"|"Low"|"Medium"|"High"'],
        color: ['Unknown field.'],
      },
    });
    const custom = await post('{"isFirstCall":true,"timeFilterSelection":{"type":"Custom"}}', basic);
    expect(((await custom.json()) as { errors: unknown }).errors).toEqual({
      'timeFilterSelection.customStartUtc': [
        'customStartUtc and customEndUtc are required when type is Custom',
      ],
    });
    const anonymous = await post('{"isFirstCall":true}');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    expect(((await anonymous.json()) as { code: string }).code).toBe('UNAUTHORIZED');
    expect(requestsSince(sim, mark).map((r) => [r.status, r.auth])).toEqual([
      [400, 'basic'],
      [400, 'basic'],
      [401, 'none'],
    ]);
  });

  it('when one workspace fails, the others are still returned', async () => {
    const failing = sim.dataset.workspaces[0];
    if (!failing) throw new Error('no workspace');
    sim.injectFault({ kind: 'workspaceFailure', workspaceId: failing.id }, 1);
    const page = await client.listIncidentsAcrossWorkspaces({
      isFirstCall: true,
      timeFilterSelection: { type: 'TwentyFourHours' },
    });
    const workspaces = new Set(page.data.incidents.map((i) => i.workspaceId));
    expect(workspaces.has(failing.id)).toBe(false);
    expect(workspaces.size).toBeGreaterThanOrEqual(4);
  });

  it('the odd records parse: strings as numbers, null arrays, unknown enums, missing offsets', async () => {
    const { incidents } = await listAll(client, { timeFilterSelection: { type: 'TwentyFourHours' } });
    const byOddity = (oddity: string) => {
      const sims = all.find((i) => i.oddity === oddity);
      const parsed = incidents.find((i) => i.id === sims?.id);
      if (!parsed || !sims) throw new Error(`odd record ${oddity} not returned`);
      return { parsed, sims };
    };
    const strings = byOddity('string-numbers');
    expect(strings.sims.wire.number).toBe(String(strings.sims.number));
    expect(strings.parsed.number).toBe(strings.sims.number);
    expect(strings.parsed.alertsCount).toBe(7);
    const nulls = byOddity('null-arrays').parsed;
    expect([nulls.tactics, nulls.entities, nulls.ruleIds, nulls.alertProductNames, nulls.user]).toEqual([
      [],
      [],
      [],
      [],
      null,
    ]);
    const unknown = byOddity('unknown-enums').parsed;
    expect(unknown.classification).toBe('EscalatedToCustomer');
    expect(unknown.entities[0]?.type).toBe('AiAgent');
    expect(byOddity('unknown-source').parsed.source).toBe('Purview');
    const noOffset = byOddity('no-offset');
    expect(noOffset.parsed.creationTime).toEqual({
      iso: new Date(noOffset.sims.creationMs).toISOString(),
      ms: noOffset.sims.creationMs,
      assumedUtc: true,
    });
    const plusTwo = byOddity('offset-plus-two');
    expect(plusTwo.parsed.creationTime?.ms).toBe(plusTwo.sims.creationMs);
    expect(plusTwo.parsed.creationTime?.assumedUtc).toBe(false);
    expect(byOddity('long-description').parsed.description?.length).toBeGreaterThan(50_000);
  });
});
