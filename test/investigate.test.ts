import { describe, expect, it } from 'vitest';
import type { SimIncident } from '../src/simulator/dataset.js';
import { callTool, connectMcp, requestsSince, useSimulator } from './helpers.js';

const NOW = Date.parse('2026-12-04T15:30:00Z');
const DAY = 86_400_000;
const clock = () => NOW;
const RELATED = 'contraforce_find_related_incidents';
const GET = 'contraforce_get_incident';

type WireEntity = Record<string, string | null | undefined>;
const entitiesOf = (i: SimIncident) => (i.wire.entities as WireEntity[] | null) ?? [];
const idsOf = (outcome: { structured: { workspaces: { incidents: { id: string }[] }[] } }) =>
  outcome.structured.workspaces.flatMap((w) => w.incidents.map((i) => i.id)).sort();

describe('contraforce_find_related_incidents', async () => {
  const sim = await useSimulator({ now: clock, pageSize: 200 });
  const { client } = await connectMcp(sim, { now: clock });
  const { campaign } = sim.dataset;
  const month = sim.dataset.incidents.filter((i) => i.creationMs >= NOW - 30 * DAY);
  const having = (predicate: (e: WireEntity) => boolean) =>
    month
      .filter((i) => entitiesOf(i).some(predicate))
      .map((i) => i.id)
      .sort();

  const byIpv4 = having((e) => e.ipAddress === campaign.ipv4);
  const byIpv6 = having((e) => e.ipAddress === campaign.ipv6);
  const byAccount = having((e) => e.userPrincipalName?.startsWith(`${campaign.account}@`) === true);
  const byHash = having((e) => e.fileHash === campaign.sha256);
  const byUrl = having((e) => e.displayName === campaign.url && e.type === 'URL');
  const byMailbox = having((e) => e.emailAddress === campaign.mailbox);

  it('the campaign spans several workspaces', () => {
    for (const list of [byIpv4, byIpv6, byAccount, byHash]) expect(list.length).toBeGreaterThanOrEqual(2);
    const workspaces = new Set(month.filter((i) => byAccount.includes(i.id)).map((i) => i.workspaceId));
    expect(workspaces.size).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['203.0.113.66', 'ip', () => byIpv4],
    ['2001:db8::66', 'ip', () => byIpv6],
    ['2001:0DB8:0000:0000:0000:0000:0000:0066', 'ip', () => byIpv6],
    ['[2001:db8:0::66]', 'any', () => byIpv6],
    [`${campaign.accountDomain}\\${campaign.account}`, 'account', () => byAccount],
    [campaign.account.toUpperCase(), 'account', () => byAccount],
    [`${campaign.account}@contosohealth.example`, 'account', () => byAccount],
    [campaign.sha256.toLowerCase(), 'hash', () => byHash],
    [campaign.sha256, 'any', () => byHash],
    [`${campaign.url}/`, 'url', () => byUrl],
    [campaign.url.replace('https://', '').toUpperCase(), 'url', () => byUrl],
    [campaign.mailbox.toUpperCase(), 'mailbox', () => byMailbox],
  ] as const)('%s as %s finds exactly the ground truth', async (entity, entityType, expected) => {
    const outcome = await callTool(client, RELATED, { entity, entityType, window: '30d' });
    expect(outcome.isError, outcome.text).toBe(false);
    expect(expected().length).toBeGreaterThan(0);
    expect(idsOf(outcome)).toEqual(expected());
    expect(outcome.structured.matched).toBe(expected().length);
    expect(outcome.structured.scanned.complete).toBe(true);
  });

  it('host names match with or without their domain', async () => {
    const hosts = month.filter((i) => entitiesOf(i).some((e) => e.hostName?.startsWith(`${campaign.host}.`)));
    const short = await callTool(client, RELATED, {
      entity: campaign.host.toUpperCase(),
      entityType: 'host',
      window: '30d',
    });
    expect(idsOf(short)).toEqual(hosts.map((i) => i.id).sort());
    const one = hosts[0];
    if (!one) throw new Error('no campaign host');
    const fqdn = entitiesOf(one).find((e) => e.hostName?.startsWith(campaign.host))?.hostName ?? '';
    const qualified = await callTool(client, RELATED, { entity: fqdn, entityType: 'host', window: '30d' });
    const sameDomain = hosts.filter((i) => entitiesOf(i).some((e) => e.hostName === fqdn));
    expect(idsOf(qualified)).toEqual(sameDomain.map((i) => i.id).sort());
  });

  it('groups by workspace and says which field matched', async () => {
    const outcome = await callTool(client, RELATED, { entity: campaign.ipv4, window: '30d' });
    const workspaces = outcome.structured.workspaces;
    expect(workspaces.length).toBe(
      new Set(month.filter((i) => byIpv4.includes(i.id)).map((i) => i.workspaceId)).size,
    );
    for (const group of workspaces) {
      for (const incident of group.incidents)
        expect([incident.matchedField, incident.matchedValue]).toEqual(['ipAddress', campaign.ipv4]);
    }
    expect(outcome.text).toContain(`Found ${byIpv4.length} incidents in ${workspaces.length} workspaces.`);
    expect(outcome.text).toContain(`matched ipAddress = ${campaign.ipv4}`);
  });

  it('defaults to the last 7 days and honours the list filters', async () => {
    const mark = sim.requests.length;
    await callTool(client, RELATED, { entity: campaign.ipv4, severities: ['high'] });
    expect(requestsSince(sim, mark)[0]?.body).toEqual({
      isFirstCall: true,
      severities: ['High'],
      timeFilterSelection: {
        type: 'Custom',
        customStartUtc: '2026-11-27T15:30:00.000Z',
        customEndUtc: '2026-12-04T15:30:00.000Z',
      },
    });
  });

  it('rejects a value that is not of the stated type', async () => {
    const outcome = await callTool(client, RELATED, { entity: 'not-an-ip', entityType: 'ip' });
    expect(outcome).toMatchObject({
      isError: true,
      text: 'Invalid arguments: entity "not-an-ip" is not a valid ip (e.g. 203.0.113.66 or 2001:db8::66); fix it, or use entityType "any".',
    });
  });

  it('says so when nothing matches', async () => {
    const outcome = await callTool(client, RELATED, { entity: '198.18.0.1', window: '30d' });
    expect(outcome.structured.matched).toBe(0);
    expect(outcome.text).toContain('No incident in the window has this entity.');
  });
});

