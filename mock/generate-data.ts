import { branchKey, type Discriminator } from "./discriminators.js";
import { stringForPattern } from "./pattern.js";
import type { Random } from "./random.js";

type Schema = Record<string, unknown>;

/** Finds the schema a `$ref` names (the registry's `$id` resources, with an optional `#/…` fragment). */
export type ResolveRef = (ref: string) => unknown;

export interface GenerateOptions {
  resolve: ResolveRef;
  random: Random;
  /** the document's discriminators by their branches (see collectDiscriminators) */
  discriminators?: ReadonlyMap<string, Discriminator>;
  /** optional properties are left out below this depth, and recursion stops at maxDepth */
  optionalDepth?: number;
  maxDepth?: number;
}

const BASE_TIME = Date.UTC(2024, 0, 1);
const APPLICATORS = ["allOf", "anyOf", "oneOf", "$ref"];

/**
 * A value for a JSON Schema (2020-12, as the generator converts every document): type, format, enum,
 * const, min/max, lengths, pattern (common subset), required, allOf, anyOf/oneOf (a non-null branch
 * first), nullable (an anyOf with a null branch). Deterministic for one Random's sequence.
 */
export function generateValue(schema: unknown, options: GenerateOptions): unknown {
  return new ValueGenerator(options).value(schema, 0);
}

class ValueGenerator {
  private readonly optionalDepth: number;
  private readonly maxDepth: number;
  constructor(private readonly options: GenerateOptions) {
    this.optionalDepth = options.optionalDepth ?? 3;
    this.maxDepth = options.maxDepth ?? 24;
  }

  value(input: unknown, depth: number): unknown {
    const schema = this.flatten(input, depth);
    if (schema === undefined) return null;
    if ("const" in schema) return structuredClone(schema.const);
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return structuredClone(this.options.random.pick(schema.enum));
    if ("default" in schema && this.options.random.next() < 0.3) return structuredClone(schema.default);
    switch (this.typeOf(schema)) {
      case "null":
        return null;
      case "boolean":
        return this.options.random.next() < 0.5;
      case "integer":
        return this.number(schema, true);
      case "number":
        return this.number(schema, false);
      case "array":
        return this.array(schema, depth);
      case "object":
        return this.object(schema, depth);
      default:
        return this.string(schema);
    }
  }

  /** Resolve `$ref`, merge `allOf` and choose one `anyOf`/`oneOf` branch, into one plain schema. */
  private flatten(input: unknown, depth: number): Schema | undefined {
    if (input === true || input === undefined) return {};
    if (input === false || input === null || typeof input !== "object" || depth > this.maxDepth) return undefined;
    let schema = input as Schema;
    for (let guard = 0; guard < 32 && APPLICATORS.some((k) => k in schema); guard++) {
      const { $ref, allOf, anyOf, oneOf, ...rest } = schema;
      let merged: Schema = rest;
      if (typeof $ref === "string") merged = mergeSchemas(merged, asSchema(this.options.resolve($ref)));
      if (Array.isArray(allOf)) for (const member of allOf) merged = mergeSchemas(merged, this.flatten(member, depth + 1) ?? {});
      const branches = Array.isArray(oneOf) ? oneOf : Array.isArray(anyOf) ? anyOf : undefined;
      if (branches && branches.length > 0) {
        const branch = this.chooseBranch(branches);
        merged = mergeSchemas(merged, asSchema(branch));
        merged = this.discriminate(merged, branches, branch);
      }
      if (Array.isArray(oneOf) && Array.isArray(anyOf)) merged.anyOf = anyOf;
      schema = merged;
    }
    return schema;
  }

