import { joinPointer } from "../../document/pointer.js";
import { setOwn } from "../../runtime/shared/own.js";
import { compilesAsUnicode } from "./patterns.js";
import { KNOWN_KEYWORDS, OPENAPI_ANNOTATIONS, SCHEMA_ARRAYS, SCHEMA_MAPS, SCHEMA_SINGLES } from "./vocabulary.js";

export interface ConvertOptions {
  openapi: "3.0" | "3.1";
  /** map a local `#/...` pointer to the `$ref` ajv should see */
  mapRef(pointer: string): string;
  onUnknownKeyword(pointer: string, keyword: string): void;
}

/**
 * Turn an OpenAPI schema into JSON Schema 2020-12 that ajv compiles in strict mode:
 * 3.0 `nullable` and boolean `exclusiveMinimum/Maximum` are rewritten, OpenAPI annotations
 * and `x-` extensions are dropped, unknown keywords are reported and dropped.
 */
export function convertSchema(schema: unknown, pointer: string, options: ConvertOptions): unknown {
  if (typeof schema === "boolean") return schema;
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return {};
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    const at = joinPointer(pointer, key);
    if (key === "$ref" && typeof value === "string") out.$ref = options.mapRef(value);
    // a pattern JavaScript cannot compile is left out of the validator (the check stage reports it, SC009)
    else if (key === "pattern" && typeof value === "string" && compilesAsUnicode(value) !== undefined) continue;
    else if (SCHEMA_MAPS.has(key)) out[key] = convertMap(value, at, options, key === "patternProperties");
    else if (SCHEMA_ARRAYS.has(key)) out[key] = convertArray(value, at, options);
    else if (key === "items" && Array.isArray(value)) out.prefixItems = convertArray(value, at, options);
    else if (SCHEMA_SINGLES.has(key)) out[key] = convertSchema(value, at, options);
    else if (key.startsWith("x-") || OPENAPI_ANNOTATIONS.has(key)) continue;
    else if (KNOWN_KEYWORDS.has(key)) out[key] = value;
    else options.onUnknownKeyword(at, key);
  }
  moveProtoProperty(out);
  if (options.openapi === "3.0") return convert30(source, out);
  return out;
}

/**
 * ajv ignores a property named `__proto__` in `properties` (and so counts it as additional): it is
 * validated through `patternProperties` with an exact pattern instead, never dropped.
 */
function moveProtoProperty(out: Record<string, unknown>): void {
  const properties = out.properties as Record<string, unknown> | undefined;
  if (!properties || !Object.prototype.hasOwnProperty.call(properties, "__proto__")) return;
  const schema = properties["__proto__" as string];
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(properties)) if (k !== "__proto__") rest[k] = v;
  out.properties = rest;
  const patterns: Record<string, unknown> = { ...((out.patternProperties as Record<string, unknown> | undefined) ?? {}) };
  const exact = "^__proto__$";
  patterns[exact] = patterns[exact] === undefined ? schema : { allOf: [patterns[exact], schema] };
  out.patternProperties = patterns;
}

function convertMap(value: unknown, pointer: string, options: ConvertOptions, keysArePatterns: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value === null || typeof value !== "object") return out;
  for (const [k, v] of Object.entries(value)) {
    if (keysArePatterns && compilesAsUnicode(k) !== undefined) continue;
    setOwn(out, k, convertSchema(v, joinPointer(pointer, k), options));
  }
  return out;
}

function convertArray(value: unknown, pointer: string, options: ConvertOptions): unknown[] {
  return Array.isArray(value) ? value.map((v, i) => convertSchema(v, joinPointer(pointer, i), options)) : [];
}

/** OpenAPI 3.0 rules: `$ref` siblings are ignored, `nullable`, boolean exclusive bounds. */
function convert30(source: Record<string, unknown>, out: Record<string, unknown>): unknown {
  if (typeof out.$ref === "string") {
    const ref = { $ref: out.$ref };
    return source.nullable === true ? { anyOf: [ref, { type: "null" }] } : ref;
  }
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (typeof out[flag] === "boolean") {
      if (out[flag] === true && typeof out[bound] === "number") {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }
  if (source.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes("null")) out.type = [...out.type, "null"];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}
