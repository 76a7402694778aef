import { UserInputError } from '../errors.js';
import type { IncidentSource, Severity, Status } from '../schemas/enums.js';
import type { ListIncidentsAcrossWorkspacesRequest } from '../schemas/request.js';
import type { ResolvedWindow, WindowPreset } from './timeWindow.js';
import { canonicalTimeZone } from './timeZones.js';

/** The list filters a tool call asked for, normalised so two equal requests compare equal. */
export interface ListFilters {
  severities: Severity[];
  statuses: Status[];
  sources: IncidentSource[];
  window: WindowPreset | null;
  since: string | null;
  until: string | null;
  timezone: string;
  query: string | null;
  assigneeIds: string[];
  assigneeEmails: string[];
  includeUnassigned: boolean | null;
  workspaces: string[];
}

/** Tool arguments as the input schema delivers them (enums already canonical). */
export interface ListFilterArgs {
  severities?: Severity[] | undefined;
  statuses?: Status[] | undefined;
  sources?: IncidentSource[] | undefined;
  window?: WindowPreset | undefined;
  since?: string | undefined;
  until?: string | undefined;
  timezone?: string | undefined;
  query?: string | undefined;
  assigneeIds?: string[] | undefined;
  assigneeEmails?: string[] | undefined;
  includeUnassigned?: boolean | undefined;
  workspaces?: string[] | undefined;
}

export const FILTER_FIELDS = [
  'severities',
  'statuses',
  'sources',
  'window',
  'since',
  'until',
  'timezone',
  'query',
  'assigneeIds',
  'assigneeEmails',
  'includeUnassigned',
  'workspaces',
] as const satisfies readonly (keyof ListFilters)[];

const uniqueSorted = <T extends string>(values: readonly T[] | undefined, lower = false): T[] =>
  [...new Set((values ?? []).map((v) => (lower ? v.trim().toLowerCase() : v.trim()) as T))]
    .filter((v) => v !== '')
    .sort();

export function normalizeFilters(
  args: ListFilterArgs,
  defaultTimezone: string,
  defaultWindow: WindowPreset = '24h',
): ListFilters {
  const zone = args.timezone === undefined ? defaultTimezone : canonicalTimeZone(args.timezone);
  if (!zone) {
    throw new UserInputError(
      `timezone "${args.timezone}" is not an IANA time zone; use e.g. "Europe/Berlin", "America/New_York" or "UTC".`,
    );
  }
  return {
    severities: uniqueSorted(args.severities),
    statuses: uniqueSorted(args.statuses),
    sources: uniqueSorted(args.sources),
    window: args.window ?? (args.since || args.until ? null : defaultWindow),
    since: args.since?.trim() || null,
    until: args.until?.trim() || null,
    timezone: zone,
    query: args.query?.trim() || null,
    assigneeIds: uniqueSorted(args.assigneeIds),
    assigneeEmails: uniqueSorted(args.assigneeEmails, true),
    includeUnassigned: args.includeUnassigned ?? null,
    workspaces: uniqueSorted(args.workspaces),
  };
}

/**
 * With a cursor, filter arguments must be absent or the same as the listing's: returns the names
 * of those that differ.
 */
export function changedFilters(args: ListFilterArgs, stored: ListFilters): string[] {
  const given = normalizeFilters(args, stored.timezone, stored.window ?? '24h');
  const changed: string[] = [];
  for (const field of FILTER_FIELDS) {
    if (args[field] === undefined) continue;
    if (JSON.stringify(given[field]) !== JSON.stringify(stored[field])) changed.push(field);
  }
  return changed;
}

/** The API request for a listing's first call (paging fields are added by the pager). */
export function toApiRequest(
  filters: ListFilters,
  window: ResolvedWindow,
): ListIncidentsAcrossWorkspacesRequest {
  const request: ListIncidentsAcrossWorkspacesRequest = {
    isFirstCall: true,
    timeFilterSelection: window.timeFilterSelection,
  };
  if (filters.severities.length) request.severities = filters.severities;
  if (filters.statuses.length) request.statuses = filters.statuses;
  if (filters.sources.length) request.sources = filters.sources;
  if (filters.query) request.query = filters.query;
  if (filters.assigneeIds.length) request.assigneeIds = filters.assigneeIds;
  if (filters.assigneeEmails.length) request.assigneeEmails = filters.assigneeEmails;
  if (filters.includeUnassigned !== null) request.includeUnassigned = filters.includeUnassigned;
  return request;
}

/** One line for the model: "severity High · status New, Active · query "vpn"". */
export function describeFilters(filters: ListFilters): string {
  const parts: string[] = [];
  if (filters.severities.length) parts.push(`severity ${filters.severities.join(', ')}`);
  if (filters.statuses.length) parts.push(`status ${filters.statuses.join(', ')}`);
  if (filters.sources.length) parts.push(`source ${filters.sources.join(', ')}`);
  if (filters.query) parts.push(`query ${JSON.stringify(filters.query)}`);
  if (filters.assigneeIds.length) parts.push(`assignee ids ${filters.assigneeIds.join(', ')}`);
  if (filters.assigneeEmails.length) parts.push(`assignees ${filters.assigneeEmails.join(', ')}`);
  if (filters.includeUnassigned === true) {
    parts.push(
      filters.assigneeIds.length || filters.assigneeEmails.length ? 'or unassigned' : 'unassigned only',
    );
  }
  if (filters.workspaces.length) parts.push(`workspaces ${filters.workspaces.join(', ')}`);
  return parts.length ? parts.join(' · ') : 'none';
}
