import * as z from 'zod';

const text = z
  .string()
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);

/** RFC 7807 problem details with the vendor's extensions (code, requestId, timestamp, target, errors). */
export const ApiProblemDetailsSchema = z.object({
  type: text,
  title: text,
  status: z
    .union([
      z.number().int(),
      z
        .string()
        .regex(/^-?\d+$/)
        .transform(Number),
    ])
    .nullish()
    .catch(null)
    .transform((v) => v ?? null),
  detail: text,
  instance: text,
  code: text,
  requestId: text,
  timestamp: text,
  target: text,
  errors: z
    .record(z.string(), z.array(z.string()))
    .nullish()
    .catch(null)
    .transform((v) => v ?? null),
});

export type ApiProblemDetails = z.infer<typeof ApiProblemDetailsSchema>;
