import { createHash } from "node:crypto";
import { joinPointer } from "../../document/pointer.js";
import { SCHEMA_ARRAYS, SCHEMA_MAPS, SCHEMA_SINGLES } from "./vocabulary.js";

/**
 * A subschema shorter than this (as JSON) stays inline: a function call costs more than it saves.
 * Stripe's form bodies repeat the same shapes of 128 characters and more (`metadata`, addresses, price
 * data…) across hundreds of operations.
 */
export const HOIST_MIN_CHARS = 128;

/** A subschema met more than once, now a shared resource. */
export interface HoistedSchema {
  /** resource key: `~` and a hash of its content, longer if a component or another subschema holds it */
  key: string;
  /** the subschema without its annotations, its own shared subschemas `$ref`s */
  schema: Record<string, unknown>;
  /** where it was first met: its validator's pointer and the path below it in the converted schema */
  pointer: string;
  /** the pointer of that validator's schema (a place the spec surely has) */
  validatorPointer: string;
}

/** Keywords that change nothing a validator does: left out of the comparison and of shared resources. */
const ANNOTATIONS = new Set(["title", "description", "examples", "deprecated", "$comment"]);

/** Keywords whose meaning depends on the schema's place (dynamic scope, evaluated properties): kept inline. */
const PLACE_BOUND = new Set(["$dynamicRef", "$dynamicAnchor", "unevaluatedProperties", "unevaluatedItems"]);

/** Keywords whose subschemas apply to a member or an item of the instance (the only ones hoisted). */
const MEMBER_KEYWORDS = new Set(["properties", "patternProperties", "additionalProperties", "items", "prefixItems", "contains"]);

/**
 * Where a value sits: a root validator schema, a schema that applies to a member or an item of its
 * parent's instance (`properties/x`, `items`…), a schema that applies to the parent's instance itself
 * (`anyOf/0`, `then`, `not`…), or plain data (`enum`, `required`…).
 */
type Place = "root" | "member" | "same" | "data";

/** One distinct subschema (annotations aside): its own text with its subschemas as ids, and facts about it. */
interface Shape {
  /** its JSON with each subschema replaced by that subschema's shape id */
  parts: (string | number)[];
  /** characters of its whole JSON, subschemas included (about) */
  length: number;
  /** holds a place-bound keyword, itself or below */
  placeBound: boolean;
}

/**
 * Every subschema that applies to a member or an item of its parent's instance, is the same (annotations
 * aside) at two or more such places across `roots`, and is at least `minChars` of JSON, becomes one
 * shared resource, without annotations, and each place that held it a `$ref` to it (`refOf(key)`). ajv
 * then compiles it into one function instead of printing it inline at every place: on Stripe's full
 * description the request module's code shrinks by half. `taken(key)` says a resource key is in use.
 *
 * Validation, coercion and errors stay the same, except ajv's `schemaPath` of an error inside a shared
 * subschema, which names it. That holds because the subschema validates its own value: ajv's function
 * coerces it in the parent object, and the caller reads that member no more. Kept inline:
 * - a branch of `anyOf` (or `allOf`, `not`, `if`…): it applies to the same value as its siblings, and a
 *   called function's coercion would reach the object but not the caller's copy of the value that the
 *   next branch checks (Stripe's `anyOf: [list, ""]` kept a failed branch's `[""]`);
 * - `items` beside `uniqueItems`, whose check takes a fast path from the items' inline `type` (the slow
 *   one is quadratic and reports the pair the other way round);
 * - subschemas that use `$dynamicRef`, `$dynamicAnchor` or `unevaluated*`.
 * A resource that only one place calls in the end (a subschema repeated only inside another shared
 * one) is put back inline.
 */
