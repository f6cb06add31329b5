import type { OperationSpec, SecuritySchemeSpec } from "../../runtime/server/types.js";
import { hasOwn, setOwn } from "../../runtime/shared/own.js";
import { getAtPointer } from "../../document/pointer.js";
import { isRecord } from "../model/deref.js";
import type { ApiModel, OperationModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import { NameRegistry } from "../model/names.js";
import { SERVER_IDENTIFIERS } from "./client-names.js";
import { renderTemplate } from "../render/templates.js";
import type { EmittedFile } from "./emitted-file.js";
import { usedHelpers, usesGeneratedTypes } from "./imports.js";
import { escapeDocComment, identifier, stringLiteral } from "../render/escape.js";
import { list } from "../render/layout.js";

/** The runtime is emitted beside the generated files (emit/runtime.ts): the user's app never imports spec-contract. */
const RUNTIME_IMPORT = "./runtime/server/index.js";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface ResultMemberView {
  status: string;
  bodyType: string;
  mediaType: string;
  /** `;` after the last member of the union, else nothing */
  end: string;
}

interface HandlerView {
  handler: string;
  doc: string;
  resultType: string;
  results: ResultMemberView[];
  /** the handler's parameter, `ctx: RequestContext<…>` */
  context: string;
}

export interface ServerEmitInput {
  /** the schema registry's ajv `$defs` key → spec pointer */
  defPointers: Readonly<Record<string, string>>;
  /** the normalised document (local `$ref`s as `#/…`) */
  root: unknown;
}

/**
 * The Fastify skeleton (server.ts): typed handler interface, operation table, plugin. The defPointers
 * and each response schema's resolved root let response checks name the component schema a body broke.
 */
export function emitServer(api: ApiModel, names: TypeNamePlan, input: ServerEmitInput): EmittedFile[] {
  const { defPointers, root } = input;
  const registry = new NameRegistry(SERVER_IDENTIFIERS);
  const handlers = api.operations.map((op) => handlerView(op, names, registry.claim(`${op.typeName}Result`)));
  const chunks = chunkOperations(api.operations.map((op) => operationSpec(op, root)));
  const view = {
    runtimeImport: RUNTIME_IMPORT,
    // a document with no operations (only webhooks, say) has no handler result types to declare
    typeImports: [...(handlers.length > 0 ? ["HandlerResult"] : []), ...usedHelpers(["LowercaseKeys"], handlers)],
    contextImports: handlers.length > 0 ? ["RequestContext"] : [],
    title: api.title,
    version: api.version,
    operationChunks: chunks,
    operations: list(0, "[", chunks.map((c) => `...${c.name}`), "]"),
    securitySchemes: api.securitySchemes satisfies SecuritySchemeSpec[],
    defPointers: Object.fromEntries(Object.entries(defPointers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    handlers,
  };
  return [{ path: "server.ts", content: renderTemplate("server/server.ts.hbs", { ...view, usesTypes: usesGeneratedTypes(view) }) }];
}

/**
 * The operation table in typed arrays of at most 50: one array literal of GitHub's 1,100 operations makes
 * tsc give up ("Expression produces a union type that is too complex to represent", TS2590).
 */
const CHUNK = 50;
function chunkOperations(specs: OperationSpec[]): { name: string; operations: OperationSpec[] }[] {
  const chunks: { name: string; operations: OperationSpec[] }[] = [];
  for (let i = 0; i < specs.length; i += CHUNK) chunks.push({ name: `operations${chunks.length + 1}`, operations: specs.slice(i, i + CHUNK) });
  return chunks;
}

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

function typeRef(name: string | undefined, fallback: string): string {
  return name ? `T.${name}` : fallback;
}

function handlerView(op: OperationModel, names: TypeNamePlan, resultType: string): HandlerView {
  const plan = names.operations.get(op.operationId)!;
  const bodies = (op.requestBody?.contents ?? []).map((c) => (c.schemaPointer ? typeRef(plan.body.get(c.mediaType), "unknown") : "unknown"));
  let bodyType = bodies.length > 0 ? [...new Set(bodies)].join(" | ") : "undefined";
  if (op.requestBody && !op.requestBody.required) bodyType = `${bodyType} | undefined`;
  const members = op.responses.flatMap((r) => resultMembers(r.status, r.contents, plan.responses.get(r.status)));
  const results = members.length > 0 ? members : [{ status: "number", bodyType: "unknown", mediaType: "string", end: "" }];
  results[results.length - 1]!.end = ";";
  const context = [
    typeRef(plan.parameters.path, "Record<string, never>"),
    typeRef(plan.parameters.query, "Record<string, unknown>"),
    plan.parameters.header ? `LowercaseKeys<T.${plan.parameters.header}>` : "Record<string, unknown>",
    bodyType,
    typeRef(plan.parameters.cookie, "Record<string, unknown>"),
  ];
  return {
    handler: identifier(handlerName(op)),
    doc: escapeDocComment(`${op.method.toUpperCase()} ${op.path}${op.summary ? `: ${op.summary}` : ""}`),
    resultType: identifier(resultType),
    results,
    context: list(4, "ctx: RequestContext<", context, ">", false),
  };
}

function resultMembers(
  status: string,
  contents: OperationModel["responses"][number]["contents"],
  byMedia: Map<string, string> | undefined,
): ResultMemberView[] {
  const literal = /^[0-9]{3}$/.test(status) ? status : "number";
  if (contents.length === 0) return [{ status: literal, bodyType: "undefined", mediaType: "undefined", end: "" }];
  return contents.map((c) => ({
    end: "",
    status: literal,
    bodyType: c.schemaPointer ? typeRef(byMedia?.get(c.mediaType), "unknown") : "unknown",
    mediaType: stringLiteral(c.mediaType),
  }));
}
