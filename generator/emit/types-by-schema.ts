import { createRequire } from "node:module";
import type { GlobalContext, OpenAPI3 } from "openapi-typescript";
import type * as TS from "typescript";
import { hashKey, type UnitCache } from "../cache/store.js";
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
  const { astToString, createRef, transformSchema, transformSchemaObject } = openapiTypescript();
  schema.components ??= {};
  const schemas = schema.components.schemas;
  const ctx = typesContext(schema);
  if (!schemas || Object.keys(ctx.discriminators.objects).length > 0) return undefined;
  const ts = createRequire(import.meta.url)("typescript") as typeof TS;
  const names = Object.keys(schemas);
  const paths = names.map((name) => createRef(["components", "schemas", name]));
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
  // A unit that uses a helper openapi-typescript adds to the document's footer (WithRequired, for an allOf
  // with `required`) would print without it: such documents are transformed whole.
  if (texts.some(usesFooterHelper)) return undefined;
  const stubs = Object.fromEntries(names.map((name) => [name, jsDocStub(schemas[name])]));
  const pathTypes = pathUnits(schema, ctx, cache, ts);
  if (pathTypes && usesFooterHelper(pathTypes.paths + pathTypes.operations)) return undefined;
  ctx.injectFooter = [];
  let printed = astToString(transformSchema({ ...schema, ...(pathTypes ? { paths: {} } : {}), components: { ...schema.components, schemas: stubs } } as OpenAPI3, ctx));
  if (pathTypes) {
    // `paths` went in empty (an alias), so no operation was injected (an alias too): both replaced by the units' members
    const parts = printed.split(EMPTY_PATHS);
    if (parts.length !== 2 || (pathTypes.operations && printed.split(EMPTY_OPERATIONS).length !== 2)) return undefined;
    printed = parts.join(pathTypes.paths ? `export interface paths {\n${pathTypes.paths}}\n` : EMPTY_PATHS);
    if (pathTypes.operations) printed = printed.replace(EMPTY_OPERATIONS, `export interface operations {\n${pathTypes.operations}}\n`);
  }
  // every schema's placeholder printed once, else (a path openapi-typescript spells otherwise) the document whole
  const seen = [...printed.matchAll(PLACEHOLDER)].map((m) => Number(m[1]));
  if (seen.length !== names.length || new Set(seen).size !== names.length) return undefined;
  return printed.replace(PLACEHOLDER, (_match, index: string, offset: number) => {
    const lineStart = printed.lastIndexOf("\n", offset) + 1;
    const indent = /^ */.exec(printed.slice(lineStart, offset))![0];
    return texts[Number(index)]!.replace(/\n/g, `\n${indent}`);
  });
}

/**
 * Whether a unit's text refers to a footer helper: with the options used here (no `enum`, no
 * `immutable`) openapi-typescript's schema transform injects only `WithRequired` (lib/ts.cjs).
 */
function usesFooterHelper(text: string | undefined): boolean {
  return text !== undefined && text.includes("WithRequired<");
}

const EMPTY_PATHS = "export type paths = Record<string, never>;\n";
const EMPTY_OPERATIONS = "export type operations = Record<string, never>;\n";

/**
 * Each path item a unit: the `paths` member it prints and the `operations` members its operations inject,
 * as printed inside their interfaces (keyed by URL and JSON, valid while the `$ref`s its transform
 * resolved are unchanged). Undefined where operations come from elsewhere too (webhooks, path item
 * components) or a path item is a `$ref`: the document's paths are then transformed with it.
 */
function pathUnits(schema: OpenAPI3, ctx: GlobalContext, cache: UnitCache, ts: typeof TS): { paths: string; operations: string } | undefined {
  const { astToString, createRef, transformPathItemObject, tsPropertyIndex } = openapiTypescript();
  const items = Object.entries(schema.paths ?? {}).filter(([, item]) => item && typeof item === "object");
  const webhooks = (schema as { webhooks?: object }).webhooks;
  if (items.length === 0 || (webhooks && Object.keys(webhooks).length > 0) || Object.keys(schema.components?.pathItems ?? {}).length > 0) return undefined;
  if (items.some(([, item]) => "$ref" in item)) return undefined;
  const members = (list: readonly TS.TypeElement[]): string => {
    const text = astToString(ts.factory.createInterfaceDeclaration(undefined, "X", undefined, undefined, list));
    return text.slice(text.indexOf("\n") + 1, text.length - "}\n".length);
  };
  const depsHash = (refs: readonly string[]): string => hashKey(...refs.flatMap((ref) => [ref, JSON.stringify(ctx.resolve(ref)) ?? "undefined"]));
  const paths: string[] = [];
  const operations: string[] = [];
  const resolve = ctx.resolve;
  for (const [url, item] of items) {
    const key = hashKey("path-type", url, JSON.stringify(item));
    const deps = JSON.parse(cache.get("path-type-deps", key) ?? "null") as SchemaTypeDeps | null;
    const path = cache.get("path-types", key);
    const ops = cache.get("path-operations", key);
    if (deps && path !== undefined && ops !== undefined && depsHash(deps.refs) === deps.hash) {
      paths.push(path);
      operations.push(ops);
      continue;
    }
    const refs = new Set<string>();
    ctx.resolve = ($ref) => (refs.add($ref), resolve($ref));
    ctx.injectFooter = [];
    const type = transformPathItemObject(item as never, { path: createRef(["paths", url]), ctx });
    ctx.resolve = resolve;
    const injected = ctx.injectFooter.find((node): node is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === "operations");
    const pathText = members([ts.factory.createPropertySignature(undefined, tsPropertyIndex(url), undefined, type)]);
    const opsText = injected ? members(injected.members) : "";
    cache.set("path-types", key, pathText);
    cache.set("path-operations", key, opsText);
    cache.set("path-type-deps", key, JSON.stringify({ refs: [...refs], hash: depsHash([...refs]) } satisfies SchemaTypeDeps));
    paths.push(pathText);
    operations.push(opsText);
  }
  return { paths: paths.join(""), operations: operations.join("") };
}

/** The fields openapi-typescript's addJSDocComment reads of a schema (the rest of its type comes from the cache). */
function jsDocStub(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const kept = ["title", "summary", "format", "deprecated", "description", "default", "example", "examples", "const", "enum", "type", "nullable"];
  return Object.fromEntries(Object.entries(schema).filter(([key]) => kept.includes(key)));
}