describe('contraforce_get_incident', async () => {
  const sim = await useSimulator({ now: clock, pageSize: 200 });
  const { client } = await connectMcp(sim, { now: clock });
  const month = sim.dataset.incidents.filter((i) => i.creationMs >= NOW - 30 * DAY);

  it('by id right after a listing comes from recent results, with no API call', async () => {
    const listed = await callTool(client, 'contraforce_list_incidents', { window: '24h', limit: 5 });
    const id = listed.structured.incidents[2].id;
    const mark = sim.requests.length;
    const outcome = await callTool(client, GET, { incident: id });
    expect(requestsSince(sim, mark)).toHaveLength(0);
    expect(outcome.structured).toMatchObject({
      status: 'found',
      foundIn: 'recent results',
      incident: { id },
    });
  });

  it('by id not seen before searches the API', async () => {
    const { client: fresh } = await connectMcp(sim, { now: clock });
    const target = month.find((i) => i.creationMs < NOW - 20 * DAY && !i.oddity);
    if (!target) throw new Error('no old incident');
    const outcome = await callTool(fresh, GET, { incident: target.id });
    expect(outcome.structured).toMatchObject({ status: 'found', foundIn: 'API search' });
    expect(outcome.structured.incident).toMatchObject({
      id: target.id,
      number: target.number,
      workspace: target.workspaceName,
      source: target.source,
      severity: target.severity,
    });
  });

  it('by number and workspace: the whole incident, entities grouped by type', async () => {
    const target = month.find((i) => i.oddity === 'long-description');
    if (!target) throw new Error('no odd record');
    const outcome = await callTool(client, GET, {
      incident: `#${target.number}`,
      workspace: target.workspaceName,
    });
    expect(outcome.structured.status).toBe('found');
    const incident = outcome.structured.incident;
    expect(incident.description.length).toBe(4_000);
    const wireEntities = entitiesOf(target);
    const kinds = Object.keys(incident.entitiesByType);
    expect(kinds.length).toBeGreaterThan(0);
    expect(Object.values(incident.entitiesByType).flat().length).toBe(wireEntities.length);
    expect(outcome.text).toContain(
      `Workspace: ${target.workspaceName} (${target.workspaceId}) · Source: ${target.source}`,
    );
    expect(outcome.text).toContain('Entities:');
  });

  it('a number in several workspaces lists the candidates and asks for the workspace', async () => {
    const counts = new Map<number, SimIncident[]>();
    for (const i of month) counts.set(i.number, [...(counts.get(i.number) ?? []), i]);
    const [number, shared] = [...counts].find(([, list]) => list.length >= 2) ?? [];
    if (!number || !shared) throw new Error('no shared number');
    const { client: fresh } = await connectMcp(sim, { now: clock });
    const outcome = await callTool(fresh, GET, { incident: number });
    expect(outcome.structured.status).toBe('ambiguous');
    expect(outcome.structured.candidates.map((c: { id: string }) => c.id).sort()).toEqual(
      shared.map((i) => i.id).sort(),
    );
    expect(outcome.text).toContain(`Incident #${number} exists in ${shared.length} workspaces.`);
    const chosen = shared[1] as SimIncident;
    const resolved = await callTool(fresh, GET, { incident: number, workspace: chosen.workspaceId });
    expect(resolved.structured.incident.id).toBe(chosen.id);
  });

  it('missing: says what was searched and how to widen it', async () => {
    const outcome = await callTool(client, GET, { incident: 987654, window: '7d' });
    expect(outcome.structured.status).toBe('not_found');
    expect(outcome.text).toContain('No incident #987654 found in all workspaces.');
    expect(outcome.text).toContain(
      'Searched: Window: last 7 days: 2026-11-27T15:30:00.000Z → 2026-12-04T15:30:00.000Z',
    );
    expect(outcome.text).toContain('older incidents need a wider window');
  });
});
