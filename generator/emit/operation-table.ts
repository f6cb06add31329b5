import type { OperationSpec } from "../../runtime/server/types.js";
import { hasOwn, setOwn } from "../../runtime/shared/own.js";
import { getAtPointer } from "../../document/pointer.js";
import { isRecord } from "../model/deref.js";
import type { OperationModel } from "../model/types.js";

/**
 * One operation's row of the server's operation table (`OperationSpec`): its Fastify URL, parameters
 * by location, responses and security. The server skeleton prints these rows; the mock builds them in
 * memory. Apart from the templates, so the mock never loads Handlebars.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function handlerName(op: OperationModel): string {
  return op.typeName.charAt(0).toLowerCase() + op.typeName.slice(1);
}

/** `/v1/coupons/{coupon}` → `/v1/coupons/:coupon` (keys that are not identifiers become `p0`, `p1`…). */
export function fastifyUrl(path: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  let index = 0;
  const url = path
    .split(/(\{[^}]*\})/)
    .map((part) => {
      const match = /^\{([^}]*)\}$/.exec(part);
      if (!match) return part.replace(/:/g, "::");
      const name = match[1]!;
      const key = IDENTIFIER.test(name) && !hasOwn(params, name) ? name : `p${index}`;
      index++;
      setOwn(params, key, name);
      return `:${key}`;
    })
    .join("");
  return { url, params };
}

export function operationSpec(op: OperationModel, root: unknown): OperationSpec {
  const { url, params } = fastifyUrl(op.path);
  const spec: OperationSpec = {
    operationId: op.operationId,
    handler: handlerName(op),
    method: op.method.toUpperCase(),
    url,
    pathParams: params,
    queryParams: op.parameters.filter((p) => p.in === "query").map((p) => p.name),
    headerParams: op.parameters.filter((p) => p.in === "header").map((p) => p.name.toLowerCase()),
    cookieParams: op.parameters.filter((p) => p.in === "cookie").map((p) => p.name),
    responses: Object.fromEntries(op.responses.map((r) => [r.status, responseSpec(r, root)])),
    security: op.security.map((s) => s.schemes),
    pointer: op.pointer,
  };
  if (op.requestBody) {
    spec.body = { required: op.requestBody.required, mediaTypes: op.requestBody.contents.map((c) => c.mediaType) };
  }
  return spec;
}

function responseSpec(response: OperationModel["responses"][number], root: unknown): OperationSpec["responses"][string] {
  const spec: OperationSpec["responses"][string] = {
    pointer: response.pointer,
    contents: Object.fromEntries(response.contents.map((c) => [c.mediaType, c.schemaPointer ?? ""])),
  };
  const roots = response.contents.flatMap((c) => {
    const at = c.schemaPointer ? errorRoot(root, c.schemaPointer) : undefined;
    return at ? [[c.mediaType, at] as const] : [];
  });
  if (roots.length > 0) spec.roots = Object.fromEntries(roots);
  return spec;
}

const ANNOTATIONS = new Set(["$ref", "description", "summary", "title", "example", "examples", "deprecated", "readOnly", "writeOnly", "$comment", "externalDocs", "xml"]);
const ROOT_APPLICATORS = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas"];

/**
 * The schema ajv reports a body's own errors against: the response schema, or the end of its bare
 * `$ref` chain. Undefined when another `$ref` applies to the body as a whole (through allOf, anyOf…),
 * since ajv's `#/…` paths would then be ambiguous.
 */
function errorRoot(root: unknown, pointer: string): string | undefined {
  const seen = new Set<string>();
  let current = pointer;
  for (;;) {
    const node = getAtPointer(root, current);
    if (!isRecord(node)) return undefined;
    if (typeof node.$ref !== "string") return appliesRef(node, 0) ? undefined : current;
    if (seen.has(node.$ref) || Object.keys(node).some((k) => !ANNOTATIONS.has(k) && !k.startsWith("x-"))) return undefined;
    seen.add(node.$ref);
    current = node.$ref;
  }
}

/** Whether a `$ref` applies to the same instance through the schema's in-place applicators. */
function appliesRef(schema: Record<string, unknown>, depth: number): boolean {
  if (depth > 16) return true;
  return ROOT_APPLICATORS.some((key) => {
    const value = schema[key];
    const members = Array.isArray(value) ? value : isRecord(value) ? (key === "dependentSchemas" ? Object.values(value) : [value]) : [];
    return members.some((m) => isRecord(m) && (typeof m.$ref === "string" || typeof m.$dynamicRef === "string" || appliesRef(m, depth + 1)));
  });
}
