import type { ListIncidentsAcrossWorkspacesRequest } from '../schemas/request.js';
import type { SimIncident } from './dataset.js';

// How the simulator reads a request's filters. Where the vendor documents nothing, the choice
// made here is written down in docs/SIMULATOR.md.

const PRESET_HOURS: Record<string, number> = {
  ThreeHours: 3,
  SixHours: 6,
  TwelveHours: 12,
  TwentyFourHours: 24,
  FourtyEightHours: 48,
};

export interface ResolvedFilter {
  fromMs: number;
  /** Exclusive for Custom windows, inclusive (the anchor) for presets. */
  toMs: number;
  toInclusive: boolean;
  severities: Set<string> | null;
  statuses: Set<string> | null;
  sources: Set<string> | null;
  query: string | null;
  assigneeIds: Set<string>;
  assigneeEmails: Set<string>;
  includeUnassigned: boolean;
}

type FilterFields = Omit<ListIncidentsAcrossWorkspacesRequest, 'isFirstCall' | 'workspacePageTokens'>;

function asSet(values: readonly string[] | null | undefined, lower = false): Set<string> | null {
  if (!values || values.length === 0) return null;
  return new Set(lower ? values.map((v) => v.toLowerCase()) : values);
}

/** Resolves a request's filters; preset windows end at `anchorMs` (the first call's "now"). */
export function resolveFilter(request: FilterFields, anchorMs: number): ResolvedFilter {
  const selection = request.timeFilterSelection;
  let fromMs: number;
  let toMs = anchorMs;
  let toInclusive = true;
  if (selection?.type === 'Custom' && selection.customStartUtc && selection.customEndUtc) {
    fromMs = Date.parse(selection.customStartUtc);
    toMs = Date.parse(selection.customEndUtc);
    toInclusive = false;
  } else {
    // No time filter (or a null type) means the last 3 hours, as the legacy API did.
    fromMs = anchorMs - (PRESET_HOURS[selection?.type ?? 'ThreeHours'] ?? 3) * 3_600_000;
  }
  return {
    fromMs,
    toMs,
    toInclusive,
    severities: asSet(request.severities),
    statuses: asSet(request.statuses),
    sources: asSet(request.sources),
    query: request.query?.trim() ? request.query.trim().toLowerCase() : null,
    assigneeIds: asSet(request.assigneeIds) ?? new Set(),
    assigneeEmails: asSet(request.assigneeEmails, true) ?? new Set(),
    includeUnassigned: request.includeUnassigned ?? false,
  };
}

export function matchesFilter(filter: ResolvedFilter, incident: SimIncident): boolean {
  const t = incident.creationMs;
  if (t < filter.fromMs || (filter.toInclusive ? t > filter.toMs : t >= filter.toMs)) return false;
  if (filter.severities && !filter.severities.has(incident.severity)) return false;
  if (filter.statuses && !filter.statuses.has(incident.status)) return false;
  if (filter.sources && !filter.sources.has(incident.source)) return false;
  if (filter.query) {
    const haystack = `${incident.number}\n${incident.title}\n${incident.description}`.toLowerCase();
    if (!haystack.includes(filter.query)) return false;
  }
  const byAssignee = filter.assigneeIds.size > 0 || filter.assigneeEmails.size > 0;
  if (byAssignee || filter.includeUnassigned) {
    const a = incident.assignee;
    const assignedMatch =
      a !== null && (filter.assigneeIds.has(a.id) || filter.assigneeEmails.has(a.email.toLowerCase()));
    const unassignedMatch = filter.includeUnassigned && a === null;
    if (!assignedMatch && !unassignedMatch) return false;
  }
  return true;
}

/** Newest first; ties broken by id so every order is total and stable. */
export function newestFirst(a: SimIncident, b: SimIncident): number {
  return b.creationMs - a.creationMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
