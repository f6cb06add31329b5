import type { CrudOperation } from "./crud.js";
import type { MockSpec } from "./mock-spec.js";
import { stringForPattern } from "./pattern.js";
import { createRandom, hashSeed } from "./random.js";
import type { MockStore } from "./store.js";

/** Ids drawn from the schema before giving up (each is checked against the item route's validator). */
const DRAWS = 64;

/**
 * A new id for a created object that its own item route accepts (`GET /things/{id}`): the item
 * parameter's schema may ask for a pattern (`^t[0-9]+$`), a format (`uuid`) or a length, and an id
 * already stored is never reused. `params` are the create request's path parameters (a nested
 * collection's parents).
 */
export function newIdFor(spec: MockSpec, store: MockStore, crud: CrudOperation, params: Record<string, unknown>, sample: unknown): string | number {
  const item = crud.item;
  if (item === undefined) return store.newId(sample);
  const check = spec.definition.validators[item.operationId]?.parameters.path;
  const accepts = (id: string | number): boolean => store.get(crud.collection, String(id)) === undefined && (check === undefined || check({ ...params, [item.param]: String(id) }));
  const schema = itemSchema(spec, item);
  // a formatted id (a uuid) is drawn whole; the sample's digits are counted up only for free-form ids
  return store.newId(sample, accepts, () => drawn(schema, `${item.operationId}:${store.serial}`), schema.format === undefined);
}

function itemSchema(spec: MockSpec, item: NonNullable<CrudOperation["item"]>): Record<string, unknown> {
  const op = spec.model.operations.find((o) => o.operationId === item.operationId);
  const pointer = op?.parameters.find((p) => p.in === "path" && p.name === item.param)?.schemaPointer;
  return pointer === undefined ? {} : spec.convertAt(pointer);
}

/** Candidates from the item parameter's schema: uuids for `format: uuid`, strings for its `pattern` (seeded: the same run gives the same ids). */
function* drawn(schema: Record<string, unknown>, seedText: string): Generator<string> {
  const random = createRandom(hashSeed(0, seedText));
  if (schema.format === "uuid") {
    for (let i = 0; i < DRAWS; i++) yield uuidFrom(random.next);
  }
  if (typeof schema.pattern === "string") {
    for (let i = 0; i < DRAWS; i++) {
      const text = stringForPattern(schema.pattern, random);
      if (text !== undefined) yield text;
    }
  }
}

/** A version-4 uuid from the seeded generator. */
function uuidFrom(next: () => number): string {
  const hex = (width: number) => Array.from({ length: width }, () => Math.floor(next() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}
