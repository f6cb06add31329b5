import type { ApiModel, OperationModel, ResponseModel } from "../model/types.js";
import { hasOwn, setOwn } from "../../runtime/shared/own.js";
import type { SecuritySpec } from "../../runtime/client/types.js";
import type { OperationTypeNames, TypeNamePlan } from "../model/type-names.js";
import { NameRegistry, toCamelCase, toPascalCase } from "../model/names.js";
import { deref, isRecord } from "../model/deref.js";
import { getAtPointer } from "../../document/pointer.js";
import { renderTemplate } from "../render/templates.js";
import { CLIENT_IDENTIFIERS, isPaginated, placeOperations, type Placement } from "./client-names.js";
import type { EmittedFile } from "./emitted-file.js";
import { usedHelpers, usesGeneratedTypes } from "./imports.js";
import { escapeDocComment, identifier, isReservedWord, stringLiteral } from "../render/escape.js";
import { list, union as unionLayout } from "../render/layout.js";

/** The runtime is emitted beside the generated files (emit/runtime.ts): the user's app never imports spec-contract. */
const RUNTIME_IMPORT = "./runtime/client/index.js";

/**
 * The typed client (client.ts): per-operation data and typed signatures; the logic is in runtime/client/.
 * `root` is the normalised document, for the body schemas' field names.
 */
export function emitClient(api: ApiModel, names: TypeNamePlan, root: unknown): EmittedFile[] {
  if (api.operations.length === 0) return [];
  const placements = placeOperations(api.operations);
  const registry = new NameRegistry(CLIENT_IDENTIFIERS);
  const interfaces = groupInterfaces(placements, names, registry);
  const view = {
    runtimeImport: RUNTIME_IMPORT,
    typeImports: usedHelpers(["ItemOf", "Merge", "NoParams", "PagePromise"], interfaces),
    title: escapeDocComment(api.title),
    api: {
      version: api.version,
      versionHeader: versionHeader(api),
      security: api.securitySchemes.map(({ type, scheme, in: location, parameterName }) => ({ type, scheme, in: location, parameterName })) satisfies SecuritySpec[],
      operations: Object.fromEntries(api.operations.map((op) => [op.operationId, operationData(op, root)])),
      resources: resourceTree(placements),
    },
    interfaces,
    errorTypes: api.operations.map((op) => {
      const name = identifier(registry.claim(`${op.typeName}Error`));
      return { operationId: escapeDocComment(op.operationId), declaration: unionLayout(0, `export type ${name} = ApiError<`, errorBodyTypes(op, names.operations.get(op.operationId)!), ">;") };
    }),
    errorBody: unionLayout(0, "export type ErrorBody = ", unionMembers(api.operations.flatMap((op) => errorBodyTypes(op, names.operations.get(op.operationId)!))), ";"),
  };
  return [{ path: "client.ts", content: renderTemplate("client/client.ts.hbs", { ...view, usesTypes: usesGeneratedTypes(view) }) }];
}

/** The request-header parameter that carries the API version (`Stripe-Version`), if the spec declares one. */
function versionHeader(api: ApiModel): string | undefined {
  const headers = api.operations.flatMap((op) => op.parameters.filter((p) => p.in === "header" && /(^|-)version$/i.test(p.name)));
  return headers.map((p) => p.name).sort()[0];
}

function requestMedia(op: OperationModel): string | undefined {
  if (op.method === "get" || op.method === "head") return undefined;
  const contents = op.requestBody?.contents ?? [];
  const preferred = ["application/x-www-form-urlencoded", "application/json", "multipart/form-data"];
  return preferred.find((m) => contents.some((c) => c.mediaType === m)) ?? contents[0]?.mediaType;
}

function pagination(op: OperationModel): unknown {
  if (!isPaginated(op)) return undefined;
  const query = new Set(op.parameters.filter((p) => p.in === "query").map((p) => p.name));
  if (query.has("starting_after")) return { kind: "cursor", after: "starting_after", before: query.has("ending_before") ? "ending_before" : undefined };
  const tokens: [string, string][] = [["pageToken", "nextPageToken"], ["page_token", "next_page_token"], ["page", "next_page"]];
  const [param, next] = tokens.find(([p]) => query.has(p))!;
  return { kind: "token", param, next };
}

