import { resolve } from "node:path";
import type { ValidateFunction } from "ajv";
import { formatDiagnostic, hasErrors } from "../document/diagnostics.js";
import { getAtPointer } from "../document/pointer.js";
import { loadSourceFile } from "../document/load.js";
import { DEFAULT_LIMITS } from "../document/limits.js";
import { operationSpec } from "../generator/emit/server.js";
import { buildApi } from "../generator/model/build-api.js";
import type { ApiModel } from "../generator/model/types.js";
import { planTypeNames } from "../generator/model/type-names.js";
import { createAjv } from "../generator/schema/compile.js";
import { buildSchemaRegistry, type ValidatorModule, type ValidatorSpec } from "../generator/schema/registry.js";
import { createContext } from "../generator/stages/context.js";
import { findSchemaFacts } from "../generator/check/schema-facts.js";
import { loadStage } from "../generator/stages/load.js";
import { displayPath } from "../document/display-path.js";
import type { ApiDefinition } from "../runtime/server/types.js";
import { collectDiscriminators, type Discriminator } from "./discriminators.js";

/** Everything the mock knows about one document, built in memory (nothing written). */
export interface MockSpec {
  /** the normalised document (local `#/…` refs) */
  root: Record<string, unknown>;
  model: ApiModel;
  /** what the runtime's createRoutes needs; validators compile on first use */
  definition: ApiDefinition;
  /** converted (JSON Schema 2020-12) schema of a response or body, by operation */
  schemas: Map<string, { responses: Map<string, Map<string, unknown>>; bodies: Map<string, unknown> }>;
  /** resolves a converted schema's `$ref` (`spec-contract:schemas/<key>#/…`) */
  resolveRef(ref: string): unknown;
  /** discriminators by their branches (the conversion drops the keyword) */
  discriminators: Map<string, Discriminator>;
  /** the schema at a pointer of the document, converted like every other (response headers) */
  convertAt(pointer: string): Record<string, unknown>;
}

/**
 * Load a document and build the model, the converted schemas and lazily compiled validators with the
 * generator's own stages. Compiling validators for every operation of a big document takes seconds;
 * compiling each operation's on its first request keeps start-up to parsing and conversion.
 */
export function loadMockSpec(spec: string, options: { cwd: string; model?: ApiModel }): MockSpec {
  const absolute = resolve(options.cwd, spec);
  const file = displayPath(options.cwd, spec);
  const parsed = loadSourceFile(absolute, file, DEFAULT_LIMITS);
  if (!parsed.doc) throw new Error(parsed.diagnostics.map(formatDiagnostic).join("\n"));
  const ctx = createContext({ file, absolute, cwd: options.cwd, doc: parsed.doc, allowFormats: [], limits: DEFAULT_LIMITS, strict: false });
  // A document whose every $ref is a local pointer needs no normalising (the slow part of loading).
  const root = onlyLocalRefs(parsed.doc.text) && isOpenApi3(parsed.doc.root) ? (parsed.doc.root as Record<string, unknown>) : loadStage(ctx);
  const fail = () => new Error(ctx.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n"));
  if (!root || hasErrors(ctx.diagnostics)) throw fail();
  const model =
    options.model ??
    buildApi(root, {
      warn: (code, pointer, message) => ctx.report(code, "warning", pointer, message),
      error: (code, pointer, message) => ctx.report(code, "error", pointer, message),
    });
  if (hasErrors(ctx.diagnostics)) throw fail();
  // formats no validator knows validate as their type (as generate does: ajv accepts any value for them)
  const formats = findSchemaFacts(root, []).unknownFormats.map((f) => f.format);
  const registry = buildSchemaRegistry({ root, api: model, names: planTypeNames(model), report: () => {} });
  const resources = new Map(registry.resources.map((r) => [r.$id as string, r] as const));
  const lazy = createLazyCompiler(registry.resources, formats);
  const definition: ApiDefinition = {
    title: model.title,
    version: model.version,
    operations: model.operations.map((op) => operationSpec(op, root)),
    securitySchemes: model.securitySchemes,
    validators: {},
    defPointers: registry.defPointers,
  };
  const schemas: MockSpec["schemas"] = new Map(model.operations.map((op) => [op.operationId, { responses: new Map(), bodies: new Map() }]));
  for (const v of registry.validators) addValidator(v, { definition, schemas, lazy });
  return {
    root,
    model,
    definition,
    schemas,
    discriminators: parsed.doc.text.includes("discriminator") ? collectDiscriminators(root) : new Map(),
    convertAt: (pointer) => registry.convertAt(pointer),
    resolveRef: (ref) => {
      const [id = "", fragment = ""] = ref.split("#");
      const resource = resources.get(id);
      return fragment === "" ? resource : getAtPointer(resource, `#${fragment}`);
    },
  };
}

type LazyCompiler = (module: ValidatorModule, spec: ValidatorSpec) => ValidateFunction;

function addValidator(v: ValidatorSpec, into: { definition: ApiDefinition; schemas: MockSpec["schemas"]; lazy: LazyCompiler }): void {
  const { target } = v;
  if (target.kind === "schema") return;
  const validators = (into.definition.validators[target.operationId] ??= { parameters: {}, body: {}, responses: {} });
  const schemas = into.schemas.get(target.operationId)!;
  if (target.kind === "parameters") validators.parameters[target.location] = into.lazy(v.module, v);
  else if (target.kind === "body") {
    validators.body[target.mediaType] = into.lazy(v.module, v);
    schemas.bodies.set(target.mediaType, v.schema);
  } else {
    (validators.responses[target.status] ??= {})[target.mediaType] = into.lazy(v.module, v);
    const byMedia = schemas.responses.get(target.status) ?? new Map<string, unknown>();
    byMedia.set(target.mediaType, v.schema);
    schemas.responses.set(target.status, byMedia);
  }
}

/** One ajv per module, holding every resource; each validator compiles when first called. */
function createLazyCompiler(resources: Record<string, unknown>[], formats: string[]): LazyCompiler {
  const instances = new Map<ValidatorModule, ReturnType<typeof createAjv>>();
  const ajvFor = (module: ValidatorModule) => {
    let ajv = instances.get(module);
    if (!ajv) {
      ajv = createAjv(module, formats);
      // the resources came out of our own conversion: skip validating them against the meta-schema
      ajv.addSchema(resources, undefined, undefined, false);
      instances.set(module, ajv);
    }
    return ajv;
  };
  let counter = 0;
  return (module, spec) => {
    let compiled: ValidateFunction | undefined;
    const key = `mock-${module}-${counter++}`;
    const validate = ((data: unknown) => {
      compiled ??= ajvFor(module).compile({ ...spec.schema, $id: `spec-contract:mock/${key}` });
      const ok = compiled(data);
      validate.errors = compiled.errors;
      return ok;
    }) as ValidateFunction;
    validate.errors = null;
    return validate;
  };
}

const REF_VALUE = /"\$ref"\s*:\s*"(?!#\/)|\$ref['"]?\s*:\s*['"]?(?!['"]?#\/)[^\s'"]|"\$(id|anchor|dynamicRef)"|\$(id|anchor|dynamicRef)\s*:/;

function onlyLocalRefs(text: string): boolean {
  return !REF_VALUE.test(text);
}

function isOpenApi3(root: unknown): boolean {
  const version = (root as { openapi?: unknown } | null)?.openapi;
  return typeof version === "string" && /^3\.[01]\.\d+/.test(version);
}
