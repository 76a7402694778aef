import * as z from 'zod';
import { formatRelated, type RelatedHit } from '../format/related.js';
import { ENTITY_QUERY_TYPES, EntityMatcher } from '../incidents/entityMatch.js';
import { describeFilters } from '../incidents/listFilters.js';
import { prepareListing } from '../incidents/listing.js';
import { scanListing } from '../incidents/scan.js';
import { scanBudget, scanBudgetShape } from '../schemas/scanInputs.js';
import { anyCaseEnum, listFilterShape } from '../schemas/toolInputs.js';
import { relatedIncidentsOutputShape } from '../schemas/toolOutputs.js';
import { defineTool, readOnlyAnnotations } from './defineTool.js';

/** Matches listed in the result; beyond this they are counted, not listed. */
const MAX_LISTED = 100;

export default defineTool({
  name: 'contraforce_find_related_incidents',
  title: 'Find incidents related to an entity',
  description: `Find every incident, across all customer workspaces, that involves an entity: an IP, host, account, file hash, URL or mailbox. Answers "is this IP hitting other customers too?".
Matching is case-insensitive and normalised: IPv6 in any notation, DOMAIN\\user against user@domain UPNs, hashes in any letter case, host names with or without their domain.
Results are grouped by workspace with the field that matched. Takes the list filters too (default window 7d).
Example: {"entity":"203.0.113.66","entityType":"ip","window":"30d"}`,
  inputSchema: {
    entity: z
      .string()
      .min(1, { error: 'must not be empty' })
      .max(500, { error: 'must be at most 500 characters' })
      .describe('The value to look for, e.g. "203.0.113.66", "CORP\\\\svc-backup", "jump-01" or a SHA-256.'),
    entityType: anyCaseEnum(ENTITY_QUERY_TYPES)
      .optional()
      .describe(
        'What the value is: ip, host, account, hash, url, mailbox, or any (default) to try every kind.',
      ),
    ...listFilterShape,
    ...scanBudgetShape,
  },
  outputSchema: relatedIncidentsOutputShape,
  annotations: readOnlyAnnotations('Find incidents related to an entity'),
  async handler(args, { app, signal, reportProgress }) {
    const now = app.now();
    const matcher = new EntityMatcher(args.entity, args.entityType ?? 'any');
    const listing = prepareListing(args, app, now, '7d');
    const budget = scanBudget(args);
    const hits: RelatedHit[] = [];
    let matched = 0;
    const scan = await scanListing(
      app.pager,
      { request: listing.request, scope: listing.scope, signal },
      budget,
      (incident) => {
        const match = matcher.match(incident);
        if (!match) return;
        matched++;
        if (hits.length < MAX_LISTED) hits.push({ incident, match });
      },
      ({ pages, incidents }) =>
        reportProgress(
          pages,
          `read ${incidents} incidents in ${pages} pages, ${matched} related`,
          budget.maxPages,
        ),
    );
    const { text, structured } = formatRelated({
      entity: { value: args.entity, type: matcher.type, normalized: matcher.normalized },
      hits,
      matched,
      scan,
      window: listing.window,
      filters: describeFilters(listing.filters),
      demo: app.config.demo,
      nowMs: now,
    });
    return { content: [{ type: 'text', text }], structuredContent: structured };
  },
});
