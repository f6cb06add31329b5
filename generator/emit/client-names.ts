/**
 * Where each operation lives on the client: `client.<group…>.<method>`. One rule, from the path:
 * - groups are the path's static segments in camelCase (a leading `v1`-like segment dropped), nested:
 *   `/v1/customers/{customer}/sources/{id}` → `client.customers.sources`;
 * - a path ending in `{param}` is an item: GET `retrieve`, POST/PUT/PATCH `update`, DELETE `del`;
 * - a path ending in a static segment is a collection: GET `list` (when an item path below it exists or the
 *   operation is paginated; `retrieve` otherwise), POST `create`, PUT/PATCH `update`, DELETE `del`;
 *   unless it is an action: its parent path is itself an operation path and no path exists below it
 *   (`/v1/invoices/{invoice}/pay`, `/v1/customers/search`): then the method is the segment in camelCase on
 *   the parent's group, prefixed by the verb (`retrieveDiscount`, `delDiscount`) when the path has several methods;
 * - names that still collide in a group (with each other, with a nested group, or with `then`/`constructor`…)
 *   become camelCase(operationId), then get a numeric suffix in (path, method) order.
 */
import { toCamelCase, toPascalCase } from "../model/names.js";
import type { OperationModel } from "../model/types.js";

export interface Placement {
  operation: OperationModel;
  group: string[];
  method: string;
}

/** Every identifier client.ts declares or imports itself: generated type names never take one. */
export const CLIENT_IDENTIFIERS = [
  "ApiError", "buildClient", "ApiSpec", "Args", "ClientOptions", "ItemOf", "Merge", "NoParams", "PagePromise", "OperationResponseValidators", "T",
  "ConnectionError", "ParameterError", "ResponseValidationError", "TimeoutError", "UnexpectedResponseError", "RequestOptions",
  "api", "Client", "ErrorBody", "isApiError", "createClient",
];

/** Every identifier server.ts declares or imports itself (its handler result types never take one). */
export const SERVER_IDENTIFIERS = [
  "FastifyPluginAsync", "createPlugin", "createRuntimeRoutes", "ApiDefinition", "HandlerResult", "LowercaseKeys", "OperationSpec",
  "RequestContext", "RouteDefinition", "SecuritySchemeSpec", "RuntimeServerOptions", "loadOperationValidators", "T", "AuthInfo",
  "ErrorContext", "HandlerResponse", "RequestIssue", "Handlers", "ServerOptions", "operations", "securitySchemes", "defPointers",
  "api", "createRoutes", "plugin",
];

const RESERVED_MEMBERS = new Set(["then", "catch", "constructor", "prototype", "__proto__", "toString", "valueOf", "hasOwnProperty"]);
const ITEM_VERBS: Record<string, string> = { get: "retrieve", post: "update", put: "update", patch: "update", delete: "del" };
const COLLECTION_VERBS: Record<string, string> = { post: "create", put: "update", patch: "update", delete: "del" };

const isParam = (segment: string): boolean => /^\{.*\}$/.test(segment);

/** `/v1/fees/{id}/refunds` → `/v1/fees/{}/refunds`: paths compared by shape, whatever their parameters are called. */
const shapeOf = (path: string): string => path.replace(/\{[^}]*\}/g, "{}");

/** A GET with a cursor or page-token query parameter. */
export function isPaginated(op: OperationModel): boolean {
  return op.method === "get" && op.parameters.some((p) => p.in === "query" && ["starting_after", "page", "pageToken", "page_token"].includes(p.name));
}

function segmentsOf(path: string): string[] {
  const segments = path.split("/").filter(Boolean);
  return segments.length > 0 && /^v\d+$/i.test(segments[0]!) ? segments.slice(1) : segments;
}

function firstPlacement(op: OperationModel, paths: Set<string>, methodsOnPath: number): Omit<Placement, "operation"> {
  const segments = segmentsOf(op.path);
  const statics = segments.filter((s) => !isParam(s)).map(toCamelCase);
  const last = segments.at(-1);
  const verb = (table: Record<string, string>): string => (op.method === "get" && isPaginated(op) ? "list" : (table[op.method] ?? op.method));
  if (last === undefined || isParam(last)) return { group: statics, method: verb(ITEM_VERBS) };
  const shape = shapeOf(op.path);
  const hasItem = [...paths].some((p) => p.startsWith(`${shape}/{}`));
  const hasBelow = [...paths].some((p) => p.startsWith(`${shape}/`));
  if (!hasBelow && paths.has(shape.slice(0, shape.lastIndexOf("/")))) {
    const action = toCamelCase(last);
    const method = methodsOnPath === 1 ? action : `${verb(ITEM_VERBS)}${toPascalCase(last)}`;
    return { group: statics.slice(0, -1), method };
  }
  const get = hasItem ? "list" : "retrieve";
  return { group: statics, method: op.method === "get" ? (isPaginated(op) ? "list" : get) : verb(COLLECTION_VERBS) };
}

/** Placements for every operation, unique within each group, independent of input order. */
export function placeOperations(operations: readonly OperationModel[]): Placement[] {
  const sorted = [...operations].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1));
  const paths = new Set(sorted.map((o) => shapeOf(o.path)));
  const methodCount = new Map<string, number>();
  for (const op of sorted) methodCount.set(op.path, (methodCount.get(op.path) ?? 0) + 1);
  const placements = sorted.map((operation) => ({ operation, ...firstPlacement(operation, paths, methodCount.get(operation.path)!) }));
  // Child group names of each group, so a method never shadows a nested group.
  const children = new Map<string, Set<string>>();
  for (const p of placements) {
    for (let i = 0; i < p.group.length; i++) {
      const key = p.group.slice(0, i).join(".");
      if (!children.has(key)) children.set(key, new Set());
      children.get(key)!.add(p.group[i]!);
    }
  }
  const byGroup = new Map<string, Placement[]>();
  for (const p of placements) {
    const key = p.group.join(".");
    byGroup.set(key, [...(byGroup.get(key) ?? []), p]);
  }
  for (const [key, members] of byGroup) resolveCollisions(members, children.get(key) ?? new Set());
  return placements;
}

function resolveCollisions(members: Placement[], childGroups: Set<string>): void {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.method, (counts.get(m.method) ?? 0) + 1);
  for (const m of members) {
    if (counts.get(m.method)! > 1 || childGroups.has(m.method) || RESERVED_MEMBERS.has(m.method)) m.method = toCamelCase(m.operation.operationId);
  }
  const taken = new Set(childGroups);
  for (const m of members) {
    let name = m.method;
    for (let i = 2; taken.has(name) || RESERVED_MEMBERS.has(name); i++) name = `${m.method}${i}`;
    m.method = name;
    taken.add(name);
  }
}
