import type { ErrorObject } from "ajv";
import { escapeSegment, unescapeSegment } from "./pointer.js";
import { getOwn } from "./own.js";

/**
 * `$id` prefix of the generated validators' schema resources: one per component schema
 * (`spec-contract:schemas/<name>`) and per other `$ref` target (`spec-contract:schemas/ref<N>`).
 */
export const SCHEMA_ID_PREFIX = "spec-contract:schemas/";

/**
 * Split an ajv `schemaPath` into the spec pointer it starts from and the JSON-pointer segments below
 * it: `spec-contract:schemas/<key>#/…` starts at `defPointers[key]` (a component schema); `#/…`
 * starts at `validatorPointer`, the schema the validator was built from.
 */
export function splitSchemaPath(
  error: Pick<ErrorObject, "schemaPath">,
  context: { validatorPointer: string; defPointers: Readonly<Record<string, string>> },
): { base: string; segments: string[] } {
  if (error.schemaPath.startsWith(SCHEMA_ID_PREFIX)) {
    const [id = "", fragment = ""] = error.schemaPath.slice(SCHEMA_ID_PREFIX.length).split("#");
    const key = decodeURIComponent(id);
    const segments = fragment === "" ? [] : fragment.slice(1).split("/").map(decodeSegment);
    return { base: getOwn(context.defPointers, key) ?? `#/components/schemas/${escapeSegment(key)}`, segments };
  }
  const path = error.schemaPath.replace(/^#/, "");
  return { base: context.validatorPointer, segments: path === "" ? [] : path.slice(1).split("/").map(decodeSegment) };
}

/** ajv URI-encodes schemaPath segments as well as escaping them. */
function decodeSegment(segment: string): string {
  return unescapeSegment(decodeURIComponent(segment));
}
