import { createRequire } from "node:module";
import type { GlobalContext, OpenAPI3, OpenAPITSOptions } from "openapi-typescript";
import type { ApiModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import { identifier, stringLiteral } from "../render/escape.js";
import { hashKey, NO_CACHE, type UnitCache } from "../cache/store.js";
import { typesBySchema } from "./types-by-schema.js";
import { typesInThread } from "./types-thread.js";

/**
 * types.ts: openapi-typescript's output for the normalised document, followed by one
 * friendly alias per component schema and per operation part (parameters, body, responses).
 */
export async function emitTypes(root: Record<string, unknown>, api: ApiModel, names: TypeNamePlan, cache: UnitCache = NO_CACHE): Promise<string> {
  const renamed = new Map<string, string>();
  qualifyMappings(root);
  const input = maskPrototypeNames(withOperationIds(root, api), renamed) as unknown as OpenAPI3;
  // openapi-typescript's text depends on nothing but its input (options are fixed): keyed by it
  const json = JSON.stringify(input);
  const key = hashKey("types", json);
  let text = cache.get("types", key);
  // else each component schema's type is a unit of its own: a one-schema change prints one schema again;
  // in a worker thread when there is one, while the caller goes on (the validators compile meanwhile)
  if (text === undefined) cache.set("types", key, (text = await typesInThread(json, cache)));
  return `${unmaskPrototypeNames(text, renamed)}\n${aliases(api, names).join("\n")}\n`;
}

/** openapi-typescript's text for the document `json`, each component schema and path item a unit of `cache`. */
export async function typesText(json: string, cache: UnitCache): Promise<string> {
  return typesBySchema(JSON.parse(json) as OpenAPI3, cache, json) ?? (await typesOf(JSON.parse(json) as OpenAPI3));
}

type OpenapiTypescript = typeof import("openapi-typescript");

/**
 * openapi-typescript's transform, printer and helpers, from its CommonJS build, loaded on use. Node 20
 * imports a CommonJS package from ESM slowly: it first looks for module syntax in the source and then
 * lexes it for named exports, which for TypeScript's 9 MB (imported by openapi-typescript) costs 0.5 s
 * on top of the 0.3 s `require` takes. Its ESM index would also load all of @redocly/openapi-core for the
 * parse, lint and bundle skipped here.
 */
export function openapiTypescript(): OpenapiTypescriptParts {
  return (loaded ??= loadParts());
}

type OpenapiTypescriptParts = Pick<OpenapiTypescript, "astToString" | "resolveRef" | "scanDiscriminators" | "transformSchema" | "transformSchemaObject" | "transformPathItemObject" | "tsPropertyIndex" | "createRef">;
let loaded: OpenapiTypescriptParts | undefined;

/**
 * The transform modules alone (its `exports` map opens `dist/`): the index also loads all of
 * @redocly/openapi-core (0.4 s) for the parse, lint and bundle not used here. Falls back to the
 * index if a later version moves them.
 */
function loadParts(): OpenapiTypescriptParts {
  const require = createRequire(import.meta.url);
  try {
    const utils = require("openapi-typescript/dist/lib/utils.cjs") as Pick<OpenapiTypescript, "resolveRef" | "scanDiscriminators" | "createRef">;
    const ts = require("openapi-typescript/dist/lib/ts.cjs") as Pick<OpenapiTypescript, "astToString" | "tsPropertyIndex">;
    const parts: OpenapiTypescriptParts = {
      astToString: ts.astToString,
      tsPropertyIndex: ts.tsPropertyIndex,
      resolveRef: utils.resolveRef,
      scanDiscriminators: utils.scanDiscriminators,
      createRef: utils.createRef,
      transformSchema: require("openapi-typescript/dist/transform/index.cjs") as OpenapiTypescript["transformSchema"],
      transformSchemaObject: (require("openapi-typescript/dist/transform/schema-object.cjs") as { default: OpenapiTypescript["transformSchemaObject"] }).default,
      transformPathItemObject: require("openapi-typescript/dist/transform/path-item-object.cjs") as OpenapiTypescript["transformPathItemObject"],
    };
    if (Object.values(parts).every((part) => typeof part === "function")) return parts;
  } catch {
    // a layout other than openapi-typescript 7's: the index has everything
  }
  return require("openapi-typescript") as OpenapiTypescript;
}

/**
 * The types as openapi-typescript's `openapiTS()` prints them, without its first half: it would parse the document again with
 * Redocly, lint it and bundle it (3.6 s of GitHub's description), all of which the load and check
 * stages did already; the normalised document has local `$ref`s only. The context is openapiTS's
 * own, with its defaults (openapi-typescript 7). `schema` is a fresh copy: the transform patches
 * discriminator enums into it.
 */
export async function typesOf(schema: OpenAPI3): Promise<string> {
  // loaded on use (it loads TypeScript: seconds), so a run that stops at a diagnostic never pays for it
  const { astToString, transformSchema } = openapiTypescript();
  // Redocly's bundle adds an empty `components`: openapi-typescript then prints each of its sections as `never`
  schema.components ??= {};
  return astToString(transformSchema(schema, typesContext(schema)));
}

/** openapiTS()'s context for `schema` (openapi-typescript 7's defaults), `$ref`s resolved in `schema`. */
export function typesContext(schema: OpenAPI3): GlobalContext {
  const { resolveRef, scanDiscriminators } = openapiTypescript();
  const options: OpenAPITSOptions = { silent: true, alphabetize: false, additionalProperties: false };
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(schema, options),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // read only by the Redocly steps skipped here
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent: true,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(schema, $ref, { silent: true }),
  };
}

