import * as z from 'zod';

// The structuredContent shapes tools declare as outputSchema.

export const windowOutput = z.object({
  label: z.string(),
  from: z.string().describe('ISO-8601 UTC'),
  to: z.string().describe('ISO-8601 UTC'),
  timezone: z.string(),
});

const countsRecord = z.record(z.string(), z.number());

/** The fields every incident in a result has, concise or whole. */
const incidentCore = {
  id: z.string(),
  number: z.number().nullable(),
  title: z.string(),
  severity: z.string(),
  status: z.string(),
  workspace: z.string(),
  workspaceId: z.string(),
  source: z.string(),
};

export const incidentOutput = z.object({
  ...incidentCore,
  created: z.string().nullable(),
  createdAssumedUtc: z.boolean().optional(),
  assignee: z.string().nullable(),
  alerts: z.number().nullable(),
  entities: z.array(z.object({ type: z.string(), value: z.string() })),
  moreEntities: z.number(),
  description: z.string().optional(),
  tactics: z.array(z.string()).optional(),
  classification: z.string().nullable().optional(),
  classificationReason: z.string().nullable().optional(),
  products: z.array(z.string()).optional(),
  ruleIds: z.array(z.string()).optional(),
  lastActivity: z.string().nullable().optional(),
  lastModified: z.string().nullable().optional(),
});

export const listIncidentsOutputShape = {
  window: windowOutput,
  filters: z.string().describe('The filters applied, in words.'),
  incidents: z.array(incidentOutput),
  returned: z.number().describe('Incidents in this result.'),
  counts: z.object({
    bySeverity: countsRecord,
    byStatus: countsRecord,
    byWorkspace: countsRecord,
    bySource: countsRecord,
  }),
  moreAvailable: z.boolean(),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null at the end.'),
  truncated: z
    .boolean()
    .describe('True when the size limit cut this page short (the cursor continues after it).'),
  demo: z.boolean().optional(),
};

const scannedOutput = z.object({
  incidents: z.number(),
  pages: z.number(),
  complete: z.boolean().describe('False when a budget (maxPages/maxIncidents) stopped the scan early.'),
  stoppedBy: z.enum(['maxPages', 'maxIncidents', 'found']).nullable(),
});

export const incidentStatsOutputShape = {
  window: windowOutput,
  filters: z.string(),
  scanned: scannedOutput,
  total: z.number(),
  open: z.number(),
  unassigned: z.number(),
  bySeverity: countsRecord,
  byStatus: countsRecord,
  severityByStatus: z.record(z.string(), countsRecord),
  workspaces: z.array(
    z.object({
      workspace: z.string(),
      workspaceId: z.string(),
      total: z.number(),
      high: z.number(),
      open: z.number(),
      unassigned: z.number(),
    }),
  ),
  bySource: countsRecord,
  byAssignee: countsRecord,
  topTactics: z.array(z.object({ tactic: z.string(), incidents: z.number() })),
  recurringEntities: z.array(
    z.object({ type: z.string(), value: z.string(), incidents: z.number(), workspaces: z.number() }),
  ),
  entitiesApproximate: z.boolean(),
  oldestOpenHigh: z.array(
    z.object({
      id: z.string(),
      number: z.number().nullable(),
      title: z.string(),
      workspace: z.string(),
      status: z.string(),
      created: z.string().nullable(),
      assignee: z.string().nullable(),
    }),
  ),
  histogram: z.object({
    bucket: z.string(),
    buckets: z.array(z.object({ start: z.string(), incidents: z.number() })),
  }),
  demo: z.boolean().optional(),
};

export const relatedIncidentsOutputShape = {
  entity: z.object({ value: z.string(), type: z.string(), normalized: z.string() }),
  window: windowOutput,
  filters: z.string(),
  scanned: scannedOutput,
  matched: z.number().describe('Incidents that involve the entity (all of them, listed or not).'),
  workspaces: z.array(
    z.object({
      workspace: z.string(),
      workspaceId: z.string(),
      incidents: z.array(
        z.object({
          id: z.string(),
          number: z.number().nullable(),
          title: z.string(),
          severity: z.string(),
          status: z.string(),
          created: z.string().nullable(),
          matchedField: z.string(),
          matchedValue: z.string(),
        }),
      ),
    }),
  ),
  demo: z.boolean().optional(),
};

export const getIncidentOutputShape = {
  status: z.enum(['found', 'ambiguous', 'not_found']),
  foundIn: z.enum(['recent results', 'API search']).optional(),
  incident: z
    .looseObject({
      ...incidentCore,
      entitiesByType: z.record(
        z.string(),
        z.array(z.object({ value: z.string(), details: z.record(z.string(), z.string()) })),
      ),
      description: z.string(),
    })
    .optional()
    .describe('The whole incident (status found).'),
  candidates: z
    .array(
      z.object({
        id: z.string(),
        number: z.number().nullable(),
        title: z.string(),
        workspace: z.string(),
        workspaceId: z.string(),
        created: z.string().nullable(),
      }),
    )
    .optional()
    .describe('Incidents with that number in different workspaces (status ambiguous).'),
  searched: z.object({ window: windowOutput, workspaces: z.string(), scanned: scannedOutput.nullable() }),
  demo: z.boolean().optional(),
};
