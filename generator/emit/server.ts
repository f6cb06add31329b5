import type { OperationSpec, SecuritySchemeSpec } from "../../runtime/server/types.js";
import { handlerName, operationSpec } from "./operation-table.js";
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