function operationData(op: OperationModel, root: unknown): unknown {
  const params = (location: string) =>
    op.parameters.filter((p) => p.in === location).map((p) => ({ name: p.name, style: p.style, explode: p.explode, required: p.required }));
  const pathOrder = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const pathParams = pathOrder.map((name) => params("path").find((p) => p.name === name) ?? { name, style: "simple", explode: false, required: true });
  const body = requestMedia(op);
  const schemaPointer = op.requestBody?.contents.find((c) => c.mediaType === body)?.schemaPointer;
  const bodyFields = body && schemaPointer ? closedFields(root, getAtPointer(root, schemaPointer)) : undefined;
  const responses = Object.fromEntries(op.responses.map((r) => [r.status, r.contents.map((c) => c.mediaType)]));
  return { method: op.method, path: op.path, pathParams, query: params("query"), body, bodyFields: bodyFields?.sort(), responses, pagination: pagination(op) };
}

/**
 * The top-level field names of a body schema that admits no others: `additionalProperties` or
 * `unevaluatedProperties: false`, directly or on an `allOf` member, or on every `anyOf`/`oneOf` branch.
 * Undefined when other names may be valid. The list may hold more names than are valid (it only makes
 * the client's unknown-field check more lenient); it never lacks one.
 */
function closedFields(root: unknown, node: unknown): string[] | undefined {
  return isClosed(root, node, 0) ? [...fieldNames(root, node, 0, new Set())] : undefined;
}

const COMBINATORS = ["allOf", "anyOf", "oneOf"] as const;
const MAX_NESTING = 16;

/** The schema a node stands for; undefined when it cannot be followed soundly (a `$ref` with siblings, a cycle). */
function resolved(root: unknown, node: unknown): Record<string, unknown> | undefined {
  if (isRecord(node) && typeof node.$ref === "string" && Object.keys(node).some((k) => !["$ref", "description", "summary"].includes(k))) return undefined;
  const schema = deref(root, node).value;
  return isRecord(schema) ? schema : undefined;
}

function members(schema: Record<string, unknown>, key: (typeof COMBINATORS)[number]): unknown[] {
  return Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [];
}

function isClosed(root: unknown, node: unknown, depth: number): boolean {
  const schema = resolved(root, node);
  if (!schema || depth > MAX_NESTING) return false;
  if (["patternProperties", "if", "dependentSchemas", "dependencies"].some((k) => k in schema)) return false;
  if (schema.additionalProperties === false || schema.unevaluatedProperties === false) return true;
  if (members(schema, "allOf").some((m) => isClosed(root, m, depth + 1))) return true;
  const branches = [...members(schema, "anyOf"), ...members(schema, "oneOf")];
  return branches.length > 0 && branches.every((b) => isClosed(root, b, depth + 1));
}

/** Every property name declared on the schema or inside its combinators. */
function fieldNames(root: unknown, node: unknown, depth: number, out: Set<string>): Set<string> {
  const schema = resolved(root, node);
  if (!schema || depth > MAX_NESTING) return out;
  if (isRecord(schema.properties)) for (const name of Object.keys(schema.properties)) out.add(name);
  for (const key of COMBINATORS) for (const m of members(schema, key)) fieldNames(root, m, depth + 1, out);
  return out;
}

interface ResourceNode {
  [name: string]: string | ResourceNode;
}

function resourceTree(placements: Placement[]): ResourceNode {
  const root: ResourceNode = {};
  for (const p of placements) {
    let node = root;
    for (const g of p.group) {
      if (!hasOwn(node, g)) setOwn(node, g, {});
      node = node[g] as ResourceNode;
    }
    setOwn(node, p.method, p.operation.operationId);
  }
  return sortTree(root);
}

function sortTree(node: ResourceNode): ResourceNode {
  const keys = Object.keys(node).sort();
  return Object.fromEntries(keys.map((k) => [k, typeof node[k] === "string" ? node[k] : sortTree(node[k] as ResourceNode)]));
}

const alias = (name: string | undefined): string | undefined => (name ? `T.${name}` : undefined);

