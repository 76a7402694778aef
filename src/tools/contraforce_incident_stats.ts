import { formatStats } from '../format/stats.js';
import { describeFilters } from '../incidents/listFilters.js';
import { prepareListing } from '../incidents/listing.js';
import { scanListing } from '../incidents/scan.js';
import { StatsAggregator } from '../incidents/stats.js';
import { scanBudget, scanBudgetShape } from '../schemas/scanInputs.js';
import { listFilterShape } from '../schemas/toolInputs.js';
import { incidentStatsOutputShape } from '../schemas/toolOutputs.js';
import { defineTool, readOnlyAnnotations } from './defineTool.js';

export default defineTool({
  name: 'contraforce_incident_stats',
  title: 'ContraForce incident statistics',
  description: `Aggregate incidents across all customer workspaces in one call: totals, severity x status, per workspace (total, High, open, unassigned), per source, per assignee, top MITRE tactics, entities recurring across incidents and workspaces, the oldest open High incidents, and a histogram over time.
Use it for "how bad is it across my customers today?", shift overviews and spotting campaigns; then list or pivot with the other tools.
Takes the same filters as contraforce_list_incidents (default window 24h); reads up to maxPages API pages and says whether the scan was complete.
Example: {"window":"today","statuses":["New","Active"]}`,
  inputSchema: { ...listFilterShape, ...scanBudgetShape },
  outputSchema: incidentStatsOutputShape,
  annotations: readOnlyAnnotations('ContraForce incident statistics'),
  async handler(args, { app, signal, reportProgress }) {
    const now = app.now();
    const listing = prepareListing(args, app, now);
    const aggregator = new StatsAggregator(listing.window);
    const budget = scanBudget(args);
    const scan = await scanListing(
      app.pager,
      { request: listing.request, scope: listing.scope, signal },
      budget,
      (incident) => aggregator.add(incident),
      ({ pages, incidents }) =>
        reportProgress(pages, `read ${incidents} incidents in ${pages} pages`, budget.maxPages),
    );
    const { text, structured } = formatStats({
      stats: aggregator.result(),
      scan,
      window: listing.window,
      filters: describeFilters(listing.filters),
      demo: app.config.demo,
      nowMs: now,
    });
    return { content: [{ type: 'text', text }], structuredContent: structured };
  },
});
