import type { ApiModel, OperationModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import { renderTemplate } from "../render/templates.js";
import type { EmittedFile } from "./validators.js";
import { usedHelpers } from "./imports.js";

/** The runtime is imported by package name (package.json `exports`), so any output folder resolves it. */
const RUNTIME_IMPORT = "spec-contract/runtime/server";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The operation table the runtime reads (runtime/server/types.ts OperationSpec). */
export interface OperationSpecView {
  operationId: string;
  handler: string;
  method: string;
  url: string;
  pathParams: Record<string, string>;
  queryParams: string[];
  headerParams: string[];
  body?: { required: boolean; mediaTypes: string[] };
  responses: Record<string, { pointer: string; contents: Record<string, string> }>;
  security: string[][];
  pointer: string;
}

interface ResultMemberView {
  status: string;
  bodyType: string;
  mediaType: string;
}

interface HandlerView {
  handler: string;
  doc: string;
  resultType: string;
  results: ResultMemberView[];
  paramsType: string;
  queryType: string;
  headersType: string;
  bodyType: string;
}

/** The Fastify skeleton (server.ts): typed handler interface, operation table, plugin. */
export function emitServer(api: ApiModel, names: TypeNamePlan): EmittedFile[] {
  const handlers = api.operations.map((op) => handlerView(op, names));
  const view = {
    runtimeImport: RUNTIME_IMPORT,
    typeImports: usedHelpers(["LowercaseKeys"], handlers),
    title: api.title,
    version: api.version,
    operations: api.operations.map((op) => operationSpec(op)),
    securitySchemes: api.securitySchemes,
    handlers,
  };
  return [{ path: "server.ts", content: renderTemplate("server/server.ts.hbs", view), format: true }];
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
      const key = IDENTIFIER.test(name) && !(name in params) ? name : `p${index}`;
      index++;
      params[key] = name;
      return `:${key}`;
    })
    .join("");
  return { url, params };
}

function operationSpec(op: OperationModel): OperationSpecView {
  const { url, params } = fastifyUrl(op.path);
  const spec: OperationSpecView = {
    operationId: op.operationId,
    handler: handlerName(op),
    method: op.method.toUpperCase(),
    url,
    pathParams: params,
    queryParams: op.parameters.filter((p) => p.in === "query").map((p) => p.name),
    headerParams: op.parameters.filter((p) => p.in === "header").map((p) => p.name.toLowerCase()),
    responses: Object.fromEntries(
      op.responses.map((r) => [
        r.status,
        { pointer: r.pointer, contents: Object.fromEntries(r.contents.map((c) => [c.mediaType, c.schemaPointer ?? ""])) },
      ]),
    ),
    security: op.security.map((s) => s.schemes),
    pointer: op.pointer,
  };
  if (op.requestBody) {
    spec.body = { required: op.requestBody.required, mediaTypes: op.requestBody.contents.map((c) => c.mediaType) };
  }
  return spec;
}

function typeRef(name: string | undefined, fallback: string): string {
  return name ? `T.${name}` : fallback;
}

function handlerView(op: OperationModel, names: TypeNamePlan): HandlerView {
  const plan = names.operations.get(op.operationId)!;
  const bodies = (op.requestBody?.contents ?? []).map((c) => (c.schemaPointer ? typeRef(plan.body.get(c.mediaType), "unknown") : "unknown"));
  let bodyType = bodies.length > 0 ? [...new Set(bodies)].join(" | ") : "undefined";
  if (op.requestBody && !op.requestBody.required) bodyType = `${bodyType} | undefined`;
  const results = op.responses.flatMap((r) => resultMembers(r.status, r.contents, plan.responses.get(r.status)));
  return {
    handler: handlerName(op),
    doc: docComment(`${op.method.toUpperCase()} ${op.path}${op.summary ? `: ${op.summary}` : ""}`),
    resultType: `${op.typeName}Result`,
    results: results.length > 0 ? results : [{ status: "number", bodyType: "unknown", mediaType: "string" }],
    paramsType: typeRef(plan.parameters.path, "Record<string, never>"),
    queryType: typeRef(plan.parameters.query, "Record<string, unknown>"),
    headersType: plan.parameters.header ? `LowercaseKeys<T.${plan.parameters.header}>` : "Record<string, unknown>",
    bodyType,
  };
}

function resultMembers(
  status: string,
  contents: OperationModel["responses"][number]["contents"],
  byMedia: Map<string, string> | undefined,
): ResultMemberView[] {
  const literal = /^[0-9]{3}$/.test(status) ? status : "number";
  if (contents.length === 0) return [{ status: literal, bodyType: "undefined", mediaType: "undefined" }];
  return contents.map((c) => ({
    status: literal,
    bodyType: c.schemaPointer ? typeRef(byMedia?.get(c.mediaType), "unknown") : "unknown",
    mediaType: JSON.stringify(c.mediaType),
  }));
}

/** Text safe inside a `/** … *\/` comment, on one line. */
function docComment(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/\s+/g, " ").trim();
}
