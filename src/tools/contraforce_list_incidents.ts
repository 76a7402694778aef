import { UserInputError } from '../errors.js';
import { toIncidentView } from '../format/incident.js';
import {
  countViews,
  DEMO_NOTE,
  fitToBudget,
  formatCounts,
  UNTRUSTED_NOTE,
  windowForModel,
  windowLine,
} from '../format/listPage.js';
import type { CursorState } from '../incidents/cursorStore.js';
import { changedFilters, describeFilters } from '../incidents/listFilters.js';
import { type Listing, prepareListing, resumeListing } from '../incidents/listing.js';
import { listFilterShape, pagingShape } from '../schemas/toolInputs.js';
import { listIncidentsOutputShape } from '../schemas/toolOutputs.js';
import { defineTool, readOnlyAnnotations } from './defineTool.js';

const NAME = 'contraforce_list_incidents';
const DEFAULT_LIMIT = 20;
/** API chunks one call may read looking for in-scope incidents before it hands back a cursor. */
const MAX_API_CALLS_PER_TOOL_CALL = 10;

export default defineTool({
  name: NAME,
  title: 'List ContraForce incidents',
  description: `List security incidents across every customer workspace, newest first, as a compact page with a continuation cursor.
Use it for the queue and for questions like "today's high-severity incidents" or "what is still unassigned".
Filters: severities, statuses, sources, window (3h 6h 12h 24h 48h today yesterday 7d 30d; default 24h) or since/until, query (number/title/description), assigneeEmails/assigneeIds, includeUnassigned, workspaces.
Paging: when the result has a nextCursor, call again with {"cursor": "<nextCursor>"} alone to get the next page.
Example: {"severities":["High"],"window":"today","statuses":["New","Active"]}`,
  inputSchema: { ...listFilterShape, ...pagingShape },
  outputSchema: listIncidentsOutputShape,
  annotations: readOnlyAnnotations('List ContraForce incidents'),
  async handler(args, { app, signal }) {
    const now = app.now();

    let state: CursorState;
    let listing: Listing;
    if (args.cursor !== undefined) {
      const loaded = await app.cursors.load(args.cursor.trim());
      if (!loaded) {
        throw new UserInputError(
          `cursor "${args.cursor}" is unknown or has expired; run the query again without a cursor to start a new listing.`,
        );
      }
      const changed = changedFilters(args, loaded.filters);
      if (changed.length) {
        throw new UserInputError(
          `cursor belongs to a listing with different filters (${changed.join(', ')} changed); pass the cursor alone to continue it, or omit the cursor to start a new listing with the new filters.`,
        );
      }
      state = { ...loaded, limit: args.limit ?? loaded.limit, format: args.responseFormat ?? loaded.format };
      listing = resumeListing(state.filters, state.window, app);
    } else {
      listing = prepareListing(args, app, now);
      state = {
        v: 1,
        filters: listing.filters,
        window: listing.window,
        position: { tokens: null, skip: 0, afterId: null },
        limit: args.limit ?? DEFAULT_LIMIT,
        format: args.responseFormat ?? 'concise',
        returned: 0,
        calls: 0,
      };
    }

    const { scope } = listing;
    const result = await app.pager.collect({
      request: listing.request,
      position: state.position,
      limit: state.limit,
      scope,
      maxApiCalls: MAX_API_CALLS_PER_TOOL_CALL,
      useCache: args.cursor !== undefined,
      signal,
    });

    const views = result.items.map((item) => toIncidentView(item.incident, state.format));
    const { blocks, shown } = fitToBudget(views, now, state.returned + 1);
    const truncated = shown < views.length;
    const next = truncated ? (result.items[shown - 1]?.after ?? null) : result.next;
    const shownViews = views.slice(0, shown);
    const returnedSoFar = state.returned + shown;
    const nextCursor = next
      ? await app.cursors.save({ ...state, position: next, returned: returnedSoFar, calls: state.calls + 1 })
      : null;

    const counts = countViews(shownViews);
    const filtersText = describeFilters(state.filters);
    const lines: string[] = [];
    if (app.config.demo) lines.push(DEMO_NOTE);
    lines.push(windowLine(state.window), `Filters: ${filtersText}`);
    if (shown > 0) {
      const first = state.returned + 1;
      lines.push(
        `This page: ${shown} incident${shown === 1 ? '' : 's'} (${first}-${returnedSoFar} of this listing) · severity ${formatCounts(counts.bySeverity)} · status ${formatCounts(counts.byStatus)} · workspaces ${formatCounts(counts.byWorkspace)} · sources ${formatCounts(counts.bySource)}`,
        UNTRUSTED_NOTE,
        '',
        ...blocks,
        '',
      );
    } else {
      lines.push('');
    }
    if (truncated) {
      lines.push(
        `Only ${shown} of ${views.length} incidents fit in this result's size limit; the cursor continues with the next one. Use responseFormat "concise" or a smaller limit for more per page.`,
      );
    }
    if (result.outOfScope > 0) {
      lines.push(
        `${result.outOfScope} incident(s) from workspaces outside this server's allowed set were not shown.`,
      );
    }
    if (nextCursor) {
      const scanned =
        result.budgetExhausted && shown < state.limit
          ? ` (scanned ${result.apiCalls} API pages for matches)`
          : '';
      lines.push(
        `More incidents may follow${scanned}. Next page: call ${NAME} with {"cursor":"${nextCursor}"}.`,
      );
    } else if (returnedSoFar === 0) {
      lines.push(
        `No incidents match. Widen the window (e.g. "7d" or "30d") or remove filters${scope.isRestricted ? ', and check the workspaces filter' : ''}.`,
      );
    } else {
      lines.push(
        `End of results: ${returnedSoFar} incident${returnedSoFar === 1 ? '' : 's'} in this listing.`,
      );
    }

    const window = windowForModel(state.window);
    return {
      content: [{ type: 'text', text: lines.join('\n') }],
      structuredContent: {
        window,
        filters: filtersText,
        incidents: shownViews,
        returned: shown,
        counts,
        moreAvailable: nextCursor !== null,
        nextCursor,
        truncated,
        ...(app.config.demo ? { demo: true } : {}),
      },
    };
  },
});
