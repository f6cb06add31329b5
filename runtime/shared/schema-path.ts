import type { ErrorObject } from "ajv";

/** Base URI of the schema holding every component schema in the generated validators. */
export const DEFS_PREFIX = "spec-contract:api#/$defs/";

/**
 * Split an ajv `schemaPath` into the spec pointer it starts from and the JSON-pointer segments below
 * it: `spec-contract:api#/$defs/<key>/…` starts at `defPointers[key]` (a component schema); `#/…`
 * starts at `validatorPointer`, the schema the validator was built from.
 */
export function splitSchemaPath(
  error: Pick<ErrorObject, "schemaPath">,
  context: { validatorPointer: string; defPointers: Readonly<Record<string, string>> },
): { base: string; segments: string[] } {
  if (error.schemaPath.startsWith(DEFS_PREFIX)) {
    const [key = "", ...segments] = error.schemaPath.slice(DEFS_PREFIX.length).split("/").map(unescapeSegment);
    return { base: context.defPointers[key] ?? `#/components/schemas/${escapeSegment(key)}`, segments };
  }
  const path = error.schemaPath.replace(/^#/, "");
  return { base: context.validatorPointer, segments: path === "" ? [] : path.slice(1).split("/").map(unescapeSegment) };
}

function unescapeSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
