import { getAtPointer, joinPointer } from "../document/pointer.js";
import { getOwn } from "../runtime/shared/own.js";

export type Json = Record<string, unknown>;

/** A schema node together with the pointer it lives at (after following `$ref`s). */
export interface At {
  node: Json;
  pointer: string;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Follow `$ref`s (all local after normalisation) and one-element `allOf` wrappers, so the
 * pointer answered is the schema's home: a component schema is compared once, whoever uses it.
 */
export function deref(root: unknown, at: At): At {
  let current = at;
  for (let hops = 0; hops < 64; hops++) {
    const { node } = current;
    if (typeof node.$ref === "string") {
      const target = getAtPointer(root, node.$ref);
      if (!isObject(target)) return current;
      current = { node: target, pointer: node.$ref };
      continue;
    }
    if (Array.isArray(node.allOf) && node.allOf.length === 1 && isObject(node.allOf[0]) && !hasShape(node)) {
      current = { node: node.allOf[0], pointer: joinPointer(current.pointer, "allOf", 0) };
      continue;
    }
    return current;
  }
  return current;
}

function hasShape(node: Json): boolean {
  return ["type", "properties", "items", "enum", "anyOf", "oneOf", "const"].some((k) => k in node);
}

export function child(root: unknown, at: At, ...segments: (string | number)[]): At | undefined {
  let node: unknown = at.node;
  for (const s of segments) node = isObject(node) || Array.isArray(node) ? getOwn(node as Json, String(s)) : undefined;
  if (!isObject(node)) return undefined;
  return deref(root, { node, pointer: joinPointer(at.pointer, ...segments) });
}

/** The non-null types a schema allows; undefined when it does not say (any type). */
export function typesOf(node: Json): Set<string> | undefined {
  const type = node.type;
  if (typeof type === "string") return type === "null" ? new Set() : new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === "string" && t !== "null"));
  return undefined;
}

export function isNullable(root: unknown, at: At): boolean {
  const { node } = at;
  if (node.nullable === true || node.const === null) return true;
  if (node.type === "null" || (Array.isArray(node.type) && node.type.includes("null"))) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  return variantsOf(root, at, true).some((v) => isNullable(root, v));
}

/** anyOf/oneOf alternatives (null alternatives only when asked: nullability is its own rule). */
export function variantsOf(root: unknown, at: At, withNull = false): At[] {
  const out: At[] = [];
  for (const key of ["anyOf", "oneOf"] as const) {
    const list = at.node[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (!isObject(item)) return;
      const v = deref(root, { node: item, pointer: joinPointer(at.pointer, key, i) });
      if (withNull || !(v.node.type === "null" || (v.node.enum as unknown[] | undefined)?.every((e) => e === null))) out.push(v);
    });
  }
  return out;
}

/** Enum values other than null, as JSON text; undefined when the schema has no enum or const. */
export function enumOf(node: Json): string[] | undefined {
  const values = Array.isArray(node.enum) ? node.enum : "const" in node ? [node.const] : undefined;
  return values?.filter((v) => v !== null).map((v) => JSON.stringify(v));
}

/** How an alternative is recognised across versions: its component name, else its types. */
export function signatureOf(at: At): string {
  const component = /^#\/components\/schemas\/([^/]+)$/.exec(at.pointer);
  if (component) return `ref:${component[1]}`;
  const types = typesOf(at.node);
  return types ? [...types].sort().join("|") : "any";
}

export function propertiesOf(node: Json): Json {
  return isObject(node.properties) ? node.properties : {};
}

export function requiredOf(node: Json): Set<string> {
  return new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === "string") : []);
}

/** Upper bounds tighten when they fall; lower bounds when they rise. */
export const UPPER_BOUNDS = ["maxLength", "maxItems", "maximum", "exclusiveMaximum", "maxProperties"] as const;
export const LOWER_BOUNDS = ["minLength", "minItems", "minimum", "exclusiveMinimum", "minProperties"] as const;

export function numberAt(node: Json, key: string): number | undefined {
  return typeof node[key] === "number" ? (node[key] as number) : undefined;
}
