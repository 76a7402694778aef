import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { ListIncidentsAcrossWorkspacesRequest } from '../src/schemas/request.js';
import type { SimIncident } from '../src/simulator/dataset.js';
import { callTool, connectMcp, requestsSince, useSimulator } from './helpers.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
const TOOL = 'contraforce_incident_stats';
const clock = () => NOW;

/** The expected aggregates, computed straight from the simulator's ground truth. */
function expectedStats(incidents: SimIncident[]) {
  const count = (key: (i: SimIncident) => string) => {
    const out: Record<string, number> = {};
    for (const i of incidents) out[key(i)] = (out[key(i)] ?? 0) + 1;
    return out;
  };
  const open = (i: SimIncident) => i.status === 'New' || i.status === 'Active';
  const workspaces = new Map<string, { total: number; high: number; open: number; unassigned: number }>();
  for (const i of incidents) {
    const row = workspaces.get(i.workspaceName) ?? { total: 0, high: 0, open: 0, unassigned: 0 };
    row.total++;
    if (i.severity === 'High') row.high++;
    if (open(i)) row.open++;
    if (!i.assignee) row.unassigned++;
    workspaces.set(i.workspaceName, row);
  }
  return {
    total: incidents.length,
    open: incidents.filter(open).length,
    unassigned: incidents.filter((i) => !i.assignee).length,
    bySeverity: count((i) => i.severity),
    byStatus: count((i) => i.status),
    bySource: count((i) => i.source),
    byAssignee: count((i) => i.assignee?.email ?? 'unassigned'),
    workspaces: Object.fromEntries(workspaces),
  };
}

