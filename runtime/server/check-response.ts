import type { ErrorObject } from "ajv";
import { SCHEMA_ID_PREFIX, escapeSegment, responseKeyFor, splitSchemaPath } from "../shared/index.js";
import { pointerSegments } from "./issues.js";
import type { ApiDefinition, HandlerResponse, OperationSpec, OperationValidatorSet } from "./types.js";
import { getOwn } from "../shared/own.js";

/** The media type a result is sent with. */
export function mediaTypeFor(op: OperationSpec, result: HandlerResponse): string | undefined {
  if (result.mediaType) return result.mediaType;
  const key = responseKeyFor(Object.keys(op.responses), result.status);
  const documented = key ? Object.keys(op.responses[key]!.contents) : [];
  return documented[0] ?? (result.body === undefined ? undefined : "application/json");
}

/** A problem with a handler's result, naming the spec pointer it breaks; undefined when it conforms. `validators`: the operation's. */
export function checkResponse(api: ApiDefinition, op: OperationSpec, result: HandlerResponse, validators: OperationValidatorSet | undefined): string | undefined {
  const key = responseKeyFor(Object.keys(op.responses), result.status);
  if (!key) return `status ${result.status} is not documented at ${op.pointer}/responses`;
  const response = op.responses[key]!;
  const mediaType = mediaTypeFor(op, result);
  if (Object.keys(response.contents).length === 0) {
    return result.body === undefined ? undefined : `status ${result.status} has a body but ${response.pointer} documents no content`;
  }
  if (mediaType === undefined || !(mediaType in response.contents)) {
    return `media type '${mediaType ?? "(none)"}' is not documented at ${response.pointer}/content`;
  }
  const validate = getOwn(getOwn(validators?.responses, key), mediaType);
  if (!validate || validate(result.body)) return undefined;
  const schemaPointer = getOwn(response.contents, mediaType) || `${response.pointer}/content`;
  const root = getOwn(response.roots, mediaType);
  return `body for status ${result.status} breaks ${schemaPointer}: ${describeErrors(api, root, validate.errors)}`;
}

/** Each error with the spec pointer of the keyword that failed (inside a component schema when it is one). */
function describeErrors(api: ApiDefinition, root: string | undefined, errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}${locate(api, root, e)}`)
    .join("; ");
}

/**
 * ` (#/components/schemas/Widget/properties/id/type)`. ajv (refs not inlined) reports an error inside a
 * `$ref`'d schema relative to that schema (`#/properties/id/type`), so a `#/…` path is placed only when
 * it starts at the body itself, whose schema (`root`) the generator resolved; deeper, the error is in a
 * schema referenced at some instance location, and the line says that rather than guess.
 */
function locate(api: ApiDefinition, root: string | undefined, error: ErrorObject): string {
  const { base, segments } = splitSchemaPath(error, { validatorPointer: root ?? "", defPointers: api.defPointers });
  const path = segments.map(escapeSegment).join("/");
  if (error.schemaPath.startsWith(SCHEMA_ID_PREFIX)) return ` (${base}/${path})`;
  const instance = pointerSegments(error.instancePath);
  const depth = instance.length - instanceSegmentsUsed(segments);
  if (depth < 0) return "";
  if (depth === 0) return root === undefined ? "" : ` (${path === "" ? base : `${base}/${path}`})`;
  const at = instance.slice(0, depth).map(escapeSegment).join("/");
  return ` (in the schema referenced at /${at}: #/${path})`;
}

const APPLICATORS_WITH_KEY = new Set(["allOf", "anyOf", "oneOf", "$defs", "definitions", "dependentSchemas"]);
const DESCEND_ONE = new Set(["additionalProperties", "additionalItems", "unevaluatedProperties", "unevaluatedItems", "contains", "items"]);

/** How many instance levels a schemaPath below its starting schema descends (`properties/a/items/type` → 2). */
function instanceSegmentsUsed(segments: readonly string[]): number {
  let used = 0;
  for (let i = 0; i < segments.length; i++) {
    const keyword = segments[i]!;
    const last = i === segments.length - 1;
    if (keyword === "properties" || keyword === "patternProperties" || keyword === "prefixItems") {
      used++;
      i++;
    } else if (APPLICATORS_WITH_KEY.has(keyword)) {
      i++;
    } else if (DESCEND_ONE.has(keyword) && !last) {
      used++;
      if (keyword === "items" && /^\d+$/.test(segments[i + 1] ?? "")) i++;
    }
  }
  return used;
}
