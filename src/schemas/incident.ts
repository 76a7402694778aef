import * as z from 'zod';
import {
  CLASSIFICATION_REASONS,
  CLASSIFICATIONS,
  ENTITY_TYPES,
  INCIDENT_SOURCES,
  SEVERITIES,
  STATUSES,
} from './enums.js';
import { LenientTimestampSchema } from './timestamp.js';

// Responses are parsed leniently: the vendor adds enum values and fields over time, and one odd
// field must never cost the analyst a whole page. Every field tolerates null and wrong types
// (it becomes null), known enum values are canonicalised, unknown ones are kept as strings,
// and unknown fields are ignored.

const text = z
  .string()
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);
const flag = z
  .boolean()
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);
const stringList = z
  .array(z.unknown())
  .nullish()
  .catch(null)
  .transform((v) => (v ?? []).filter((item): item is string => typeof item === 'string'));

function lenientEnum(known: readonly string[]) {
  const byLower = new Map(known.map((value) => [value.toLowerCase(), value]));
  return z
    .string()
    .nullish()
    .catch(null)
    .transform((v) => (v == null || v === '' ? null : (byLower.get(v.toLowerCase()) ?? v)));
}

/** Integers that may arrive as numeric strings (`"42"`), per the spec's `integer | string` pattern. */
const lenientInt = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);

const timestamp = LenientTimestampSchema.nullish()
  .catch(null)
  .transform((v) => v ?? null);

export const UserSummarySchema = z.object({ id: text, displayName: text, email: text });

export const IncidentEntitySchema = z.object({
  id: text,
  type: lenientEnum(ENTITY_TYPES),
  kind: text,
  displayName: text,
  friendlyName: text,
  fileName: text,
  hostName: text,
  accountEntityId: text,
  deviceId: text,
  deviceAzureId: text,
  defenderAtpDeviceId: text,
  defenderEndpointDeviceId: text,
  networkMessageId: text,
  hashAlgorithm: text,
  aadUserId: text,
  emailAddress: text,
  userPrincipalName: text,
  ipAddress: text,
  fileHash: text,
  emailId: text,
  emailSubject: text,
});

export const IncidentSchema = z.object({
  id: text,
  name: text,
  title: text,
  description: text,
  number: lenientInt,
  type: text,
  source: lenientEnum(INCIDENT_SOURCES),
  sourceDisplayName: text,
  lastModificationTime: timestamp,
  creationTime: timestamp,
  lastActivityTime: timestamp,
  severity: lenientEnum(SEVERITIES),
  classification: lenientEnum(CLASSIFICATIONS),
  comment: text,
  classificationReason: lenientEnum(CLASSIFICATION_REASONS),
  classificationComment: text,
  tactics: stringList,
  ruleIds: stringList,
  alertProductNames: stringList,
  // Unassigned incidents come with a user object whose fields are all null: read that as no user.
  user: UserSummarySchema.nullish()
    .catch(null)
    .transform((v) => (v && (v.id || v.email || v.displayName) ? v : null)),
  isAssigned: flag,
  productId: text,
  status: lenientEnum(STATUSES),
  alertsCount: lenientInt,
  entities: z
    .array(IncidentEntitySchema.nullable().catch(null))
    .nullish()
    .catch(null)
    .transform((v) => (v ?? []).filter((e) => e !== null)),
  workspaceName: text,
  workspaceId: text,
  isDefenderXDRSourced: flag,
});

export const ResponseWorkspaceSourcePageTokensSchema = z.object({
  workspaceId: text,
  sourceTokens: z
    .record(z.string(), z.string())
    .nullish()
    .transform((v) => v ?? {}),
});

export const ListIncidentsForWorkspacesResultSchema = z.object({
  incidents: z
    .array(IncidentSchema)
    .nullish()
    .transform((v) => v ?? []),
  sourcePageTokens: z
    .array(ResponseWorkspaceSourcePageTokensSchema)
    .nullish()
    .transform((v) => v ?? []),
  moreIncidentsAvailable: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});

export const ResponseMetaSchema = z.object({ requestId: text, timestamp: text });

export const ListIncidentsResponseSchema = z.object({
  data: ListIncidentsForWorkspacesResultSchema,
  meta: ResponseMetaSchema.nullish().transform((v) => v ?? null),
});

/**
 * The same envelope with the incidents left as JSON, for readers that parse one incident at a
 * time (scans of thousands of incidents per page: the parsed page never exists whole).
 */
export const ListIncidentsEnvelopeSchema = z.object({
  data: ListIncidentsForWorkspacesResultSchema.extend({
    incidents: z
      .array(z.unknown())
      .nullish()
      .transform((v) => v ?? []),
  }),
  meta: ResponseMetaSchema.nullish().transform((v) => v ?? null),
});
export type ListIncidentsEnvelope = z.infer<typeof ListIncidentsEnvelopeSchema>;

export type UserSummary = z.infer<typeof UserSummarySchema>;
export type IncidentEntity = z.infer<typeof IncidentEntitySchema>;
export type Incident = z.infer<typeof IncidentSchema>;
export type ListIncidentsPage = z.infer<typeof ListIncidentsForWorkspacesResultSchema>;
export type ListIncidentsResponse = z.infer<typeof ListIncidentsResponseSchema>;

/**
 * One incident from the API, leniently. Only a value that is not an object at all is refused;
 * it is kept as an empty incident rather than dropped, so counts stay true.
 */
export function parseIncident(raw: unknown): Incident {
  return IncidentSchema.parse(typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {});
}