export function hoistRepeatedSubschemas(
  roots: readonly { schema: Record<string, unknown>; pointer: string }[],
  refOf: (key: string) => string,
  minChars: number = HOIST_MIN_CHARS,
  taken: (key: string) => boolean = () => false,
): { schemas: Record<string, unknown>[]; hoisted: HoistedSchema[] } {
  const shapes = new Shapes();
  for (const root of roots) shapes.measure(root.schema, "root");
  const byShape = new Map<number, HoistedSchema>();
  const keys = new Set<string>();
  const refNodes = new WeakMap<object, HoistedSchema>();

  const rewrite = (node: unknown, place: Place, pointer: string, validatorPointer: string, strip: boolean): unknown => {
    if (node === null || typeof node !== "object" || Array.isArray(node) || place === "data") return node;
    const id = shapes.idOf(node);
    const shape = shapes.get(id);
    if (place === "member" && shape.length >= minChars && shapes.count(id) > 1 && !shape.placeBound) {
      let entry = byShape.get(id);
      if (!entry) {
        entry = { key: freeKey(shapes.digest(id), keys, taken), schema: {}, pointer, validatorPointer };
        keys.add(entry.key);
        byShape.set(id, entry);
        entry.schema = rewrite(node, "root", pointer, validatorPointer, true) as Record<string, unknown>;
      }
      const ref = { $ref: refOf(entry.key) };
      refNodes.set(ref, entry);
      return ref;
    }
    const record = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (strip && ANNOTATIONS.has(key)) continue;
      const at = joinPointer(pointer, key);
      const child = placeOf(key, record);
      if (child === "data") out[key] = value;
      else if (SCHEMA_ARRAYS.has(key)) out[key] = Array.isArray(value) ? value.map((v, i) => rewrite(v, child, joinPointer(at, i), validatorPointer, strip)) : value;
      else if (SCHEMA_MAPS.has(key)) {
        if (!isRecord(value)) {
          out[key] = value;
          continue;
        }
        const map: Record<string, unknown> = {};
        for (const [name, v] of Object.entries(value)) define(map, name, rewrite(v, child, joinPointer(at, name), validatorPointer, strip));
        out[key] = map;
      } else out[key] = rewrite(value, child, at, validatorPointer, strip);
    }
    return out;
  };

  const schemas = roots.map((root) => rewrite(root.schema, "root", root.pointer, root.pointer, false) as Record<string, unknown>);
  const hoisted = [...byShape.values()];
  // a resource called from one place only (it was repeated inside another shared one): back inline
  const uses = new Map<HoistedSchema, number>();
  walk([...schemas, ...hoisted.map((h) => h.schema)], (node) => {
    const entry = refNodes.get(node);
    if (entry) uses.set(entry, (uses.get(entry) ?? 0) + 1);
  });
  const inlineOnce = (node: unknown): unknown => {
    if (node === null || typeof node !== "object") return node;
    const entry = refNodes.get(node);
    if (entry && uses.get(entry) === 1) return inlineOnce(entry.schema);
    if (Array.isArray(node)) return node.map(inlineOnce);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) define(out, key, inlineOnce(value));
    return out;
  };
  const kept = hoisted.filter((h) => (uses.get(h) ?? 0) > 1);
  for (const h of kept) h.schema = inlineOnce(h.schema) as Record<string, unknown>;
  return { schemas: schemas.map((s) => inlineOnce(s) as Record<string, unknown>), hoisted: kept };
}

/** The place of the values under a schema's keyword (`$defs` entries are left alone: "data"). */
function placeOf(keyword: string, schema: Record<string, unknown>): Place {
  if (keyword === "items" && schema.uniqueItems === true) return "same";
  if (MEMBER_KEYWORDS.has(keyword)) return "member";
  if (keyword === "$defs" || keyword === "definitions") return "data";
  if (SCHEMA_SINGLES.has(keyword) || SCHEMA_ARRAYS.has(keyword) || SCHEMA_MAPS.has(keyword)) return "same";
  return "data";
}

/**
 * Distinct subschemas, each stringified once: a schema's text holds its subschemas as ids, so the
 * work is linear in the document, however deep (a full text per node would be quadratic in depth).
 */