/** The members of a union type: distinct, without `unknown` (which would swallow the rest); `unknown` when none. */
function unionMembers(types: (string | undefined)[]): string[] {
  const unique = [...new Set(types.filter((t): t is string => t !== undefined && t !== "unknown"))];
  return unique.length > 0 ? unique : ["unknown"];
}

function union(types: (string | undefined)[]): string {
  return unionMembers(types).join(" | ");
}

/** A response's body type: its JSON media type (or the first), `void` when it has no content. */
function responseType(response: ResponseModel, plan: OperationTypeNames): string {
  const byMedia = plan.responses.get(response.status);
  if (!byMedia || byMedia.size === 0) return "void";
  const json = [...byMedia.keys()].find((m) => /json/i.test(m));
  return alias(byMedia.get(json ?? [...byMedia.keys()][0]!))!;
}

function successType(op: OperationModel, plan: OperationTypeNames): string {
  return union(op.responses.filter((r) => r.status.startsWith("2")).map((r) => responseType(r, plan)));
}

function errorBodyTypes(op: OperationModel, plan: OperationTypeNames): string[] {
  return unionMembers(op.responses.filter((r) => /^[45]|^default$/.test(r.status)).map((r) => responseType(r, plan)).filter((t) => t !== "void"));
}

function paramsType(op: OperationModel, plan: OperationTypeNames): string {
  const query = alias(plan.parameters.query);
  const media = requestMedia(op);
  const body = media ? alias(plan.body.get(media)) : undefined;
  if (query && body) return `Merge<${query}, ${body}>`;
  return query ?? body ?? "NoParams";
}

function methodView(p: Placement, names: TypeNamePlan) {
  const op = p.operation;
  const plan = names.operations.get(op.operationId)!;
  const taken = new Set(["rest"]);
  const args = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => {
    let name = toCamelCase(m[1]!);
    while (taken.has(name) || isReservedWord(name)) name = `${name}_`;
    taken.add(name);
    const type = plan.parameters.path ? `T.${identifier(plan.parameters.path)}[${stringLiteral(m[1])}]` : "string";
    return { name: identifier(name), type };
  });
  const success = successType(op, plan);
  const returns = isPaginated(op) ? `PagePromise<ItemOf<${success}>, ${success}>` : `Promise<${success}>`;
  const doc = `${op.summary ? `${op.summary} ` : ""}(${op.method.toUpperCase()} ${op.path}, ${op.operationId})`;
  const params = [...args.map((a) => `${a.name}: ${a.type}`), `...rest: Args<${paramsType(op, plan)}>`];
  return { name: identifier(p.method), doc: escapeDocComment(doc), signature: list(2, `${identifier(p.method)}(`, params, `): ${returns};`, false) };
}

function groupInterfaces(placements: Placement[], names: TypeNamePlan, registry: NameRegistry) {
  const groups = new Map<string, { path: string[]; methods: Map<string, unknown>; groups: Map<string, unknown> }>();
  const ensure = (path: string[]) => {
    const key = path.join(".");
    if (!groups.has(key)) groups.set(key, { path, methods: new Map(), groups: new Map() });
    return groups.get(key)!;
  };
  ensure([]);
  for (const p of placements) {
    for (let i = 0; i < p.group.length; i++) ensure(p.group.slice(0, i + 1));
    ensure(p.group).methods.set(p.method, methodView(p, names));
  }
  const keys = [...groups.keys()].sort();
  const typeNames = new Map(keys.map((k) => [k, k === "" ? "Client" : registry.claim(`${toPascalCase(k.replace(/\./g, " "))}Resource`)]));
  for (const key of keys) {
    const { path } = groups.get(key)!;
    if (path.length === 0) continue;
    const parent = groups.get(path.slice(0, -1).join("."))!;
    parent.groups.set(path.at(-1)!, { name: identifier(path.at(-1)!), type: identifier(typeNames.get(key)!) });
  }
  const sorted = (map: Map<string, unknown>) => [...map.keys()].sort().map((k) => map.get(k));
  return keys.map((key) => ({ name: typeNames.get(key)!, groups: sorted(groups.get(key)!.groups), methods: sorted(groups.get(key)!.methods) }));
}
