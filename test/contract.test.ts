import { describe, expect, it } from 'vitest';
import { FILTER_FIELDS, type ListFilterArgs } from '../src/incidents/listFilters.js';
import { prepareListing } from '../src/incidents/listing.js';
import { WINDOW_PRESETS } from '../src/incidents/timeWindow.js';
import { WorkspaceDirectory } from '../src/incidents/workspaceScope.js';
import {
  CLASSIFICATION_REASONS,
  CLASSIFICATIONS,
  ENTITY_TYPES,
  INCIDENT_SOURCES,
  SEVERITIES,
  STATUSES,
  TIME_FILTERING_TYPES,
} from '../src/schemas/enums.js';
import { ListIncidentsAcrossWorkspacesRequestSchema } from '../src/schemas/request.js';
import { clientFor, useSimulator } from './helpers.js';
import { specEnum, specErrorsOfProblem, specErrorsOfRequest, specErrorsOfResponse } from './spec.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
// The tools' own listing preparation, with no allowlist (a `workspaces` filter narrows nothing here).
const context = { config: { timezone: 'UTC', workspaces: null }, directory: new WorkspaceDirectory() };

// A value for every filter; combinations take any subset of them.
const SAMPLE: Required<Omit<ListFilterArgs, 'window' | 'since' | 'until'>> = {
  severities: ['High', 'Medium'],
  statuses: ['New', 'Active'],
  sources: ['Sentinel', 'DefenderXDR'],
  timezone: 'Europe/Berlin',
  query: 'powershell',
  assigneeIds: ['5f0c6a6e-2f43-4f63-9a77-3f1b2c1d0e9a'],
  assigneeEmails: ['priya.raman@mssp.example'],
  includeUnassigned: true,
  workspaces: ['Contoso Health'],
};
const FIELDS = FILTER_FIELDS.filter(
  (f) => f !== 'window' && f !== 'since' && f !== 'until',
) as (keyof typeof SAMPLE)[];
const WINDOWS: ListFilterArgs[] = [
  ...WINDOW_PRESETS.map((window) => ({ window })),
  { since: '2026-12-01T08:00:00Z' },
  { since: '2026-12-01', until: '2026-12-03T12:00:00+01:00' },
];

function* combinations(): Generator<ListFilterArgs> {
  for (let mask = 0; mask < 1 << FIELDS.length; mask++) {
    const args: Record<string, unknown> = {};
    FIELDS.forEach((field, bit) => {
      if (mask & (1 << bit)) args[field] = SAMPLE[field];
    });
    for (const window of WINDOWS) yield { ...args, ...window } as ListFilterArgs;
  }
}

describe('our enumerations against the vendor spec', () => {
  it.each([
    ['Severity', SEVERITIES],
    ['Status', STATUSES],
    ['IncidentSource', INCIDENT_SOURCES],
    ['TimeFilteringType', TIME_FILTERING_TYPES],
    ['Classification', CLASSIFICATIONS],
    ['ClassificationReason', CLASSIFICATION_REASONS],
    ['EntityType', ENTITY_TYPES],
  ] as const)('%s lists exactly the spec values', (name, ours) => {
    expect([...ours]).toEqual(specEnum(name));
  });
});

describe('request bodies against the vendor spec', () => {
  it('every filter combination with every window builds a body the spec accepts, first call and continuation', () => {
    let checked = 0;
    const failures: string[] = [];
    for (const args of combinations()) {
      const first = prepareListing(args, context, NOW).request;
      const next = {
        ...first,
        isFirstCall: false,
        workspacePageTokens: [{ workspaceId: 'w', sourceTokens: { Sentinel: 't' } }],
      };
      for (const body of [first, next]) {
        ListIncidentsAcrossWorkspacesRequestSchema.parse(body);
        const errors = specErrorsOfRequest(JSON.parse(JSON.stringify(body)));
        if (errors.length) failures.push(`${JSON.stringify(body)}: ${errors.join('; ')}`);
        checked++;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(2 * (1 << FIELDS.length) * WINDOWS.length);
  });

  it('our strict schema rejects what the spec rejects', () => {
    const bad = [
      { isFirstCall: true, severities: ['Critical'] },
      { isFirstCall: true, statuses: ['Open'] },
      { isFirstCall: true, sources: ['Elastic'] },
      { isFirstCall: 'yes' },
      {
        isFirstCall: true,
        timeFilterSelection: { type: 'Custom', customStartUtc: 'last week', customEndUtc: null },
      },
      { isFirstCall: true, includeUnassigned: 'true' },
      { isFirstCall: true, assigneeEmails: [42] },
    ];
    for (const body of bad) {
      expect(specErrorsOfRequest(body), JSON.stringify(body)).not.toEqual([]);
      expect(ListIncidentsAcrossWorkspacesRequestSchema.safeParse(body).success, JSON.stringify(body)).toBe(
        false,
      );
    }
  });
});

describe('simulator responses against the vendor spec', async () => {
  const sim = await useSimulator({ now: () => NOW, pageSize: 500 });
  clientFor(sim);
  const basic = `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64')}`;
  const post = async (body: unknown, authorization = basic) => {
    const response = await fetch(`${sim.url}/api/v2/incidents/across-workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: raw JSON, checked against the spec
    return { status: response.status, json: (await response.json()) as any };
  };

  it('every incident in a month of data matches the spec, except the planted oddities', async () => {
    const { status, json } = await post({
      isFirstCall: true,
      timeFilterSelection: {
        type: 'Custom',
        customStartUtc: '2026-11-01T00:00:00Z',
        customEndUtc: '2026-12-05T00:00:00Z',
      },
    });
    expect(status).toBe(200);
    expect(json.data.incidents.length).toBe(sim.dataset.incidents.length);
    const violating = json.data.incidents
      .filter(
        (i: unknown) =>
          specErrorsOfResponse({ data: { incidents: [i], moreIncidentsAvailable: false } }).length > 0,
      )
      .map((i: { id: string }) => i.id)
      .sort();
    // Unknown enum values, the source the enum lacks (a whole stream of it) and a timestamp without
    // offset break the published schema on purpose: clients must cope with them anyway.
    const planted = sim.dataset.incidents
      .filter((i) => i.oddity === 'no-offset' || i.oddity === 'unknown-enums' || i.source === 'Purview')
      .map((i) => i.id)
      .sort();
    expect(planted.length).toBeGreaterThan(3);
    expect(violating).toEqual(planted);
    const { incidents: _all, ...envelope } = json.data;
    expect(specErrorsOfResponse({ ...json, data: { ...envelope, incidents: [] } })).toEqual([]);
  });

  it('problem bodies match ApiProblemDetails', async () => {
    const invalid = await post({ isFirstCall: true, severities: ['Critical'] });
    const unauthorized = await post({ isFirstCall: true }, 'Bearer nope');
    expect([invalid.status, unauthorized.status]).toEqual([400, 401]);
    expect(specErrorsOfProblem(invalid.json)).toEqual([]);
    expect(specErrorsOfProblem(unauthorized.json)).toEqual([]);
  });
});
