import { schemaAt } from "./spec-pointer.js";
import type { LoadedApi } from "./load-api.js";
import type { OperationJson } from "./types.js";

/** An object a run created: the collection it was posted to and its id. */
export interface CreatedObject {
  operation: OperationJson;
  id: string;
}

/** How to remove one created object: the operation to call, its path parameter and the body to send. */
export interface CleanupCall {
  operation: OperationJson;
  pathParams: Record<string, string>;
  mediaType?: string;
  body?: unknown;
  /** `delete` or `deactivate` */
  action: string;
}

/** A created object from one answer: a POST to a collection (no trailing path parameter) answered 2xx with a string `id`. */
export function createdObject(operation: OperationJson, status: number, body: unknown): CreatedObject | undefined {
  if (operation.method.toLowerCase() !== "post" || status < 200 || status > 299) return undefined;
  if (/\}\/?$/.test(operation.path)) return undefined;
  const id = body !== null && typeof body === "object" ? (body as { id?: unknown }).id : undefined;
  return typeof id === "string" && id !== "" ? { operation, id } : undefined;
}

/**
 * The call that undoes a creation, where the spec has one: `DELETE <collection>/{id}`, else a
 * POST/PATCH/PUT on `<collection>/{id}` whose body schema has a boolean `active` (sent as false).
 */
export function cleanupCallFor(api: LoadedApi, created: CreatedObject): CleanupCall | undefined {
  const item = new RegExp(`^${escapeRegExp(created.operation.path.replace(/\/$/, ""))}/\\{([^}/]+)\\}$`);
  const onItem = api.model.operations.filter((o) => item.test(o.path));
  const paramOf = (o: OperationJson) => ({ [item.exec(o.path)![1]!]: created.id });
  const remove = onItem.find((o) => o.method.toLowerCase() === "delete");
  if (remove) return { operation: remove, pathParams: paramOf(remove), action: "delete" };
  for (const o of onItem.filter((x) => ["post", "patch", "put"].includes(x.method.toLowerCase()))) {
    for (const content of o.requestBody?.contents ?? []) {
      const schema = schemaAt(api.spec.root, content.schemaPointer);
      const active = (schema?.properties as Record<string, { type?: unknown }> | undefined)?.active;
      if (active && (active.type === "boolean" || (Array.isArray(active.type) && active.type.includes("boolean")))) {
        return { operation: o, pathParams: paramOf(o), mediaType: content.mediaType, body: { active: false }, action: "deactivate" };
      }
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
