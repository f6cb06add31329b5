import { isDeepStrictEqual } from "node:util";
import { getAtPointer, escapeSegment } from "../../document/pointer.js";
import { responseKeyFor } from "../../runtime/shared/index.js";
import type { LoadedApi } from "./load-api.js";
import { locateSchemaError } from "./spec-pointer.js";
import type { ExampleJson, Failure, OperationJson } from "./types.js";

export interface CheckInput {
  api: LoadedApi;
  operation: OperationJson;
  example: ExampleJson;
  /** statuses that pass (the documented one for an example; documented 4xx for a negative case) */
  expectStatuses: string[];
  status: number;
  headers: Record<string, string>;
  text: string;
  /** documented → live values substituted into the request (keys are JSON texts) */
  replaced: Map<string, unknown>;
  checkEchoes: boolean;
}

export interface CheckOutput {
  failures: Failure[];
  body?: unknown;
  /** the documented response the status fell under (`404`, `4XX` or `default`), when it was an expected one */
  responseKey?: string;
}

/**
 * The documented response a live status falls under (exact code, then `4XX`-style range, then
 * `default`) and whether that is one of the expected ones.
 */
export function matchStatus(operation: OperationJson, expectStatuses: readonly string[], status: number): { key?: string; expected: boolean } {
  const key = responseKeyFor(operation.responses.map((r) => r.status), status);
  return { ...(key !== undefined ? { key } : {}), expected: key !== undefined && expectStatuses.includes(key) };
}

/** Status, media type, schema (ajv, all errors), echoed values and declared headers of one answer. */
export function checkResponse(input: CheckInput): CheckOutput {
  const { operation, status } = input;
  const documented = operation.responses.map((r) => r.status);
  const matched = matchStatus(operation, input.expectStatuses, status);
  if (!matched.expected) {
    const note = matched.key === undefined ? ` (undocumented: ${operation.operationId} documents ${documented.join(", ")})` : matched.key !== String(status) ? ` (documented as ${matched.key})` : "";
    return { failures: [{ check: "status", message: `expected status ${input.expectStatuses.join(" or ")}, got ${status}${note}`, details: [`body: ${snippet(input.text)}`] }] };
  }
  const response = operation.responses.find((r) => r.status === matched.key);
  const failures: Failure[] = [];
  const content = response?.contents[0];
  let body: unknown;
  if (content) {
    const contentType = input.headers["content-type"] ?? "";
    const parsed = parseJson(input.text);
    if (!parsed.ok) {
      return { failures: [{ check: "content-type", message: `response body is not JSON (content-type: ${contentType || "none"}): ${snippet(input.text)}` }] };
    }
    body = parsed.value;
    if (!contentType.toLowerCase().startsWith(content.mediaType)) {
      failures.push({ check: "content-type", message: `content-type is '${contentType || "none"}', the spec documents '${content.mediaType}'` });
    }
    if (content.schemaPointer !== undefined) failures.push(...checkSchema(input, response!.status, content.mediaType, content.schemaPointer, body));
  }
  if (input.checkEchoes && body !== undefined) failures.push(...checkEchoes(input, body));
  for (const header of response?.headers ?? []) {
    if (input.headers[header.name.toLowerCase()] === undefined) {
      failures.push({ check: "header", message: `header '${header.name}' declared by the spec is missing` });
    }
  }
  return { failures, body, responseKey: matched.key! };
}

function checkSchema(input: CheckInput, status: string, mediaType: string, schemaPointer: string, body: unknown): Failure[] {
  const validate = input.api.operationValidators[input.operation.operationId]?.responses[status]?.[mediaType];
  if (!validate) return [];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => {
    const where = locateSchemaError(error, { schemaPointer, defPointers: input.api.model.defPointers, spec: input.api.spec });
    const extra = error.keyword === "additionalProperties" ? ` '${String(error.params.additionalProperty)}'` : "";
    return {
      check: "schema" as const,
      message: `${error.instancePath || "(root)"} ${error.message ?? error.keyword}${extra}`,
      details: [`schema ${where.pointer} at ${where.at}`],
    };
  });
}

/** Request leaves that the documented response repeats at the same path must come back unchanged. */
function checkEchoes(input: CheckInput, body: unknown): Failure[] {
  const documentedBody = input.example.response.body;
  const leaves = [...primitiveLeaves(input.example.request.body, "#"), ...primitiveLeaves(input.example.request.params.query, "#")];
  const differences: string[] = [];
  for (const { pointer } of leaves) {
    let expected = getAtPointer(documentedBody, pointer);
    if (expected === undefined || (expected !== null && typeof expected === "object")) continue;
    const substituted = input.replaced.get(JSON.stringify(expected));
    if (substituted !== undefined) expected = substituted;
    const actual = getAtPointer(body, pointer);
    if (!isDeepStrictEqual(expected, actual)) {
      differences.push(`${pointer.slice(1)}: expected ${JSON.stringify(expected)}, got ${actual === undefined ? "(absent)" : JSON.stringify(actual)}`);
    }
  }
  if (differences.length === 0) return [];
  return [{ check: "echo", message: `${differences.length} echoed value(s) differ from the example`, details: differences }];
}

function primitiveLeaves(value: unknown, pointer: string): { pointer: string }[] {
  if (value === undefined) return [];
  if (value === null || typeof value !== "object") return pointer === "#" ? [] : [{ pointer }];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => primitiveLeaves(v, `${pointer}/${escapeSegment(k)}`));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "(empty)";
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