describe('contraforce_incident_stats', async () => {
  const sim = await useSimulator({ now: clock, pageSize: 100 });
  const { client } = await connectMcp(sim, { now: clock });

  it.each([
    [
      'the last 7 days',
      { window: '7d' },
      {
        timeFilterSelection: {
          type: 'Custom',
          customStartUtc: '2026-11-27T15:30:00.000Z',
          customEndUtc: '2026-12-04T15:30:00.000Z',
        },
      },
    ],
    [
      'High in 30 days',
      { window: '30d', severities: ['High'] },
      {
        severities: ['High'],
        timeFilterSelection: {
          type: 'Custom',
          customStartUtc: '2026-11-04T15:30:00.000Z',
          customEndUtc: '2026-12-04T15:30:00.000Z',
        },
      },
    ],
    [
      'open in 48 hours',
      { window: '48h', statuses: ['New', 'Active'] },
      {
        statuses: ['New', 'Active'],
        timeFilterSelection: { type: 'FourtyEightHours' },
      },
    ],
  ] as const)('equals the ground truth: %s', async (_name, args, apiFilters) => {
    const outcome = await callTool(client, TOOL, args);
    expect(outcome.isError, outcome.text).toBe(false);
    const truth = sim.groundTruth(apiFilters as Partial<ListIncidentsAcrossWorkspacesRequest>, NOW);
    const expected = expectedStats(truth);
    const s = outcome.structured;
    expect(s.scanned).toMatchObject({ incidents: truth.length, complete: true, stoppedBy: null });
    expect({ total: s.total, open: s.open, unassigned: s.unassigned }).toEqual({
      total: expected.total,
      open: expected.open,
      unassigned: expected.unassigned,
    });
    expect(s.bySeverity).toEqual(expected.bySeverity);
    expect(s.byStatus).toEqual(expected.byStatus);
    expect(s.bySource).toEqual(expected.bySource);
    expect(s.byAssignee).toEqual(expected.byAssignee);
    expect(
      Object.fromEntries(
        s.workspaces.map(
          (w: { workspace: string; total: number; high: number; open: number; unassigned: number }) => [
            w.workspace,
            { total: w.total, high: w.high, open: w.open, unassigned: w.unassigned },
          ],
        ),
      ),
    ).toEqual(expected.workspaces);
    const histogramTotal = s.histogram.buckets.reduce(
      (sum: number, b: { incidents: number }) => sum + b.incidents,
      0,
    );
    expect(histogramTotal).toBe(truth.length);
  });

  it('gives the same aggregates when every page is parsed as it streams in', async () => {
    const { client: streaming } = await connectMcp(sim, { now: clock, streamFromBytes: 0 });
    const [a, b] = await Promise.all([
      callTool(client, TOOL, { window: '30d' }),
      callTool(streaming, TOOL, { window: '30d' }),
    ]);
    expect(b.isError, b.text).toBe(false);
    expect(b.structured).toEqual(a.structured);
    expect(b.structured.scanned.pages).toBeGreaterThan(1);
  });

  it('finds the campaign: recurring entities with incident and workspace counts', async () => {
    const outcome = await callTool(client, TOOL, { window: '30d' });
    const truth = sim.groundTruth(
      {
        timeFilterSelection: {
          type: 'Custom',
          customStartUtc: '2026-11-04T15:30:00.000Z',
          customEndUtc: '2026-12-04T15:30:00.000Z',
        },
      },
      NOW,
    );
    const withHash = truth.filter((i) =>
      JSON.stringify(i.wire.entities ?? []).includes(sim.dataset.campaign.sha256),
    );
    expect(withHash.length).toBeGreaterThanOrEqual(2);
    const hash = outcome.structured.recurringEntities.find(
      (e: { type: string; value: string }) => e.type === 'hash' && e.value === sim.dataset.campaign.sha256,
    );
    expect(hash).toEqual({
      type: 'hash',
      value: sim.dataset.campaign.sha256,
      incidents: withHash.length,
      workspaces: new Set(withHash.map((i) => i.workspaceId)).size,
    });
    expect(outcome.structured.entitiesApproximate).toBe(false);
    expect(outcome.text).toContain(`hash ${sim.dataset.campaign.sha256}: ${withHash.length} incidents in`);
  });

  it('lists the oldest open High incidents, oldest first', async () => {
    const outcome = await callTool(client, TOOL, { window: '30d' });
    const truth = sim
      .groundTruth(
        {
          timeFilterSelection: {
            type: 'Custom',
            customStartUtc: '2026-11-04T15:30:00.000Z',
            customEndUtc: '2026-12-04T15:30:00.000Z',
          },
        },
        NOW,
      )
      .filter((i) => i.severity === 'High' && i.status !== 'Closed')
      .sort((a, b) => a.creationMs - b.creationMs)
      .slice(0, 10);
    expect(outcome.structured.oldestOpenHigh.map((o: { id: string }) => o.id)).toEqual(
      truth.map((i) => i.id),
    );
  });

  it('says when a budget stopped it, and how to narrow the query', async () => {
    sim.pageSize = 5;
    try {
      const outcome = await callTool(client, TOOL, { window: '30d', maxPages: 2 });
      expect(outcome.structured.scanned).toMatchObject({ pages: 2, complete: false, stoppedBy: 'maxPages' });
      expect(outcome.text).toContain(
        'INCOMPLETE, the maxPages budget stopped the scan. Narrow the query (a shorter window, severities, statuses, workspaces) or raise maxPages.',
      );
      const few = await callTool(client, TOOL, { window: '30d', maxIncidents: 7 });
      expect(few.structured.scanned).toMatchObject({
        incidents: 7,
        complete: false,
        stoppedBy: 'maxIncidents',
      });
      expect(few.structured.total).toBe(7);
    } finally {
      sim.pageSize = 100;
    }
  });

  it('sends progress after each page, only increasing', async () => {
    sim.pageSize = 20;
    try {
      const progress: { progress: number; total?: number; message?: string }[] = [];
      const result = await client.callTool(
        { name: TOOL, arguments: { window: '30d' } },
        CallToolResultSchema,
        {
          onprogress: (p) => progress.push(p),
        },
      );
      const scanned = (result.structuredContent as { scanned: { pages: number } }).scanned;
      expect(scanned.pages).toBeGreaterThan(3);
      expect(progress.map((p) => p.progress)).toEqual(Array.from({ length: scanned.pages }, (_, i) => i + 1));
      expect(progress.every((p) => p.total === 50)).toBe(true);
      expect(progress[0]?.message).toMatch(/^read \d+ incidents in 1 pages$/);
    } finally {
      sim.pageSize = 100;
    }
  });

  it('after the client cancels, no further upstream request starts', async () => {
    sim.pageSize = 5;
    sim.injectFault({ kind: 'latency', ms: 150 }, Number.POSITIVE_INFINITY);
    try {
      const controller = new AbortController();
      const mark = sim.requests.length;
      let atCancel = -1;
      const call = client.callTool({ name: TOOL, arguments: { window: '30d' } }, CallToolResultSchema, {
        signal: controller.signal,
        onprogress: (p) => {
          if (p.progress === 2 && atCancel < 0) {
            atCancel = requestsSince(sim, mark).length;
            controller.abort('analyst changed their mind');
          }
        },
      });
      await expect(call).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(atCancel).toBeGreaterThanOrEqual(2);
      // The request already under way when the cancel arrived may finish; nothing starts after it.
      expect(requestsSince(sim, mark).length).toBeLessThanOrEqual(atCancel + 1);
    } finally {
      sim.clearFaults();
      sim.pageSize = 100;
    }
  });
});
