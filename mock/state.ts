import type { OperationModel } from "../generator/model/types.js";
import type { HandlerResponse, RequestContext } from "../runtime/server/types.js";
import type { MockDefinition } from "./mock-spec.js";
import type { Answers } from "./answers.js";
import type { CrudOperation } from "./crud.js";
import { errorAnswer } from "./errors.js";
import { propertyNames } from "./generate-data.js";
import { newIdFor } from "./new-id.js";
import type { MockSpec } from "./mock-spec.js";
import type { Preference } from "./prefer.js";
import type { MockStore } from "./store.js";

export interface StateContext {
  spec: MockSpec;
  answers: Answers;
  definition: MockDefinition;
  store: MockStore;
}

type Obj = Record<string, unknown>;

/** The `--state` answer of an operation with an inferred CRUD role. */
export function answerWithState(state: StateContext, input: { op: OperationModel; crud: CrudOperation; ctx: RequestContext; preference: Preference }): HandlerResponse {
  const { op, ctx, preference } = input;
  const params = ctx.params as Obj;
  // nested collections (`/customers/{customer}/sources`) are kept per parent
  const crud = { ...input.crud, collection: input.crud.collection.replace(/\{([^}]+)\}/g, (_, name: string) => `{${String(params[name] ?? "")}}`) };
  const id = crud.param !== undefined ? String(params[crud.param] ?? "") : "";
  const stored = crud.param !== undefined ? state.store.get(crud.collection, id) : undefined;
  if (crud.param !== undefined && !stored) {
    return errorAnswer({ answers: state.answers, definition: state.definition, op }, 404, { message: `No such ${crud.param}: '${id.slice(0, 100)}'` });
  }
  if (crud.role === "delete") state.store.delete(crud.collection, id);
  const base = state.answers.respond(op, preference);
  const body = base.body;
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  if (!isObject && crud.role !== "list") return base;
  switch (crud.role) {
    case "create": {
      const sample = (body as Obj)[crud.idField];
      const requested = requestBody(ctx)[crud.idField];
      const newId = typeof requested === "string" && requested !== "" ? requested : newIdFor(state.spec, state.store, crud, params, sample);
      const created = echo(state, op, base, { ...(body as Obj), [crud.idField]: newId }, requestBody(ctx));
      state.store.put(crud.collection, String(newId), created);
      return { ...base, body: created };
    }
    case "read":
      return { ...base, body: stored };
    case "update": {
      const updated = echo(state, op, base, { ...stored! }, requestBody(ctx));
      state.store.put(crud.collection, id, updated);
      return { ...base, body: updated };
    }
    case "delete": {
      if (!(crud.idField in (body as Obj))) return base;
      return { ...base, body: keepIfValid(state, op, base, { ...(body as Obj), [crud.idField]: stored![crud.idField] }, body) };
    }
    case "list":
      return { ...base, body: listBody(state, op, base, state.store.list(crud.collection), limitOf(ctx)) };
  }
}

function requestBody(ctx: RequestContext): Obj {
  const body = ctx.body;
  return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Obj) : {};
}

/** Copy the request's fields that the response schema declares, one at a time, each kept only if the object still validates. */
function echo(state: StateContext, op: OperationModel, base: HandlerResponse, target: Obj, request: Obj): Obj {
  const schema = state.spec.responseSchema(op, responseKey(op, base.status), base.mediaType ?? "");
  const declared = propertyNames(schema, state.spec.resolveRef);
  let current = target;
  for (const key of Object.keys(request).sort()) {
    if (!declared.has(key)) continue;
    // an id of a stored object may stand for the object itself (expandable fields)
    const referenced = typeof request[key] === "string" ? state.store.find(request[key] as string) : undefined;
    for (const value of referenced ? [request[key], referenced] : [request[key]]) {
      const candidate = { ...current };
      Object.defineProperty(candidate, key, { value: mergeValue(current[key], value), enumerable: true, writable: true, configurable: true });
      const kept = keepIfValid(state, op, base, candidate, current);
      if (kept !== current) {
        current = kept;
        break;
      }
    }
  }
  return current;
}

/** Objects merge one level deep (metadata); anything else replaces. */
function mergeValue(before: unknown, after: unknown): unknown {
  const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
  return isObj(before) && isObj(after) ? { ...before, ...after } : after;
}

function keepIfValid<T>(state: StateContext, op: OperationModel, base: HandlerResponse, candidate: T, fallback: T): T {
  const validate = state.definition.validators[op.operationId]?.responses[responseKey(op, base.status)]?.[base.mediaType ?? ""];
  return !validate || validate(candidate) ? candidate : fallback;
}

function responseKey(op: OperationModel, status: number): string {
  const keys = op.responses.map((r) => r.status);
  const exact = String(status);
  return keys.includes(exact) ? exact : keys.includes(`${exact.charAt(0)}XX`) ? `${exact.charAt(0)}XX` : "default";
}

/** A `limit`-like query parameter, when the request gives one. */
function limitOf(ctx: RequestContext): number | undefined {
  const query = ctx.query as Obj;
  const value = ["limit", "maxResults", "max_results", "per_page", "pageSize", "page_size"].map((k) => query[k]).find((v) => v !== undefined);
  const limit = Number(value);
  return Number.isInteger(limit) && limit > 0 ? limit : undefined;
}

/** What was created, in the list's shape: a bare array, `data` (+ `has_more`), `items` (+ `next`); the first `limit`. */
function listBody(state: StateContext, op: OperationModel, base: HandlerResponse, all: Obj[], limit: number | undefined): unknown {
  const items = limit === undefined ? all : all.slice(0, limit);
  const body = base.body;
  if (Array.isArray(body)) return keepIfValid(state, op, base, items, body);
  if (body === null || typeof body !== "object") return body;
  const record = body as Obj;
  const listKey = ["data", "items", "results", "records", "values"].find((k) => Array.isArray(record[k]));
  if (!listKey) return body;
  const page: Obj = { ...record, [listKey]: items };
  if ("has_more" in record) page.has_more = items.length < all.length;
  for (const key of ["next", "next_cursor", "nextCursor", "next_page", "nextPageToken"]) if (key in record) page[key] = null;
  if ("total" in record) page.total = items.length;
  if ("count" in record) page.count = items.length;
  const withoutNext = { ...page };
  for (const key of ["next", "next_cursor", "nextCursor", "next_page", "nextPageToken"]) delete withoutNext[key];
  return keepIfValid(state, op, base, page, keepIfValid(state, op, base, withoutNext, body));
}
