import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

// The vendor's OpenAPI (spec/) as a JSON Schema 2020-12 validator: the contract request bodies are
// checked against, independently of our own zod schemas.

const spec = parse(
  readFileSync(new URL('../spec/list-incidents-across-workspaces.openapi.yaml', import.meta.url), 'utf8'),
);

// biome-ignore lint/suspicious/noExplicitAny: ajv's ESM/CJS default export shape
const ajv = new (Ajv2020 as any)({ strict: false, allErrors: true });
// biome-ignore lint/suspicious/noExplicitAny: ajv-formats' ESM/CJS default export shape
(addFormats as any)(ajv);
// One known defect of the published spec: classification and classificationReason are
// `oneOf: [{type: 'null'}, {$ref: enum-that-includes-null}]`, so null matches both branches and
// fails oneOf, while the API sends null for every open incident. Read it as the anyOf it means.
for (const field of ['classification', 'classificationReason']) {
  const property = spec.components.schemas.Incident.properties[field];
  property.anyOf = property.oneOf;
  delete property.oneOf;
}
ajv.addSchema({ $id: 'contraforce', components: spec.components });

function validatorFor(name: string) {
  const validate = ajv.getSchema(`contraforce#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the spec`);
  return (value: unknown): string[] => {
    const ok = validate(value);
    return ok
      ? []
      : (validate.errors ?? []).map(
          (e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`,
        );
  };
}

/** Errors of a request body against ListIncidentsAcrossWorkspacesRequest; empty when valid. */
export const specErrorsOfRequest = validatorFor('ListIncidentsAcrossWorkspacesRequest');
/** Errors of a response body against the 200 envelope. */
export const specErrorsOfResponse = validatorFor('ApiResponseOfListIncidentsForWorkspacesResultDto');
export const specErrorsOfProblem = validatorFor('ApiProblemDetails');

/** The values of one of the spec's enum schemas, null left out. */
export function specEnum(name: string): string[] {
  const values = (spec.components.schemas[name] as { enum: (string | null)[] }).enum;
  return values.filter((v): v is string => v !== null);
}
