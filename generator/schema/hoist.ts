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
  /** resource key (`~` and a hash of its text: no component name collides, and it is stable) */
  key: string;
  /** the subschema, its own repeated subschemas already `$ref`s */
  schema: Record<string, unknown>;
  /** where it was first met: the validator's pointer and the path below it in the converted schema */
  pointer: string;
}

/** Keywords that change nothing a validator does: left out of the text two subschemas are compared by. */
const ANNOTATIONS = new Set(["title", "description", "examples", "deprecated", "$comment"]);

/** Keywords whose meaning depends on the schema's place (dynamic scope, evaluated properties): kept inline. */
const PLACE_BOUND = ['"$dynamicRef"', '"$dynamicAnchor"', '"unevaluatedProperties"', '"unevaluatedItems"'];

/** Keywords whose subschemas apply to a member or an item of the instance (the only ones hoisted). */
const MEMBER_SINGLES = new Set(["additionalProperties", "items", "contains"]);
const MEMBER_ARRAYS = new Set(["prefixItems"]);
const MEMBER_MAPS = new Set(["properties", "patternProperties"]);

/**
 * Where a value sits: a root validator schema, a schema that applies to a member or an item of its
 * parent's instance (`properties/x`, `items`…), a schema that applies to the parent's instance itself
 * (`anyOf/0`, `then`, `not`…), or plain data (`enum`, `required`…).
 */
type Place = "root" | "member" | "same" | "data";

/**
 * Every subschema that applies to a member or an item of its parent's instance, whose JSON text
 * (annotations left out) occurs at least twice at such places across `roots` and is at least
 * `minChars` long, becomes one shared resource (the first one met), and each place that held it
 * a `$ref` to it (`refOf(key)`). ajv then compiles it into one function instead of printing it
 * inline at every place: on Stripe's full description the request module's code shrinks by half.
 *
 * Validation, coercion and errors stay the same, except ajv's `schemaPath` of an error inside a
 * shared subschema, which names it. That holds because the subschema validates its own value:
 * ajv's function coerces it in the parent object, and the caller reads that member no more. A
 * branch of `anyOf` (or `allOf`, `not`, `if`…) is never hoisted: it applies to the same value as
 * its siblings, and a called function's coercion would reach the object but not the caller's copy
 * of the value that the next branch checks (Stripe's `anyOf: [list, ""]` then kept a failed branch's
 * `[""]`). A subschema nested in a shared one is counted at each of its places, so it may be
 * shared too though the document holds it once: one call more, never a different result.
 */
export function hoistRepeatedSubschemas(
  roots: readonly { schema: Record<string, unknown>; pointer: string }[],
  refOf: (key: string) => string,
  minChars: number = HOIST_MIN_CHARS,
): { schemas: Record<string, unknown>[]; hoisted: HoistedSchema[] } {
  const texts = new WeakMap<object, string>();
  const counts = new Map<string, number>();
  for (const root of roots) measure(root.schema, "root", texts, counts);
  const hoisted = new Map<string, HoistedSchema>();

  const rewrite = (node: unknown, place: Place, pointer: string): unknown => {
    if (node === null || typeof node !== "object" || Array.isArray(node) || place === "data") return node;
    const text = texts.get(node)!;
    if (place === "member" && text.length >= minChars && counts.get(text)! > 1 && !PLACE_BOUND.some((k) => text.includes(k))) {
      const key = `~${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
      if (!hoisted.has(key)) {
        const entry: HoistedSchema = { key, schema: {}, pointer };
        hoisted.set(key, entry);
        entry.schema = rewrite(node, "root", pointer) as Record<string, unknown>;
      }
      return { $ref: refOf(key) };
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = joinPointer(pointer, key);
      const child = placeOf(key);
      if (child === "data") out[key] = value;
      else if (SCHEMA_ARRAYS.has(key)) out[key] = Array.isArray(value) ? value.map((v, i) => rewrite(v, child, joinPointer(at, i))) : value;
      else if (SCHEMA_MAPS.has(key)) {
        if (!isRecord(value)) {
          out[key] = value;
          continue;
        }
        const map: Record<string, unknown> = {};
        for (const [name, v] of Object.entries(value)) Object.defineProperty(map, name, { value: rewrite(v, child, joinPointer(at, name)), enumerable: true, writable: true, configurable: true });
        out[key] = map;
      } else out[key] = rewrite(value, child, at);
    }
    return out;
  };

  const schemas = roots.map((root) => rewrite(root.schema, "root", root.pointer) as Record<string, unknown>);
  return { schemas, hoisted: [...hoisted.values()] };
}

/** The place of the values under a schema's keyword (`$defs` entries are left alone: "data"). */
function placeOf(keyword: string): Place {
  if (MEMBER_SINGLES.has(keyword) || MEMBER_ARRAYS.has(keyword) || MEMBER_MAPS.has(keyword)) return "member";
  if (keyword === "$defs" || keyword === "definitions") return "data";
  if (SCHEMA_SINGLES.has(keyword) || SCHEMA_ARRAYS.has(keyword) || SCHEMA_MAPS.has(keyword)) return "same";
  return "data";
}

/**
 * The JSON text of `node` without the annotations of its schemas, built from its children's texts
 * (each node is stringified once, not once per ancestor). Every schema object's text is remembered,
 * and counted where it sits at a member's place.
 */
function measure(node: unknown, place: Place, texts: WeakMap<object, string>, counts: Map<string, number>): string {
  if (node === null || typeof node !== "object") return JSON.stringify(node) ?? "null";
  if (Array.isArray(node)) return `[${node.map((v) => measure(v, place, texts, counts)).join(",")}]`;
  const isSchema = place !== "data";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || (isSchema && ANNOTATIONS.has(key))) continue;
    const child = isSchema ? placeOf(key) : "data";
    let text: string;
    if (child !== "data" && SCHEMA_MAPS.has(key) && isRecord(value)) {
      const members = Object.entries(value).map(([name, v]) => `${JSON.stringify(name)}:${measure(v, child, texts, counts)}`);
      text = `{${members.join(",")}}`;
    } else text = measure(value, child, texts, counts);
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  const text = `{${parts.join(",")}}`;
  if (isSchema) {
    texts.set(node, text);
    if (place === "member") counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
