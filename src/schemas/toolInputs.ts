import * as z from 'zod';
import { WINDOW_PRESETS } from '../incidents/timeWindow.js';
import { INCIDENT_SOURCES, SEVERITIES, STATUSES } from './enums.js';

// Parameters shared by every incident tool, defined once. Descriptions are what the model reads.

/** An enum that accepts any letter case ("high", "HIGH") and says the allowed values when wrong. */
export function anyCaseEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  return z.preprocess(
    (input) => (typeof input === 'string' ? (byLower.get(input.trim().toLowerCase()) ?? input) : input),
    z.enum(values, {
      error: (issue) =>
        `must be one of ${values.join(', ')} (any letter case); got ${JSON.stringify(issue.input)}`,
    }),
  );
}

const shortText = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });

export const listFilterShape = {
  severities: z
    .array(anyCaseEnum(SEVERITIES))
    .max(SEVERITIES.length * 2)
    .optional()
    .describe('Only these severities, e.g. ["High"] or ["High","Medium"]. Omit for all.'),
  statuses: z
    .array(anyCaseEnum(STATUSES))
    .max(STATUSES.length * 2)
    .optional()
    .describe(
      'Only these statuses: New (untouched), Active (being worked), Closed. Omit for all; ["New","Active"] for the open queue.',
    ),
  sources: z
    .array(anyCaseEnum(INCIDENT_SOURCES))
    .max(INCIDENT_SOURCES.length * 2)
    .optional()
    .describe('Only incidents from these products (SIEM/EDR sources). Omit for all.'),
  window: anyCaseEnum(WINDOW_PRESETS)
    .optional()
    .describe(
      'Creation-time window: 3h, 6h, 12h, 24h, 48h (rolling), today or yesterday (calendar days in `timezone`), 7d, 30d. Default 24h. Not with since/until.',
    ),
  since: shortText(40)
    .optional()
    .describe(
      'Window start instead of `window`: ISO-8601, e.g. "2026-12-01T08:00:00Z"; a date alone means midnight in `timezone`.',
    ),
  until: shortText(40).optional().describe('Window end with `since` (default now). Same format as since.'),
  timezone: shortText(64)
    .optional()
    .describe(
      'IANA time zone for today/yesterday and dates without offset, e.g. "Europe/Berlin". Default: the server\'s CONTRAFORCE_TIMEZONE.',
    ),
  query: shortText(200)
    .optional()
    .describe(
      'Free text matched against incident number, title and description, e.g. "powershell" or "4711".',
    ),
  assigneeIds: z
    .array(shortText(200))
    .max(50)
    .optional()
    .describe('Only incidents assigned to these ContraForce user ids.'),
  assigneeEmails: z
    .array(shortText(254))
    .max(50)
    .optional()
    .describe('Only incidents assigned to these analysts, by email, e.g. ["priya.raman@mssp.example"].'),
  includeUnassigned: z
    .boolean()
    .optional()
    .describe(
      'true: also include unassigned incidents with the assignee filters; alone, only unassigned incidents.',
    ),
  workspaces: z
    .array(shortText(200))
    .max(50)
    .optional()
    .describe(
      'Only these customer workspaces, by id or name (as shown in results). Omit for all allowed workspaces.',
    ),
};

export const pagingShape = {
  limit: z
    .number()
    .int({ error: 'must be a whole number from 1 to 100' })
    .min(1, { error: 'must be a whole number from 1 to 100' })
    .max(100, { error: 'must be a whole number from 1 to 100' })
    .optional()
    .describe('Incidents per result, 1-100. Default 20.'),
  responseFormat: anyCaseEnum(['concise', 'detailed'] as const)
    .optional()
    .describe(
      'concise (default): one short block per incident. detailed: adds description, tactics, classification, all entities, products and rules.',
    ),
  cursor: shortText(100)
    .optional()
    .describe(
      'nextCursor from a previous result, to get the next page. Other filter arguments may then be omitted (if given, they must be unchanged).',
    ),
};
