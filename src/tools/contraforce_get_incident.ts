import * as z from 'zod';
import { UserInputError } from '../errors.js';
import { LIMITS } from '../format/incident.js';
import { incidentDetail, incidentDetailText } from '../format/incidentDetail.js';
import { DEMO_NOTE, windowForModel, windowLine } from '../format/listPage.js';
import { scanLine } from '../format/stats.js';
import { prepareListing } from '../incidents/listing.js';
import { type ScanResult, scanListing, scanSummary } from '../incidents/scan.js';
import { WINDOW_PRESETS } from '../incidents/timeWindow.js';
import type { Incident } from '../schemas/incident.js';
import { anyCaseEnum } from '../schemas/toolInputs.js';
import { getIncidentOutputShape } from '../schemas/toolOutputs.js';
import { oneLine } from '../util/sanitize.js';
import { defineTool, readOnlyAnnotations } from './defineTool.js';

const SEARCH_BUDGET = { maxPages: 50, maxIncidents: 100_000 };

type Ref = { kind: 'number'; number: number } | { kind: 'id'; id: string };

function parseRef(value: string | number): Ref {
  const text = String(value).trim();
  const number = /^#?(\d{1,10})$/.exec(text);
  if (number) return { kind: 'number', number: Number(number[1]) };
  if (!text) throw new UserInputError('incident is empty; pass an incident number (e.g. 4711) or id.');
  return { kind: 'id', id: text };
}

export default defineTool({
  name: 'contraforce_get_incident',
  title: 'Get one ContraForce incident',
  description: `Everything about one incident: all fields, entities grouped by type, description, classification, workspace and source.
Use it after a listing ("tell me everything about #4711"). Pass the number or id; numbers repeat across customer workspaces, so add workspace when you know it.
Looks in recent results first, then searches the API within window (default 30d).
Example: {"incident":"4711","workspace":"Contoso Health"}`,
  inputSchema: {
    incident: z
      .union([z.string().max(200, { error: 'must be at most 200 characters' }), z.number().int()])
      .describe('Incident number (e.g. 4711 or "#4711") or id, as shown in list results.'),
    workspace: z
      .string()
      .max(200, { error: 'must be at most 200 characters' })
      .optional()
      .describe('Workspace id or name; needed when the number exists in several workspaces.'),
    window: anyCaseEnum(WINDOW_PRESETS)
      .optional()
      .describe(
        'How far back to search by creation time: 3h 6h 12h 24h 48h today yesterday 7d 30d (default 30d).',
      ),
  },
  outputSchema: getIncidentOutputShape,
  annotations: readOnlyAnnotations('Get one ContraForce incident'),
  async handler(args, { app, signal }) {
    const now = app.now();
    const ref = parseRef(args.incident);
    const listing = prepareListing(
      {
        window: args.window ?? '30d',
        ...(args.workspace ? { workspaces: [args.workspace] } : {}),
        ...(ref.kind === 'number' ? { query: String(ref.number) } : {}),
      },
      app,
      now,
      '30d',
    );
    const { scope } = listing;
    const matches = (i: Incident) =>
      scope.includes(i) &&
      (ref.kind === 'number' ? i.number === ref.number : i.id?.toLowerCase() === ref.id.toLowerCase());
    const label = ref.kind === 'number' ? `#${ref.number}` : `id ${oneLine(ref.id, 100)}`;
    const workspacesText = args.workspace
      ? oneLine(args.workspace, LIMITS.name)
      : scope.isRestricted
        ? 'the allowed workspaces'
        : 'all workspaces';
    const window = windowForModel(listing.window);
    const head = app.config.demo ? [DEMO_NOTE] : [];

    const respond = (found: Incident, foundIn: 'recent results' | 'API search', scan: ScanResult | null) => {
      const detail = incidentDetail(found);
      return {
        content: [{ type: 'text' as const, text: [...head, incidentDetailText(detail, now)].join('\n') }],
        structuredContent: {
          status: 'found',
          foundIn,
          incident: detail,
          searched: { window, workspaces: workspacesText, scanned: scan && scanSummary(scan) },
          ...(app.config.demo ? { demo: true } : {}),
        },
      };
    };

    // 1. Recently listed incidents: an id is unique; a number only when the workspace is given.
    const recent =
      ref.kind === 'id'
        ? [app.recent.get(ref.id)].filter((i) => i !== undefined)
        : app.recent.withNumber(ref.number);
    const recentInScope = recent.filter(matches);
    if (recentInScope.length === 1 && recentInScope[0] && (ref.kind === 'id' || args.workspace)) {
      return respond(recentInScope[0], 'recent results', null);
    }

    // 2. The API: by number through the query filter; by id by reading the window until found.
    const found = new Map<string, Incident>();
    const scan = await scanListing(
      app.pager,
      { request: listing.request, scope, signal },
      SEARCH_BUDGET,
      (incident) => {
        if (!matches(incident)) return;
        found.set(incident.id ?? '', incident);
        return ref.kind === 'id' ? 'stop' : undefined;
      },
    );
    for (const incident of recentInScope) found.set(incident.id ?? '', incident);
    const candidates = [...found.values()];

    if (candidates.length === 1 && candidates[0]) return respond(candidates[0], 'API search', scan);

    const searched = { window, workspaces: workspacesText, scanned: scanSummary(scan) };
    if (candidates.length > 1) {
      const list = candidates.map((i) => ({
        id: oneLine(i.id, 100),
        number: i.number,
        title: oneLine(i.title, LIMITS.title),
        workspace: oneLine(i.workspaceName, LIMITS.name),
        workspaceId: oneLine(i.workspaceId, 100),
        created: i.creationTime?.iso ?? null,
      }));
      const text = [
        ...head,
        `Incident ${label} exists in ${list.length} workspaces. Call contraforce_get_incident again with "workspace" set to one of them (or pass the id):`,
        ...list.map(
          (c) =>
            `  ${c.workspace} (${c.workspaceId}): "${c.title}", created ${c.created ?? 'unknown'}, id ${c.id}`,
        ),
      ].join('\n');
      return {
        content: [{ type: 'text', text }],
        structuredContent: {
          status: 'ambiguous',
          candidates: list,
          searched,
          ...(app.config.demo ? { demo: true } : {}),
        },
      };
    }

    const text = [
      ...head,
      `No incident ${label} found in ${workspacesText}.`,
      `Searched: ${windowLine(listing.window)}; ${scanLine(scan)}`,
      ref.kind === 'number'
        ? 'Check the number; older incidents need a wider window (the widest is 30d), and a workspace outside the allowed set is never searched.'
        : 'Check the id (ids are shown in detailed list results), or search by number; older incidents need a wider window (up to 30d).',
    ].join('\n');
    return {
      content: [{ type: 'text', text }],
      structuredContent: { status: 'not_found', searched, ...(app.config.demo ? { demo: true } : {}) },
    };
  },
});
