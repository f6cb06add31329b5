import { createRequire } from "node:module";
import type { OpenAPI3 } from "openapi-typescript";
import type * as TS from "typescript";
import { hashKey, type UnitCache } from "../cache/store.js";
import { escapeSegment } from "../../document/pointer.js";
import { openapiTypescript, typesContext } from "./types.js";

/** What the cache keeps of one component schema's type besides its text: the `$ref`s its transform resolved, and their hash. */
interface SchemaTypeDeps {
  refs: string[];
  hash: string;
}

/** A name no spec uses, printed where a component schema's type goes and replaced by its text. */
const PLACEHOLDER = /SC_SCHEMA_TYPE_(\d+)_/g;
const placeholder = (index: number): string => `SC_SCHEMA_TYPE_${index}_`;

/**
 * openapi-typescript's text for `schema` (typesOf's, byte for byte), with the type of each component
 * schema a cache unit of its own: a schema whose text is cached (keyed by its name and JSON, and valid
 * while the `$ref` targets its transform resolved are unchanged) is not transformed again; the rest of
 * the document is. The document is printed with a placeholder in place of every schema's type and each
 * placeholder replaced by that type's text, printed alone and indented to where it stands.
 * `json` is the document's JSON text. A document with discriminators is printed whole: their transform carries state from one schema to
 * the next (openapi-typescript's `refsHandled`).
 */
export function typesBySchema(schema: OpenAPI3, cache: UnitCache, json = JSON.stringify(schema)): string | undefined {
  // before the context: scanning discriminators patches the document
  if (json.includes('"discriminator"')) return undefined;
  const { astToString, transformSchema, transformSchemaObject } = openapiTypescript();
  schema.components ??= {};
  const schemas = schema.components.schemas;
  const ctx = typesContext(schema);
  if (!schemas || Object.keys(ctx.discriminators.objects).length > 0) return undefined;
  const ts = createRequire(import.meta.url)("typescript") as typeof TS;
  const names = Object.keys(schemas);
  const paths = names.map((name) => `#/components/schemas/${escapeSegment(name)}`);
  const memberPaths = new Map<string, number>(paths.map((path, i) => [path, i] as const));
  const keys = names.map((name) => hashKey("schema-type", name, JSON.stringify(schemas[name])));
  const depsHash = (refs: readonly string[]): string => hashKey(...refs.flatMap((ref) => [ref, JSON.stringify(ctx.resolve(ref)) ?? "undefined"]));
  const texts = names.map((_, i) => {
    const text = cache.get("schema-types", keys[i]!);
    const deps = text === undefined ? undefined : (JSON.parse(cache.get("schema-type-deps", keys[i]!) ?? "null") as SchemaTypeDeps | null);
    return deps && depsHash(deps.refs) === deps.hash ? text : undefined;
  });
  // each schema not in the cache transformed as the components transform does, noting the $refs it resolves
  const resolve = ctx.resolve;
  for (const [i, name] of names.entries()) {
    if (texts[i] !== undefined) continue;
    const refs = new Set<string>();
    ctx.resolve = ($ref) => (refs.add($ref), resolve($ref));
    const item = schemas[name]!;
    const type = transformSchemaObject(item, { path: paths[i]!, schema: item, ctx });
    ctx.resolve = resolve;
    const alias = astToString(ts.factory.createTypeAliasDeclaration(undefined, "T", undefined, type));
    const text = (texts[i] = alias.slice("type T = ".length, alias.length - ";\n".length));
    cache.set("schema-types", keys[i]!, text);
    cache.set("schema-type-deps", keys[i]!, JSON.stringify({ refs: [...refs], hash: depsHash([...refs]) } satisfies SchemaTypeDeps));
  }
  // The document with every schema a stub holding what its JSDoc comment reads (the components transform
  // prints the comment), its type replaced by a placeholder: the components transform calls `transform`
  // for a schema after the schema's own transform ran (postTransform); a stub's `type` calls it before.
  const transformed = new Set<number>();
  ctx.postTransform = (_type, options) => {
    const index = memberPaths.get(options.path ?? "");
    if (index !== undefined) transformed.add(index);
    return undefined;
  };
  ctx.transform = (_item, options) => {
    const index = memberPaths.get(options.path ?? "");
    return index !== undefined && transformed.has(index) ? ts.factory.createTypeReferenceNode(placeholder(index)) : undefined;
  };
  const stubs = Object.fromEntries(names.map((name) => [name, jsDocStub(schemas[name])]));
  const printed = astToString(transformSchema({ ...schema, components: { ...schema.components, schemas: stubs } } as OpenAPI3, ctx));
  // every schema's placeholder printed once, else (a path openapi-typescript spells otherwise) the document whole
  const seen = [...printed.matchAll(PLACEHOLDER)].map((m) => Number(m[1]));
  if (seen.length !== names.length || new Set(seen).size !== names.length) return undefined;
  return printed.replace(PLACEHOLDER, (_match, index: string, offset: number) => {
    const lineStart = printed.lastIndexOf("\n", offset) + 1;
    const indent = /^ */.exec(printed.slice(lineStart, offset))![0];
    return texts[Number(index)]!.replace(/\n/g, `\n${indent}`);
  });
}

/** The fields openapi-typescript's addJSDocComment reads of a schema (the rest of its type comes from the cache). */
function jsDocStub(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const kept = ["title", "summary", "format", "deprecated", "description", "default", "example", "examples", "const", "enum", "type", "nullable"];
  return Object.fromEntries(Object.entries(schema).filter(([key]) => kept.includes(key)));
}
