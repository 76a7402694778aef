import * as z from 'zod';

// The structuredContent shapes tools declare as outputSchema.

export const windowOutput = z.object({
  label: z.string(),
  from: z.string().describe('ISO-8601 UTC'),
  to: z.string().describe('ISO-8601 UTC'),
  timezone: z.string(),
});

const countsRecord = z.record(z.string(), z.number());

export const incidentOutput = z.object({
  id: z.string(),
  number: z.number().nullable(),
  title: z.string(),
  severity: z.string(),
  status: z.string(),
  workspace: z.string(),
  workspaceId: z.string(),
  source: z.string(),
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
