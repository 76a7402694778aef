import { entityKind, primaryValue } from '../incidents/entities.js';
import type { Incident, IncidentEntity } from '../schemas/incident.js';
import { cap, multiLine, oneLine } from '../util/sanitize.js';

// The only place that decides what the model reads of an incident. Every string from the API
// passes through oneLine/multiLine (control characters stripped, lengths capped) on the way.

export const LIMITS = {
  title: 200,
  name: 80,
  entityValue: 120,
  description: 1_500,
  conciseEntities: 3,
  detailedEntities: 25,
  listItem: 40,
  listItems: 10,
} as const;

export type ResponseFormat = 'concise' | 'detailed';

export interface EntityView {
  type: string;
  value: string;
}

/** An incident as the model sees it: sanitised, capped, the analyst's fields first. */
export interface IncidentView {
  id: string;
  number: number | null;
  title: string;
  severity: string;
  status: string;
  workspace: string;
  workspaceId: string;
  source: string;
  created: string | null;
  /** True when the API sent the time without a UTC offset and it was read as UTC. */
  createdAssumedUtc?: boolean;
  assignee: string | null;
  alerts: number | null;
  entities: EntityView[];
  /** Entities not listed (concise shows the top few). */
  moreEntities: number;
  description?: string;
  tactics?: string[];
  classification?: string | null;
  classificationReason?: string | null;
  products?: string[];
  ruleIds?: string[];
  lastActivity?: string | null;
  lastModified?: string | null;
}

// Which entities an analyst pivots on first.
const ENTITY_RANK = ['User', 'Device', 'IP', 'FileHash', 'URL', 'Mailbox', 'DomainName', 'File', 'Process'];

