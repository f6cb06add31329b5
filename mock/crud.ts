import type { ApiModel, OperationModel } from "../generator/model/types.js";

export type CrudRole = "create" | "list" | "read" | "update" | "delete";

export interface CrudOperation {
  role: CrudRole;
  /** the collection's path (`/v1/things`): the store's key */
  collection: string;
  /** the item path's last parameter (`{thing}`), for item operations */
  param?: string;
  /** the field of the stored object that holds its id (from links, else `id`) */
  idField: string;
  /** for a create: an item operation of the collection and its id parameter, whose schema a new id must fit */
  item?: { operationId: string; param: string };
}

const ITEM_PATH = /^(.*)\/\{([^}/]+)\}$/;

/**
 * CRUD roles inferred from paths: `POST /things` creates, `GET /things` lists, `GET /things/{id}` reads,
 * `PUT|PATCH|POST /things/{id}` updates, `DELETE /things/{id}` deletes. A collection counts only when it has
 * a create operation. The id field comes from the create response's `links` (`$response.body#/<field>` given
 * to the item path's parameter), else `id`.
 */
export function inferCrud(api: ApiModel): Map<string, CrudOperation> {
  const creates = new Map<string, OperationModel>();
  for (const op of api.operations) if (op.method === "post" && !ITEM_PATH.test(op.path)) creates.set(op.path, op);
  const idFields = new Map<string, string>();
  for (const [collection, op] of creates) idFields.set(collection, idFieldFromLinks(api, op) ?? "id");
  const out = new Map<string, CrudOperation>();
  // the item operation a new id must satisfy: the read, else any other item operation
  const items = new Map<string, { operationId: string; param: string; read: boolean }>();
  for (const op of api.operations) {
    const item = ITEM_PATH.exec(op.path);
    const collection = item ? item[1]! : op.path;
    const idField = idFields.get(collection);
    if (idField === undefined) continue;
    const role = roleOf(op.method, item !== null);
    if (!role) continue;
    out.set(op.operationId, { role, collection, idField, ...(item ? { param: item[2]! } : {}) });
    if (item && !items.get(collection)?.read) items.set(collection, { operationId: op.operationId, param: item[2]!, read: role === "read" });
  }
  for (const crud of out.values()) {
    const item = items.get(crud.collection);
    if (crud.role === "create" && item) crud.item = { operationId: item.operationId, param: item.param };
  }
  return out;
}

function roleOf(method: string, isItem: boolean): CrudRole | undefined {
  if (!isItem) return method === "post" ? "create" : method === "get" ? "list" : undefined;
  if (method === "get") return "read";
  if (method === "delete") return "delete";
  return method === "put" || method === "patch" || method === "post" ? "update" : undefined;
}

function idFieldFromLinks(api: ApiModel, create: OperationModel): string | undefined {
  for (const response of create.responses.filter((r) => r.status.startsWith("2"))) {
    for (const link of response.links) {
      const target = api.operations.find((o) => o.operationId === link.operationId);
      const item = target ? ITEM_PATH.exec(target.path) : null;
      if (!item || item[1] !== create.path) continue;
      const param = item[2]!;
      const expression = link.parameters[param] ?? link.parameters[`path.${param}`];
      const match = expression ? /^\$response\.body#\/([^/]+)$/.exec(expression) : null;
      if (match) return match[1]!.replace(/~1/g, "/").replace(/~0/g, "~");
    }
  }
  return undefined;
}
