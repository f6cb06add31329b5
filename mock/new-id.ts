import type { CrudOperation } from "./crud.js";
import type { MockSpec } from "./mock-spec.js";
import { stringForPattern } from "./pattern.js";
import { createRandom, hashSeed } from "./random.js";
import type { MockStore } from "./store.js";

/** Candidates of each kind tried before giving up (each is checked against the item route's validator). */
const DRAWS = 64;

/**
 * A new id for a created object that its own item route accepts (`GET /things/{id}`): the item
 * parameter's schema may ask for a pattern (`^t[0-9]+$`), a format (`uuid`) or a length, and an id
 * already stored is never reused. `params` are the create request's path parameters (a nested
 * collection's parents).
 */
export function newIdFor(spec: MockSpec, store: MockStore, crud: CrudOperation, params: Record<string, unknown>, sample: unknown): string | number {
  const usual = store.newId(sample);
  const item = crud.item;
  if (item === undefined) return usual;
  const check = spec.definition.validators[item.operationId]?.parameters.path;
  const accepts = (id: string | number): boolean => store.get(crud.collection, String(id)) === undefined && (check === undefined || check({ ...params, [item.param]: String(id) }));
  if (accepts(usual)) return usual;
  // only now is the parameter's schema looked up: most item routes take any string
  for (const candidate of candidates(itemSchema(spec, item), sample, store.serial, item.operationId)) if (accepts(candidate)) return candidate;
  return usual;
}

function itemSchema(spec: MockSpec, item: NonNullable<CrudOperation["item"]>): Record<string, unknown> {
  const op = spec.model.operations.find((o) => o.operationId === item.operationId);
  const pointer = op?.parameters.find((p) => p.in === "path" && p.name === item.param)?.schemaPointer;
  return pointer === undefined ? {} : spec.convertAt(pointer);
}

/**
 * Ids to try, in order: for a free-form id, the sample's digits counted up from `serial` (`t3` → `t7`);
 * then ids drawn from the schema, seeded (the same run gives the same ids): random uuids for
 * `format: uuid`, strings for its `pattern`.
 */
function* candidates(schema: Record<string, unknown>, sample: unknown, serial: number, operationId: string): Generator<string> {
  const digits = schema.format === undefined && typeof sample === "string" ? /^(.*?)(\d+)(\D*)$/.exec(sample) : null;
  if (digits) for (let n = serial; n < serial + DRAWS; n++) yield `${digits[1]}${String(n).padStart(digits[2]!.length, "0")}${digits[3]}`;
  const random = createRandom(hashSeed(0, `${operationId}:${serial}`));
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