  /** With a discriminator over these branches, the chosen branch's value for its property. */
  private discriminate(merged: Schema, branches: unknown[], branch: unknown): Schema {
    const { discriminators } = this.options;
    if (!discriminators || discriminators.size === 0) return merged;
    // converted component refs read `spec-contract:schemas/<name>#`
    const refOf = (b: unknown) => (typeof b === "object" && b !== null && typeof (b as Schema).$ref === "string" ? ((b as Schema).$ref as string).replace(/#$/, "") : undefined);
    const refs = branches.map(refOf);
    if (!refs.every((r): r is string => r !== undefined)) return merged;
    const found = discriminators.get(branchKey(refs));
    const value = found?.values.get(refOf(branch)!);
    if (!found || value === undefined) return merged;
    // a branch that constrains the property itself (enum, const) already says which value it takes
    const own = asSchema(this.options.resolve(refOf(branch)!)).properties as Schema | undefined;
    const property = own?.[found.propertyName] as Schema | undefined;
    if (property && ("enum" in property || "const" in property)) return merged;
    return mergeSchemas(merged, { properties: { [found.propertyName]: { const: value } }, required: [found.propertyName] });
  }

  /** A non-null branch when there is one (nullable fields carry data), chosen by the seed. */
  private chooseBranch(branches: unknown[]): unknown {
    const nonNull = branches.filter((b) => !(typeof b === "object" && b !== null && (b as Schema).type === "null"));
    if (nonNull.length === 0 || this.options.random.next() < 0.05) return branches[0];
    return this.options.random.pick(nonNull);
  }

  private typeOf(schema: Schema): string {
    const { type } = schema;
    if (typeof type === "string") return type;
    if (Array.isArray(type) && type.length > 0) {
      const nonNull = type.filter((t) => t !== "null");
      return String(nonNull.length > 0 ? nonNull[0] : type[0]);
    }
    if (schema.properties || schema.required || schema.additionalProperties !== undefined) return "object";
    if (schema.items || schema.prefixItems) return "array";
    if (schema.minimum !== undefined || schema.maximum !== undefined) return "number";
    return "string";
  }

  private number(schema: Schema, integer: boolean): number {
    const num = (key: string) => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);
    const step = num("multipleOf") ?? (integer ? 1 : undefined);
    let min = num("minimum") ?? (num("exclusiveMinimum") !== undefined ? num("exclusiveMinimum")! + (step ?? 0.5) : undefined);
    let max = num("maximum") ?? (num("exclusiveMaximum") !== undefined ? num("exclusiveMaximum")! - (step ?? 0.5) : undefined);
    if (schema.format === "unix-time") [min, max] = [min ?? BASE_TIME / 1000, max ?? BASE_TIME / 1000 + 86_400 * 365];
    min ??= max !== undefined ? max - 1000 : 0;
    max ??= min + 1000;
    if (max < min) return min;
    if (step) {
      const low = Math.ceil(min / step);
      const high = Math.floor(max / step);
      return high < low ? min : this.options.random.int(low, high) * step;
    }
    return Math.round((min + this.options.random.next() * (max - min)) * 100) / 100;
  }

  private array(schema: Schema, depth: number): unknown[] {
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
    const maxItems = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
    const wanted = depth > this.optionalDepth ? minItems : Math.min(maxItems, Math.max(minItems, prefix.length, 1));
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (let i = 0, tries = 0; out.length < Math.min(wanted, 1000) && tries < wanted * 4 + 4; tries++, i++) {
      const itemSchema = out.length < prefix.length ? prefix[out.length] : (schema.items ?? {});
      if (itemSchema === false) break;
      const item = this.value(itemSchema, depth + 1);
      const key = JSON.stringify(item);
      if (schema.uniqueItems === true && seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
    return out;
  }

  private object(schema: Schema, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const maxProperties = typeof schema.maxProperties === "number" ? schema.maxProperties : Infinity;
    for (const name of Object.keys(properties).sort()) {
      if (!required.has(name) && (depth >= this.optionalDepth || Object.keys(out).length >= maxProperties - required.size)) continue;
      const prop = properties[name];
      if (!required.has(name) && typeof prop === "object" && prop !== null && (prop as Schema).writeOnly === true) continue;
      defineKey(out, name, this.value(prop, depth + 1));
    }
    for (const name of [...required].sort()) {
      if (!Object.hasOwn(out, name)) defineKey(out, name, this.value(properties[name] ?? schema.additionalProperties ?? {}, depth + 1));
    }
    const minProperties = typeof schema.minProperties === "number" ? schema.minProperties : 0;
    const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
    for (let i = 0; Object.keys(out).length < minProperties && i < 100; i++) defineKey(out, `key${i}`, this.value(extra, depth + 1));
    return out;
  }

  private string(schema: Schema): string {
    const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
    const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
    let text = typeof schema.pattern === "string" ? stringForPattern(schema.pattern, this.options.random) : undefined;
    if (text === undefined) text = this.formatted(typeof schema.format === "string" ? schema.format : "");
    if ([...text].length < minLength) text = text + "x".repeat(minLength - [...text].length);
    if ([...text].length > maxLength) text = [...text].slice(0, maxLength).join("");
    return text;
  }

  private formatted(format: string): string {
    const { random } = this.options;
    const n = random.int(0, 99_999);
    const time = new Date(BASE_TIME + random.int(0, 86_400 * 365) * 1000).toISOString();
    switch (format) {
      case "date-time":
        return time.replace(/\.\d{3}Z$/, "Z");
      case "date":
        return time.slice(0, 10);
      case "time":
        return time.slice(11, 19) + "Z";
      case "email":
        return `user${n}@example.com`;
      case "uri":
      case "url":
      case "iri":
        return `https://example.com/${n}`;
      case "uri-reference":
        return `/resources/${n}`;
      case "hostname":
        return `host${n}.example.com`;
      case "ipv4":
        return `192.0.2.${n % 256}`;
      case "ipv6":
        return `2001:db8::${(n % 65_536).toString(16)}`;
      case "uuid":
        return uuid(random);
      case "byte":
        return Buffer.from(`data-${n}`).toString("base64");
      case "duration":
        return `P${(n % 30) + 1}D`;
      case "decimal":
        return `${n / 100}`;
      default:
        return `string-${n}`;
    }
  }
}

function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = "4";
  hex[16] = ((random.int(0, 3) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function asSchema(value: unknown): Schema {
  if (value === false) return { not: {} };
  return typeof value === "object" && value !== null ? (value as Schema) : {};
}

/** Merge two schemas for generation: properties and required united, the narrower bounds kept. */
export function mergeSchemas(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (!(key in out)) out[key] = value;
    else if (key === "properties") out.properties = mergeProperties(out.properties as Schema, value as Schema);
    else if (key === "required") out.required = [...new Set([...(out.required as string[]), ...(value as string[])])];
    else if (key === "minimum" || key === "minLength" || key === "minItems") out[key] = Math.max(out[key] as number, value as number);
    else if (key === "maximum" || key === "maxLength" || key === "maxItems") out[key] = Math.min(out[key] as number, value as number);
    else if (key === "type" && Array.isArray(out.type) && typeof value === "string" && out.type.includes(value)) out.type = value;
    else if (key === "type" && Array.isArray(value) && typeof out.type === "string") continue;
    else out[key] = value;
  }
  return out;
}

/** Properties of both; one declared by both must satisfy both (allOf). */
function mergeProperties(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a };
  for (const [name, schema] of Object.entries(b)) {
    defineKey(out, name, Object.hasOwn(a, name) ? { allOf: [a[name], schema] } : schema);
  }
  return out;
}

/** Own, enumerable, data: a spec's property named `__proto__` is just a key. */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The property names a schema declares at its top level (through `$ref`, `allOf` and every `anyOf`/`oneOf` branch). */
export function propertyNames(schema: unknown, resolve: ResolveRef, depth = 0): Set<string> {
  const out = new Set<string>();
  if (schema === null || typeof schema !== "object" || depth > 16) return out;
  const s = schema as Schema;
  for (const name of Object.keys((s.properties ?? {}) as Schema)) out.add(name);
  const members: unknown[] = [];
  if (typeof s.$ref === "string") members.push(resolve(s.$ref));
  for (const key of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(s[key])) members.push(...(s[key] as unknown[]));
  for (const member of members) for (const name of propertyNames(member, resolve, depth + 1)) out.add(name);
  return out;
}
