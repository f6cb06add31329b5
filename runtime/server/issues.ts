import type { ErrorObject } from "ajv";
import type { IssueKind, IssueLocation, RequestIssue } from "./types.js";

const RANGE_KEYWORDS = new Set([
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "multipleOf",
  "uniqueItems",
]);

/** `/restrictions/minimum_amount` → [`restrictions`, `minimum_amount`]. */
export function pointerSegments(instancePath: string): string[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function valueAt(data: unknown, segments: string[]): unknown {
  let node = data;
  for (const segment of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function kindOf(error: ErrorObject): IssueKind {
  if (error.keyword === "required" || error.keyword === "dependentRequired" || error.keyword === "dependencies") return "missing";
  if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") return "unknown";
  if (error.keyword === "type") return "type";
  if (error.keyword === "enum" || error.keyword === "const") return "enum";
  if (error.keyword === "format" || error.keyword === "pattern") return "format";
  if (RANGE_KEYWORDS.has(error.keyword)) return "range";
  return "invalid";
}

function expectedOf(error: ErrorObject): string | undefined {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return String(p["type"]);
    case "enum":
      return (p["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ");
    case "const":
      return JSON.stringify(p["allowedValue"]);
    case "format":
      return String(p["format"]);
    case "pattern":
      return String(p["pattern"]);
    default:
      return RANGE_KEYWORDS.has(error.keyword) && p["limit"] !== undefined ? `${p["comparison"] ?? error.keyword} ${String(p["limit"])}` : undefined;
  }
}

/** The property an error is about: the missing or unknown one, or the object member it sits on. */
function segmentsOf(error: ErrorObject): string[] {
  const base = pointerSegments(error.instancePath);
  const p = error.params as Record<string, unknown>;
  if (typeof p["missingProperty"] === "string") return [...base, p["missingProperty"]];
  if (typeof p["additionalProperty"] === "string") return [...base, p["additionalProperty"]];
  if (typeof p["unevaluatedProperty"] === "string") return [...base, p["unevaluatedProperty"]];
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (typeof propertyName === "string") return [...base, propertyName];
  return base;
}

/**
 * ajv errors → request issues. `data` is the validated value, for the received `value`.
 * With allErrors off ajv stops at the first failure (and anyOf lists its branches' errors first):
 * only the first error is reported.
 */
export function issuesFromAjv(errors: readonly ErrorObject[] | null | undefined, location: IssueLocation, data: unknown): RequestIssue[] {
  const error = errors?.[0];
  if (!error) return [{ location, name: "", kind: "invalid", message: `${location} is invalid` }];
  const segments = segmentsOf(error);
  const name = segments.join(".");
  const kind = kindOf(error);
  const issue: RequestIssue = {
    location,
    name,
    kind,
    message: messageOf(kind, name, location, error),
  };
  const expected = expectedOf(error);
  const isPropertyName = typeof (error as ErrorObject & { propertyName?: string }).propertyName === "string";
  if (expected !== undefined) issue.expected = isPropertyName ? `property name ${expected}` : expected;
  const value = kind === "missing" ? undefined : valueAt(data, segments);
  if (value !== undefined) issue.value = value;
  return [issue];
}

function messageOf(kind: IssueKind, name: string, location: IssueLocation, error: ErrorObject): string {
  const where = name === "" ? `${location}` : `${location} '${name}'`;
  if (kind === "missing") return `${where} is required`;
  if (kind === "unknown") return `${where} is not a known parameter`;
  return `${where} ${error.message ?? "is invalid"}`;
}
