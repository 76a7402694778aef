import type { Config } from '../config.js';
import type { ListIncidentsAcrossWorkspacesRequest } from '../schemas/request.js';
import { type ListFilterArgs, type ListFilters, normalizeFilters, toApiRequest } from './listFilters.js';
import { type ResolvedWindow, resolveWindow, type WindowPreset } from './timeWindow.js';
import { type WorkspaceDirectory, WorkspaceScope } from './workspaceScope.js';

/** A listing ready to page: filters, the window as instants, the workspace scope, the API request. */
export interface Listing {
  filters: ListFilters;
  window: ResolvedWindow;
  scope: WorkspaceScope;
  request: ListIncidentsAcrossWorkspacesRequest;
}

interface ListingContext {
  config: Pick<Config, 'timezone' | 'workspaces'>;
  directory: WorkspaceDirectory;
}

/** From tool arguments: every incident tool builds its listing here, so they all filter alike. */
export function prepareListing(
  args: ListFilterArgs,
  context: ListingContext,
  nowMs: number,
  defaultWindow: WindowPreset = '24h',
): Listing {
  const filters = normalizeFilters(args, context.config.timezone, defaultWindow);
  const window = resolveWindow(
    {
      window: filters.window ?? undefined,
      since: filters.since ?? undefined,
      until: filters.until ?? undefined,
      timezone: filters.timezone,
    },
    nowMs,
  );
  return resumeListing(filters, window, context);
}

/** From a cursor's saved filters and window (the window stays as it was first resolved). */
export function resumeListing(
  filters: ListFilters,
  window: ResolvedWindow,
  context: ListingContext,
): Listing {
  const scope = WorkspaceScope.fromAllowlist(context.config.workspaces).narrow(
    filters.workspaces,
    context.directory,
  );
  return { filters, window, scope, request: toApiRequest(filters, window) };
}