class Shapes {
  private readonly ids = new Map<string, number>();
  private readonly list: Shape[] = [];
  private readonly nodes = new WeakMap<object, number>();
  private readonly members = new Map<number, number>();
  private readonly digests = new Map<number, string>();

  /** Record `node` (at `place`) and every subschema below it; answers its shape id (a schema) or its JSON (data). */
  measure(node: unknown, place: Place): number | string {
    if (place === "data" || node === null || typeof node !== "object" || Array.isArray(node)) return dataText(node);
    const record = node as Record<string, unknown>;
    const parts: (string | number)[] = ["{"];
    let length = 2;
    let placeBound = false;
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined || ANNOTATIONS.has(key)) continue;
      if (PLACE_BOUND.has(key)) placeBound = true;
      parts.push(`${JSON.stringify(key)}:`);
      length += key.length + 4;
      const child = placeOf(key, record);
      const add = (v: unknown): void => {
        const measured = this.measure(v, child);
        parts.push(measured);
        if (typeof measured === "number") {
          length += this.list[measured]!.length;
          placeBound ||= this.list[measured]!.placeBound;
        } else length += measured.length;
      };
      if (child !== "data" && SCHEMA_ARRAYS.has(key) && Array.isArray(value)) {
        parts.push("[");
        value.forEach((v, i) => {
          if (i > 0) parts.push(",");
          add(v);
        });
        parts.push("]");
      } else if (child !== "data" && SCHEMA_MAPS.has(key) && isRecord(value)) {
        parts.push("{");
        Object.entries(value).forEach(([name, v], i) => {
          parts.push(`${i > 0 ? "," : ""}${JSON.stringify(name)}:`);
          length += name.length + 4;
          add(v);
        });
        parts.push("}");
      } else add(value);
      parts.push(",");
    }
    parts.push("}");
    const text = parts.map((p) => (typeof p === "number" ? `#${p}` : p)).join("");
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(text, id);
      this.list.push({ parts, length, placeBound });
    }
    this.nodes.set(record, id);
    if (place === "member") this.members.set(id, (this.members.get(id) ?? 0) + 1);
    return id;
  }

  idOf(node: object): number {
    return this.nodes.get(node)!;
  }

  get(id: number): Shape {
    return this.list[id]!;
  }

  /** how many member places hold this shape */
  count(id: number): number {
    return this.members.get(id) ?? 0;
  }

  /** sha256 of the shape's content, its subschemas by their own digests: the same for the same subschema in any document */
  digest(id: number): string {
    let digest = this.digests.get(id);
    if (digest === undefined) {
      const hash = createHash("sha256");
      for (const part of this.list[id]!.parts) hash.update(typeof part === "number" ? `#${this.digest(part)}` : part);
      this.digests.set(id, (digest = hash.digest("hex")));
    }
    return digest;
  }
}

/** JSON of a value, with the numbers JSON cannot hold (YAML's `.inf`, `.nan`) told apart from `null`. */
function dataText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? { "\u0000number": String(v) } : v)) ?? "undefined";
}

/** `~` and the first 16 hex digits of the digest; more digits if that key is taken (a component's name, a clash). */
function freeKey(digest: string, used: ReadonlySet<string>, taken: (key: string) => boolean): string {
  for (const length of [16, 32, 64]) {
    const key = `~${digest.slice(0, length)}`;
    if (!used.has(key) && !taken(key)) return key;
  }
  for (let n = 2; ; n++) {
    const key = `~${digest}-${n}`;
    if (!used.has(key) && !taken(key)) return key;
  }
}

function walk(roots: readonly unknown[], visit: (node: object) => void): void {
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    visit(node);
    // one at a time: a spread of a 300,000-value `enum` would overflow the call stack
    for (const value of Array.isArray(node) ? node : Object.values(node)) if (value !== null && typeof value === "object") stack.push(value);
  }
}

/** An own data property, whatever its name (`__proto__` included). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