/**
 * openapi-typescript's resolver looks map keys up in plain objects, so a property or schema named
 * `hasOwnProperty`, `constructor` or `__proto__` crashes it or vanishes. Such keys go in under a
 * placeholder (an identifier no spec uses) and are restored in the printed text.
 */
function maskPrototypeNames(node: unknown, renamed: Map<string, string>): unknown {
  if (node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map((v) => maskPrototypeNames(v, renamed));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    let name = key;
    if (key in Object.prototype) name = mask(key, renamed);
    const masked = key === "required" && Array.isArray(value) ? value.map((v) => (typeof v === "string" && v in Object.prototype ? mask(v, renamed) : v)) : maskPrototypeNames(value, renamed);
    out[name] = masked;
  }
  return out;
}

function mask(key: string, renamed: Map<string, string>): string {
  const name = `SC_PROTO_NAME_${key}_`;
  renamed.set(name, key);
  return name;
}

function unmaskPrototypeNames(text: string, renamed: Map<string, string>): string {
  if (renamed.size === 0) return text;
  return text.replace(/SC_PROTO_NAME_([A-Za-z0-9_$]+?)_(?![A-Za-z0-9_$])/g, (match) => renamed.get(match) ?? match);
}

/**
 * A discriminator mapping value may name a component schema (`Dog`) instead of a `$ref`
 * (`#/components/schemas/Dog`); openapi-typescript resolves only the second. Rewrite the first in place.
 */
function qualifyMappings(root: Record<string, unknown>): void {
  const schemas = (root.components as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const mapping = (record.discriminator as { mapping?: unknown } | undefined)?.mapping;
    if (mapping !== null && typeof mapping === "object") {
      for (const [key, value] of Object.entries(mapping as Record<string, unknown>)) {
        if (typeof value === "string" && !value.includes("/") && Object.hasOwn(schemas, value)) {
          (mapping as Record<string, unknown>)[key] = `#/components/schemas/${value.replace(/~/g, "~0")}`;
        }
      }
    }
    for (const value of Object.values(record)) walk(value);
  };
  walk(root);
}

/** Every operation gets its model operationId so `operations[...]` holds them all. */
function withOperationIds(root: Record<string, unknown>, api: ApiModel): Record<string, unknown> {
  const paths = { ...(root.paths as Record<string, Record<string, unknown>>) };
  for (const op of api.operations) {
    const item = { ...paths[op.path] };
    item[op.method] = { ...(item[op.method] as Record<string, unknown>), operationId: op.operationId };
    paths[op.path] = item;
  }
  return { ...root, paths };
}

function aliases(api: ApiModel, names: TypeNamePlan): string[] {
  const lines: string[] = [];
  for (const [schema, alias] of names.schemas) lines.push(`export type ${identifier(alias)} = components["schemas"][${q(schema)}];`);
  for (const op of api.operations) {
    const plan = names.operations.get(op.operationId)!;
    // openapi-typescript keys `operations` by operationId with `#` turned into `/` (Box's `put_files_id#add_shared_link`)
    const base = `operations[${q(op.operationId.replace(/#/g, "/"))}]`;
    for (const [location, alias] of Object.entries(plan.parameters)) {
      lines.push(`export type ${identifier(alias)} = NonNullable<${base}["parameters"][${q(location)}]>;`);
    }
    for (const [media, alias] of plan.body) {
      lines.push(`export type ${identifier(alias)} = NonNullable<${base}["requestBody"]>["content"][${q(media)}];`);
    }
    for (const [status, byMedia] of plan.responses) {
      for (const [media, alias] of byMedia) {
        lines.push(`export type ${identifier(alias)} = ${base}["responses"][${q(status)}]["content"][${q(media)}];`);
      }
    }
  }
  return lines;
}

const q = (value: string): string => stringLiteral(value);
