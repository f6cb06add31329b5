import type { ErrorObject } from "ajv";
import { escapeSegment, unescapeSegment } from "./pointer.js";

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
    const [key = "", ...segments] = error.schemaPath.slice(DEFS_PREFIX.length).split("/").map(decodeSegment);
    return { base: context.defPointers[key] ?? `#/components/schemas/${escapeSegment(key)}`, segments };
  }
  const path = error.schemaPath.replace(/^#/, "");
  return { base: context.validatorPointer, segments: path === "" ? [] : path.slice(1).split("/").map(decodeSegment) };
}

/** ajv URI-encodes schemaPath segments as well as escaping them. */
function decodeSegment(segment: string): string {
  return unescapeSegment(decodeURIComponent(segment));
}
