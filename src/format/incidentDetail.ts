import { entityKind, primaryValue } from '../incidents/entities.js';
import type { Incident, IncidentEntity } from '../schemas/incident.js';
import { multiLine, oneLine } from '../util/sanitize.js';
import { LIMITS, relativeAge, shortUtc } from './incident.js';
import { UNTRUSTED_NOTE } from './listPage.js';

const DESCRIPTION_MAX = 4_000;
const MAX_ENTITIES = 50;
const ENTITY_DETAIL_FIELDS: (keyof IncidentEntity)[] = [
  'userPrincipalName',
  'aadUserId',
  'hostName',
  'deviceId',
  'ipAddress',
  'fileHash',
  'hashAlgorithm',
  'fileName',
  'emailAddress',
  'emailSubject',
  'displayName',
  'friendlyName',
];

/** Everything about one incident, sanitised and capped: what get_incident returns. */
export function incidentDetail(incident: Incident) {
  const text = (value: string | null, max: number = LIMITS.name) => (value ? oneLine(value, max) : null);
  const entitiesByType: Record<string, { value: string; details: Record<string, string> }[]> = {};
  for (const entity of incident.entities.slice(0, MAX_ENTITIES)) {
    const value = primaryValue(entity);
    if (!value) continue;
    const kind = oneLine(entityKind(entity), 30);
    const details: Record<string, string> = {};
    for (const field of ENTITY_DETAIL_FIELDS) {
      const v = entity[field];
      if (typeof v === 'string' && v !== '' && v !== value) details[field] = oneLine(v, LIMITS.entityValue);
    }
    entitiesByType[kind] = [
      ...(entitiesByType[kind] ?? []),
      { value: oneLine(value, LIMITS.entityValue), details },
    ];
  }
  return {
    id: oneLine(incident.id, 100),
    number: incident.number,
    title: text(incident.title ?? incident.name, LIMITS.title) ?? '(untitled)',
    severity: text(incident.severity, 30) ?? 'unknown',
    status: text(incident.status, 30) ?? 'unknown',
    workspace: text(incident.workspaceName) ?? '(unnamed workspace)',
    workspaceId: oneLine(incident.workspaceId, 100),
    source: text(incident.source, 40) ?? 'unknown',
    sourceDisplayName: text(incident.sourceDisplayName),
    type: text(incident.type, 60),
    created: incident.creationTime?.iso ?? null,
    lastActivity: incident.lastActivityTime?.iso ?? null,
    lastModified: incident.lastModificationTime?.iso ?? null,
    timesAssumedUtc: [incident.creationTime, incident.lastActivityTime, incident.lastModificationTime].some(
      (t) => t?.assumedUtc,
    ),
    assignee: incident.user
      ? {
          name: text(incident.user.displayName),
          email: text(incident.user.email),
          id: text(incident.user.id, 100),
        }
      : null,
    alerts: incident.alertsCount,
    classification: text(incident.classification, 60),
    classificationReason: text(incident.classificationReason, 60),
    classificationComment: incident.classificationComment
      ? multiLine(incident.classificationComment, 500)
      : null,
    comment: incident.comment ? multiLine(incident.comment, 500) : null,
    tactics: incident.tactics.slice(0, 20).map((t) => oneLine(t, LIMITS.listItem)),
    products: incident.alertProductNames.slice(0, 20).map((t) => oneLine(t, LIMITS.listItem)),
    ruleIds: incident.ruleIds.slice(0, 20).map((t) => oneLine(t, 100)),
    productId: text(incident.productId, 100),
    isDefenderXDRSourced: incident.isDefenderXDRSourced,
    entitiesByType,
    entitiesNotShown: Math.max(0, incident.entities.length - MAX_ENTITIES),
    description: multiLine(incident.description, DESCRIPTION_MAX),
  };
}

export type IncidentDetail = ReturnType<typeof incidentDetail>;

export function incidentDetailText(d: IncidentDetail, nowMs: number): string {
  const lines = [
    `#${d.number ?? '?'} ${d.severity} ${d.status} — ${d.title}`,
    `Workspace: ${d.workspace} (${d.workspaceId}) · Source: ${d.source}${d.sourceDisplayName && d.sourceDisplayName !== d.source ? ` (${d.sourceDisplayName})` : ''}`,
    `Created ${shortUtc(d.created)} (${relativeAge(d.created, nowMs)}) · last activity ${shortUtc(d.lastActivity)} · last modified ${shortUtc(d.lastModified)}${d.timesAssumedUtc ? ' (some times were sent without offset and read as UTC)' : ''}`,
    `Assignee: ${d.assignee ? [d.assignee.name, d.assignee.email].filter(Boolean).join(' ') : 'unassigned'} · Alerts: ${d.alerts ?? '?'}`,
  ];
  if (d.classification) {
    lines.push(
      `Classification: ${d.classification}${d.classificationReason ? ` (${d.classificationReason})` : ''}${d.classificationComment ? ` — ${d.classificationComment}` : ''}`,
    );
  }
  if (d.tactics.length) lines.push(`Tactics: ${d.tactics.join(', ')}`);
  if (d.products.length) lines.push(`Products: ${d.products.join(', ')}`);
  if (d.ruleIds.length) lines.push(`Rules: ${d.ruleIds.join(', ')}`);
  if (d.comment) lines.push(`Comment: ${d.comment}`);
  lines.push(`Id: ${d.id}`, '', UNTRUSTED_NOTE);
  const kinds = Object.keys(d.entitiesByType);
  if (kinds.length) {
    lines.push('Entities:');
    for (const kind of kinds) {
      for (const e of d.entitiesByType[kind] ?? []) {
        const details = Object.entries(e.details)
          .map(([k, v]) => `${k} ${v}`)
          .join('; ');
        lines.push(`  ${kind} ${e.value}${details ? ` (${details})` : ''}`);
      }
    }
    if (d.entitiesNotShown) lines.push(`  (+${d.entitiesNotShown} more entities not shown)`);
  } else {
    lines.push('Entities: none');
  }
  if (d.description) lines.push('Description:', d.description);
  return lines.join('\n');
}
