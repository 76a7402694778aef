import * as z from 'zod';
import { IncidentSourceSchema, SeveritySchema, StatusSchema, TimeFilteringTypeSchema } from './enums.js';

// Request bodies are built strictly: anything the client sends has passed these schemas, and
// test/contract.test.ts checks that what passes here also passes the vendor's JSON Schema.

const utcDateTime = z.iso.datetime({ offset: false });

export const TimeFilterSelectionSchema = z
  .strictObject({
    type: TimeFilteringTypeSchema,
    customStartUtc: utcDateTime.nullish(),
    customEndUtc: utcDateTime.nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.type !== 'Custom') return;
    if (!value.customStartUtc || !value.customEndUtc) {
      ctx.addIssue({
        code: 'custom',
        message: 'customStartUtc and customEndUtc are required when type is Custom',
        path: [value.customStartUtc ? 'customEndUtc' : 'customStartUtc'],
      });
    } else if (Date.parse(value.customStartUtc) >= Date.parse(value.customEndUtc)) {
      ctx.addIssue({
        code: 'custom',
        message: 'customStartUtc must be before customEndUtc',
        path: ['customStartUtc'],
      });
    }
  });

export const WorkspaceSourcePageTokensSchema = z.strictObject({
  workspaceId: z.string().nullable(),
  sourceTokens: z.record(z.string(), z.string()).nullable(),
});

export const ListIncidentsAcrossWorkspacesRequestSchema = z.strictObject({
  severities: z.array(SeveritySchema).nullish(),
  statuses: z.array(StatusSchema).nullish(),
  timeFilterSelection: TimeFilterSelectionSchema.optional(),
  workspacePageTokens: z.array(WorkspaceSourcePageTokensSchema).nullish(),
  query: z.string().nullish(),
  isFirstCall: z.boolean(),
  sources: z.array(IncidentSourceSchema).nullish(),
  assigneeIds: z.array(z.string()).nullish(),
  assigneeEmails: z.array(z.string()).nullish(),
  includeUnassigned: z.boolean().optional(),
});

export type TimeFilterSelection = z.infer<typeof TimeFilterSelectionSchema>;
export type WorkspaceSourcePageTokens = z.infer<typeof WorkspaceSourcePageTokensSchema>;
export type ListIncidentsAcrossWorkspacesRequest = z.infer<typeof ListIncidentsAcrossWorkspacesRequestSchema>;
