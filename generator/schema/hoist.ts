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

/**
 * Every subschema (below the roots) whose JSON text, annotations left out, occurs at least twice
 * across `roots` and is at least `minChars` long becomes one shared resource (the first one met), and each place that held it a `$ref` to it
 * (`refOf(key)`). ajv then compiles it into one function instead of printing it inline at every
 * place: on Stripe's full description the request module's code shrinks by about a third.
 * Validation is the same (a `$ref` to an identical schema); only ajv's `schemaPath` of an error
 * inside one names the shared resource. Roots are never replaced themselves.
 */
export function hoistRepeatedSubschemas(
  roots: readonly { schema: Record<string, unknown>; pointer: string }[],
  refOf: (key: string) => string,
  minChars: number = HOIST_MIN_CHARS,
): { schemas: Record<string, unknown>[]; hoisted: HoistedSchema[] } {
  const texts = new WeakMap<object, string>();
  const counts = new Map<string, number>();
  for (const root of roots) measure(root.schema, true, texts, counts);
  const hoisted = new Map<string, HoistedSchema>();

  const rewrite = (node: unknown, isSchema: boolean, pointer: string, top: boolean): unknown => {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node;
    const text = texts.get(node)!;
    if (isSchema && !top && text.length >= minChars && counts.get(text)! > 1 && !PLACE_BOUND.some((k) => text.includes(k))) {
      const key = `~${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
      if (!hoisted.has(key)) {
        const entry: HoistedSchema = { key, schema: {}, pointer };
        hoisted.set(key, entry);
        entry.schema = rewrite(node, true, pointer, true) as Record<string, unknown>;
      }
      return { $ref: refOf(key) };
    }
    if (!isSchema) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = joinPointer(pointer, key);
      if (SCHEMA_SINGLES.has(key)) out[key] = rewrite(value, true, at, false);
      else if (SCHEMA_ARRAYS.has(key) && Array.isArray(value)) out[key] = value.map((v, i) => rewrite(v, true, joinPointer(at, i), false));
      else if (SCHEMA_MAPS.has(key) && key !== "$defs" && key !== "definitions" && isRecord(value)) {
        const map: Record<string, unknown> = {};
        for (const [name, v] of Object.entries(value)) Object.defineProperty(map, name, { value: rewrite(v, true, joinPointer(at, name), false), enumerable: true, writable: true, configurable: true });
        out[key] = map;
      } else out[key] = value;
    }
    return out;
  };

  const schemas = roots.map((root) => rewrite(root.schema, true, root.pointer, true) as Record<string, unknown>);
  return { schemas, hoisted: [...hoisted.values()] };
}

/**
 * The JSON text of `node` without the annotations of its schemas, built from its children's texts
 * (each node is stringified once, not once per ancestor); every schema object's text is remembered
 * and counted.
 */
function measure(node: unknown, isSchema: boolean, texts: WeakMap<object, string>, counts: Map<string, number>): string {
  if (node === null || typeof node !== "object") return JSON.stringify(node) ?? "null";
  if (Array.isArray(node)) return `[${node.map((v) => measure(v, isSchema, texts, counts)).join(",")}]`;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || (isSchema && ANNOTATIONS.has(key))) continue;
    const childIsSchema = isSchema && (SCHEMA_SINGLES.has(key) || SCHEMA_ARRAYS.has(key));
    let text: string;
    if (isSchema && SCHEMA_MAPS.has(key) && isRecord(value)) {
      const members = Object.entries(value).map(([name, v]) => `${JSON.stringify(name)}:${measure(v, true, texts, counts)}`);
      text = `{${members.join(",")}}`;
    } else text = measure(value, childIsSchema, texts, counts);
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  const text = `{${parts.join(",")}}`;
  if (isSchema) {
    texts.set(node, text);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
