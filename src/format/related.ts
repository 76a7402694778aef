import type { EntityMatch } from '../incidents/entityMatch.js';
import { type ScanResult, scanSummary } from '../incidents/scan.js';
import type { ResolvedWindow } from '../incidents/timeWindow.js';
import type { Incident } from '../schemas/incident.js';
import { oneLine } from '../util/sanitize.js';
import { LIMITS, relativeAge, shortUtc } from './incident.js';
import { DEMO_NOTE, UNTRUSTED_NOTE, windowForModel, windowLine } from './listPage.js';
import { scanLine } from './stats.js';

export interface RelatedHit {
  incident: Incident;
  match: EntityMatch;
}

export function formatRelated(input: {
  entity: { value: string; type: string; normalized: string };
  hits: RelatedHit[];
  matched: number;
  scan: ScanResult;
  window: ResolvedWindow;
  filters: string;
  demo: boolean;
  nowMs: number;
}) {
  const groups = new Map<
    string,
    { workspace: string; workspaceId: string; incidents: ReturnType<typeof view>[] }
  >();
  for (const hit of input.hits) {
    const key = hit.incident.workspaceId ?? '';
    let group = groups.get(key);
    if (!group) {
      group = {
        workspace: oneLine(hit.incident.workspaceName, LIMITS.name) || '(unnamed workspace)',
        workspaceId: oneLine(hit.incident.workspaceId, 100),
        incidents: [],
      };
      groups.set(key, group);
    }
    group.incidents.push(view(hit));
  }
  const workspaces = [...groups.values()].sort(
    (a, b) => b.incidents.length - a.incidents.length || a.workspace.localeCompare(b.workspace),
  );
  const entity = {
    value: oneLine(input.entity.value, LIMITS.entityValue),
    type: input.entity.type,
    normalized: oneLine(input.entity.normalized, LIMITS.entityValue),
  };

  const lines: string[] = [];
  if (input.demo) lines.push(DEMO_NOTE);
  lines.push(
    `Incidents related to ${entity.type === 'any' ? 'entity' : entity.type} ${entity.value}${entity.normalized !== entity.value.toLowerCase() ? ` (normalised: ${entity.normalized})` : ''}`,
    windowLine(input.window),
    `Filters: ${input.filters}`,
    scanLine(input.scan),
    '',
  );
  const inWorkspaces = `${workspaces.length} workspace${workspaces.length === 1 ? '' : 's'}`;
  if (input.matched === 0) {
    lines.push(
      'No incident in the window has this entity. Widen the window (e.g. "30d") or try entityType "any".',
    );
  } else {
    lines.push(
      `Found ${input.matched} incident${input.matched === 1 ? '' : 's'} in ${inWorkspaces}.`,
      UNTRUSTED_NOTE,
      '',
    );
    for (const group of workspaces) {
      lines.push(`${group.workspace} (${group.incidents.length}):`);
      for (const i of group.incidents) {
        lines.push(
          `  #${i.number ?? '?'} ${i.severity} ${i.status} — ${i.title} — created ${shortUtc(i.created)} (${relativeAge(i.created, input.nowMs)}) — matched ${i.matchedField} = ${i.matchedValue}`,
        );
      }
    }
    if (input.matched > input.hits.length) {
      lines.push(
        `(${input.matched - input.hits.length} more matches not listed; narrow the window or filters to see them.)`,
      );
    }
    lines.push(
      '',
      'Next: contraforce_get_incident with {"incident":"<number>","workspace":"<workspace>"} for the whole incident.',
    );
  }
  const window = windowForModel(input.window);
  return {
    text: lines.join('\n'),
    structured: {
      entity,
      window,
      filters: input.filters,
      scanned: scanSummary(input.scan),
      matched: input.matched,
      workspaces,
      ...(input.demo ? { demo: true } : {}),
    },
  };
}

function view({ incident, match }: RelatedHit) {
  return {
    id: oneLine(incident.id, 100),
    number: incident.number,
    title: oneLine(incident.title ?? incident.name, LIMITS.title) || '(untitled)',
    severity: oneLine(incident.severity, 30) || 'unknown',
    status: oneLine(incident.status, 30) || 'unknown',
    created: incident.creationTime?.iso ?? null,
    matchedField: match.field,
    matchedValue: oneLine(match.value, LIMITS.entityValue),
  };
}