export function entityViews(entities: readonly IncidentEntity[]): EntityView[] {
  const rank = (type: string | null) => {
    const index = ENTITY_RANK.indexOf(type ?? '');
    return index < 0 ? ENTITY_RANK.length : index;
  };
  const seen = new Set<string>();
  const views: EntityView[] = [];
  for (const entity of [...entities].sort((a, b) => rank(a.type) - rank(b.type))) {
    const value = oneLine(primaryValue(entity), LIMITS.entityValue);
    if (!value) continue;
    const type = oneLine(entityKind(entity), 30);
    const key = `${type}\u0000${value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    views.push({ type, value });
  }
  return views;
}

export function toIncidentView(incident: Incident, format: ResponseFormat): IncidentView {
  const entities = entityViews(incident.entities);
  const shown = format === 'concise' ? LIMITS.conciseEntities : LIMITS.detailedEntities;
  const assignee = incident.user?.email ?? incident.user?.displayName ?? null;
  const view: IncidentView = {
    id: oneLine(incident.id, 100),
    number: incident.number,
    title: oneLine(incident.title ?? incident.name, LIMITS.title) || '(untitled)',
    severity: oneLine(incident.severity, 30) || 'unknown',
    status: oneLine(incident.status, 30) || 'unknown',
    workspace: oneLine(incident.workspaceName, LIMITS.name) || '(unnamed workspace)',
    workspaceId: oneLine(incident.workspaceId, 100),
    source: oneLine(incident.source, 40) || 'unknown',
    created: incident.creationTime?.iso ?? null,
    assignee: assignee ? oneLine(assignee, LIMITS.name) : null,
    alerts: incident.alertsCount,
    entities: entities.slice(0, shown),
    moreEntities: Math.max(0, entities.length - shown),
  };
  if (incident.creationTime?.assumedUtc) view.createdAssumedUtc = true;
  if (format === 'detailed') {
    const list = (values: string[]) =>
      values
        .slice(0, LIMITS.listItems)
        .map((v) => oneLine(v, LIMITS.listItem))
        .filter(Boolean);
    view.description = multiLine(incident.description, LIMITS.description);
    view.tactics = list(incident.tactics);
    view.classification = incident.classification ? oneLine(incident.classification, 60) : null;
    view.classificationReason = incident.classificationReason
      ? oneLine(incident.classificationReason, 60)
      : null;
    view.products = list(incident.alertProductNames);
    view.ruleIds = list(incident.ruleIds);
    view.lastActivity = incident.lastActivityTime?.iso ?? null;
    view.lastModified = incident.lastModificationTime?.iso ?? null;
  }
  return view;
}

/** "13m ago", "5h ago", "3d ago". */
export function relativeAge(iso: string | null, nowMs: number): string {
  if (!iso) return 'time unknown';
  const ms = nowMs - Date.parse(iso);
  if (Number.isNaN(ms)) return 'time unknown';
  if (ms < 0) return 'in the future';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

/** "2026-12-04 16:07Z" */
export function shortUtc(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : 'unknown time';
}

/** "12-04 16:07Z": the year and seconds are in the window line already. */
function compactUtc(iso: string | null): string {
  return iso ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}Z` : 'time unknown';
}

const CONCISE_ENTITIES = 2;
const CONCISE_ENTITY_VALUE = 64; // a SHA-256 in full

/**
 * Concise entities: a host's and an account's short name (the workspace already names the
 * tenant), and none the title already names. Detailed results carry the full values.
 */
function conciseEntities(view: IncidentView): string {
  const title = view.title.toLowerCase();
  const short = view.entities.map((entity) => {
    let value = entity.value;
    if (entity.type === 'host' && !/^\d/.test(value)) value = value.split('.')[0] ?? value;
    if (entity.type === 'account') value = value.split('@')[0] ?? value;
    return { type: entity.type, value: cap(value, CONCISE_ENTITY_VALUE) };
  });
  const fresh = short.filter((e) => !title.includes(e.value.toLowerCase()));
  const shown = fresh.slice(0, CONCISE_ENTITIES);
  const hidden = view.entities.length + view.moreEntities - shown.length;
  if (!shown.length) return hidden ? ` · +${hidden} entities` : '';
  return ` · ${shown.map((e) => `${e.type} ${e.value}`).join(', ')}${hidden ? ` +${hidden}` : ''}`;
}

/**
 * The text block for one incident in a list. Concise is one line, an eighth of the API's
 * JSON for the same incident; detailed adds everything an analyst reads next.
 */
export function incidentBlock(view: IncidentView, ordinal: number, nowMs: number): string {
  const number = view.number === null ? '#?' : `#${view.number}`;
  const alerts = view.alerts === null ? 'alerts ?' : `${view.alerts} alert${view.alerts === 1 ? '' : 's'}`;
  const assumed = view.createdAssumedUtc ? ' (sent without offset, read as UTC)' : '';
  if (view.description === undefined) {
    const assignee = view.assignee ? (view.assignee.split('@')[0] ?? view.assignee) : 'unassigned';
    return `${number} ${view.severity} ${view.status} — ${view.title} · ${view.workspace} · ${view.source} · ${compactUtc(view.created)}${assumed}, ${relativeAge(view.created, nowMs)} · ${assignee} · ${alerts}${conciseEntities(view)}`;
  }
  const lines = [
    `${ordinal}. ${number} ${view.severity} ${view.status} — ${view.title}`,
    `   ${view.workspace} · ${view.source} · created ${shortUtc(view.created)}${assumed} (${relativeAge(view.created, nowMs)}) · ${view.assignee ?? 'unassigned'} · ${alerts}`,
  ];
  if (view.entities.length) {
    const more = view.moreEntities ? ` (+${view.moreEntities} more)` : '';
    lines.push(`   entities: ${view.entities.map((e) => `${e.type} ${e.value}`).join('; ')}${more}`);
  }
  if (view.tactics?.length) lines.push(`   tactics: ${view.tactics.join(', ')}`);
  if (view.classification) {
    lines.push(
      `   classification: ${view.classification}${view.classificationReason ? ` (${view.classificationReason})` : ''}`,
    );
  }
  if (view.products?.length) lines.push(`   products: ${view.products.join(', ')}`);
  if (view.ruleIds?.length) lines.push(`   rules: ${view.ruleIds.join(', ')}`);
  lines.push(`   id: ${view.id} (workspace ${view.workspaceId})`);
  if (view.description) lines.push(`   description: ${view.description.replace(/\n/g, '\n     ')}`);
  return lines.join('\n');
}
