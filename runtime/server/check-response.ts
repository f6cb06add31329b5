import type { ErrorObject } from "ajv";
import type { ApiDefinition, HandlerResponse, OperationSpec } from "./types.js";

const DEFS_PREFIX = "spec-contract:api#/$defs/";

/** The documented response key a status falls under: exact, then `4XX`, then `default`. */
export function responseKeyFor(op: OperationSpec, status: number): string | undefined {
  const exact = String(status);
  if (op.responses[exact]) return exact;
  const range = `${String(status).charAt(0)}XX`;
  if (op.responses[range]) return range;
  return op.responses.default ? "default" : undefined;
}

/** The media type a result is sent with. */
export function mediaTypeFor(op: OperationSpec, result: HandlerResponse): string | undefined {
  if (result.mediaType) return result.mediaType;
  const key = responseKeyFor(op, result.status);
  const documented = key ? Object.keys(op.responses[key]!.contents) : [];
  return documented[0] ?? (result.body === undefined ? undefined : "application/json");
}

/** A problem with a handler's result, naming the spec pointer it breaks; undefined when it conforms. */
export function checkResponse(api: ApiDefinition, op: OperationSpec, result: HandlerResponse): string | undefined {
  const key = responseKeyFor(op, result.status);
  if (!key) return `status ${result.status} is not documented at ${op.pointer}/responses`;
  const response = op.responses[key]!;
  const mediaType = mediaTypeFor(op, result);
  if (Object.keys(response.contents).length === 0) {
    return result.body === undefined ? undefined : `status ${result.status} has a body but ${response.pointer} documents no content`;
  }
  if (mediaType === undefined || !(mediaType in response.contents)) {
    return `media type '${mediaType ?? "(none)"}' is not documented at ${response.pointer}/content`;
  }
  const validate = api.validators[op.operationId]?.responses[key]?.[mediaType];
  if (!validate || validate(result.body)) return undefined;
  const schemaPointer = response.contents[mediaType] || `${response.pointer}/content`;
  return `body for status ${result.status} breaks ${schemaPointer}: ${describeErrors(api, validate.errors)}`;
}

function describeErrors(api: ApiDefinition, errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}${schemaLocation(api, e.schemaPath)}`)
    .join("; ");
}

function schemaLocation(api: ApiDefinition, schemaPath: string): string {
  if (!schemaPath.startsWith(DEFS_PREFIX)) return "";
  const [key = "", ...rest] = schemaPath.slice(DEFS_PREFIX.length).split("/");
  const pointer = api.defPointers[key];
  return pointer ? ` (${[pointer, ...rest].join("/")})` : "";
}
