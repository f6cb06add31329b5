import { createRequire } from "node:module";
import { Ajv2020, _ } from "ajv/dist/2020.js";
import type { ValidateFunction, Plugin } from "ajv";
import { standaloneEsm } from "./standalone.js";
import { pruneSchemaConstants } from "./prune-constants.js";
import { functionGraph, standaloneChunks } from "./chunks.js";
import type { SchemaRegistry, ValidatorModule, ValidatorSpec } from "./registry.js";

// ajv-formats is a CommonJS module whose export is a function.
const require = createRequire(import.meta.url);
const addFormats = require("ajv-formats") as Plugin<unknown>;

type AjvInstance = Ajv2020;

export const MODULE_OPTIONS: Record<ValidatorModule, { allErrors: boolean; coerceTypes: false | "array" }> = {
  // form bodies and parameters arrive as strings: coerced, first error only (denial of service)
  request: { allErrors: false, coerceTypes: "array" },
  // JSON request bodies: never coerced, first error only
  "request-json": { allErrors: false, coerceTypes: false },
  // responses and component schemas: every error, for reports
  response: { allErrors: true, coerceTypes: false },
};

export interface CompiledModule {
  module: ValidatorModule;
  ajv: AjvInstance;
  /** every validator id of the module → its function (validators of identical schemas share one) */
  validators: Map<string, ValidateFunction>;
  /** every validator id → the key its function has in `ajv` (its own id, a twin's, or a resource's `$id`) */
  keys: Map<string, string>;
}

export interface CompileFailure {
  spec: ValidatorSpec;
  message: string;
}

/**
 * Create one ajv per module, add the shared resources and compile each distinct validator schema once,
 * collecting failures (compileModule for each module in turn; the first checks the resources).
 */
export function compileRegistry(
  registry: SchemaRegistry,
  extraFormats: readonly string[],
): { modules: CompiledModule[]; failures: CompileFailure[] } {
  const ownProperties = usesPrototypeNames(registry);
  const failures: CompileFailure[] = [];
  const modules: CompiledModule[] = [];
  let refused: ReadonlySet<string> | undefined;
  for (const module of VALIDATOR_MODULES) {
    const compiled = compileModule(registry, module, extraFormats, { ownProperties, refused });
    if (compiled.check) {
      refused = compiled.check.refused;
      failures.push(...compiled.check.failures);
    }
    failures.push(...compiled.failures);
    modules.push(compiled.compiled);
  }
  return { modules, failures };
}

/** The modules in the order they are compiled and printed. */
export const VALIDATOR_MODULES = Object.keys(MODULE_OPTIONS).sort() as ValidatorModule[];

/**
 * One module's ajv: the shared resources, then each distinct validator schema of the module compiled
 * once. Real documents repeat themselves: on GitHub's description 3,883 response validators have 1,454
 * distinct schemas, 3,343 of them a bare `$ref` to a component, and 1,471 parameter validators have
 * 318. A bare `$ref` to a resource is that resource's own function; a schema seen before is the function
 * compiled for its first validator (ids sorted, so the choice is stable). Without `refused` (the `$id`s
 * of resources a meta-schema check refused), this ajv checks the resources and reports them first.
 */
export function compileModule(
  registry: SchemaRegistry,
  module: ValidatorModule,
  extraFormats: readonly string[],
  options: { ownProperties: boolean; refused?: ReadonlySet<string> | undefined },
): { compiled: CompiledModule; failures: CompileFailure[]; check?: { refused: ReadonlySet<string>; failures: CompileFailure[] } } {
  const failures: CompileFailure[] = [];
  let check: { refused: ReadonlySet<string>; failures: CompileFailure[] } | undefined;
  const resourceIds = new Set(registry.resources.map((r) => String(r.$id)));
  const specs = registry.validators.filter((v) => v.module === module);
  const ajv = createAjv(module, extraFormats, { ownProperties: options.ownProperties });
  let refused = options.refused;
  if (refused) addResources(ajv, registry, refused);
  else {
    const resourceFailures: CompileFailure[] = [];
    refused = addCheckedResources(ajv, registry, resourceFailures);
    check = { refused, failures: resourceFailures };
  }
  const validators = new Map<string, ValidateFunction>();
  const keys = new Map<string, string>();
  const bySchema = new Map<string, { key: string; failure?: string }>();
  for (const spec of [...specs].sort((a, b) => a.id.localeCompare(b.id))) {
    const ref = bareRef(spec.schema);
    const text = ref === undefined ? JSON.stringify(spec.schema) : undefined;
    const twin = ref !== undefined && resourceIds.has(ref) ? { key: ref } : bySchema.get(text ?? "");
    if (twin) {
      const fn = tryGetSchema(ajv, twin.key);
      if (fn) {
        validators.set(spec.id, fn);
        keys.set(spec.id, twin.key);
        if (twin.failure) failures.push({ spec, message: twin.failure });
        continue;
      }
    }
    const failure = compileOne(ajv, spec);
    if (failure) failures.push({ spec, message: failure });
    validators.set(spec.id, ajv.getSchema(spec.id)!);
    keys.set(spec.id, spec.id);
    if (text !== undefined) bySchema.set(text, { key: spec.id, failure });
  }
  return { compiled: { module, ajv, validators, keys }, failures, ...(check ? { check } : {}) };
}

/**
 * The `$id`s of the resources an ajv meta-schema check refuses, and their failures, as the first
 * module's ajv reports them (for a run whose modules all come from the cache but one).
 */
export function checkResources(registry: SchemaRegistry, extraFormats: readonly string[]): { refused: ReadonlySet<string>; failures: CompileFailure[] } {
  const failures: CompileFailure[] = [];
  const ajv = createAjv(VALIDATOR_MODULES[0]!, extraFormats, { ownProperties: usesPrototypeNames(registry) });
  const refused = addCheckedResources(ajv, registry, failures);
  return { refused, failures };
}

/** One validator compiled on its own in a module's ajv (examples checked on a run whose module came from the cache). */
export function compileOneValidator(ajv: AjvInstance, spec: ValidatorSpec): ValidateFunction {
  compileOne(ajv, spec);
  return ajv.getSchema(spec.id)!;
}

/** The compiled function for a key, or undefined when ajv cannot compile it (the caller reports that). */
function tryGetSchema(ajv: AjvInstance, key: string): ValidateFunction | undefined {
  try {
    return ajv.getSchema(key);
  } catch {
    return undefined;
  }
}

/** The target of a schema that is only `{ $ref }`. */
function bareRef(schema: Record<string, unknown>): string | undefined {
  const keys = Object.keys(schema);
  return keys.length === 1 && keys[0] === "$ref" && typeof schema.$ref === "string" ? schema.$ref : undefined;
}

/**
 * Compile one validator under its id. A schema ajv cannot compile gets a validator that accepts any
 * value, so the output stays whole (SC009): the message is returned.
 */
function compileOne(ajv: AjvInstance, spec: ValidatorSpec): string | undefined {
  try {
    ajv.addSchema(spec.schema, spec.id);
    if (ajv.getSchema(spec.id)) return undefined;
    throw new Error(`no validator for ${spec.id}`);
  } catch (error) {
    ajv.removeSchema(spec.id);
    ajv.addSchema({}, spec.id);
    return (error as Error).message.split("\n")[0]!;
  }
}

/**
 * Every shared resource, checked against the meta-schema; one ajv refuses (not a valid schema) is
 * replaced by an empty one of the same `$id`. Returns the `$id`s refused.
 */
function addCheckedResources(ajv: AjvInstance, registry: SchemaRegistry, failures: CompileFailure[]): Set<string> {
  const refused = new Set<string>();
  for (const resource of registry.resources) {
    try {
      ajv.addSchema(resource);
    } catch (error) {
      const id = String(resource.$id);
      refused.add(id);
      ajv.removeSchema(id);
      ajv.addSchema({ $id: id });
      const key = decodeURIComponent(id.slice(id.lastIndexOf("/") + 1));
      const pointer = registry.defPointers[key] ?? registry.sharedPointers[key] ?? "#";
      failures.push({ spec: { id, module: "response", schema: resource, pointer, target: { kind: "schema", name: key } }, message: (error as Error).message.split("\n")[0]! });
    }
  }
  return refused;
}

/** The same resources in another module's ajv, without checking them again; those refused are empty. */
function addResources(ajv: AjvInstance, registry: SchemaRegistry, refused: ReadonlySet<string>): void {
  for (const resource of registry.resources) {
    const id = String(resource.$id);
    ajv.addSchema(refused.has(id) ? { $id: id } : resource, undefined, undefined, false);
  }
}

/** An ajv for one module with every resource added (those refused empty), nothing compiled yet. */
export function moduleAjv(registry: SchemaRegistry, module: ValidatorModule, extraFormats: readonly string[], refused: ReadonlySet<string>): AjvInstance {
  const ajv = createAjv(module, extraFormats, { ownProperties: usesPrototypeNames(registry) });
  addResources(ajv, registry, refused);
  return ajv;
}

export function createAjv(module: ValidatorModule, extraFormats: readonly string[], extra: { ownProperties?: boolean } = {}): AjvInstance {
  const options = MODULE_OPTIONS[module];
  const ajv = new Ajv2020({
    // Checks own properties only (`required: [constructor]` must not be met by Object.prototype);
    // on only where a spec names a property like a prototype member, so other output is unchanged.
    ...(extra.ownProperties ? { ownProperties: true } : {}),
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    allErrors: options.allErrors,
    coerceTypes: options.coerceTypes,
    validateFormats: true,
    logger: false,
    inlineRefs: false,
    code: { source: true, esm: true, lines: true, optimize: false, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv, undefined);
  for (const name of [...extraFormats].sort()) ajv.addFormat(name, true);
  return ajv;
}

/** Standalone ESM source for one compiled module; exports named by validator id; schema constants cut to what the code reads. */
export function emitStandalone(compiled: CompiledModule): string {
  const mapping = exportMapping(compiled);
  if (Object.keys(mapping).length === 0) return "export {};\n";
  return pruneSchemaConstants(standaloneEsm(compiled.ajv, mapping));
}

/**
 * A module whose functions print to more than this many characters is split into chunks that load
 * apart (schema/chunks.ts): Stripe's full description (request 11 MB, response 7 MB). Below it, one file.
 */
export const CHUNK_ABOVE_CHARS = 1_000_000;

/** One module's printed source. */
export interface ModuleSource {
  module: ValidatorModule;
  /** path under validators/ → source: `<module>.ts`, or chunks `<module>/<hash>.ts` */
  files: Map<string, string>;
  /** validator id → the file (under validators/) that exports it */
  exportedFrom: Map<string, string>;
}

/**
 * The module's source: one file (`emitStandalone`), or, above `chunkAbove` characters, chunks by the
 * set of operations that reach each function (`groupOf`: a validator id's operation, undefined for
 * a component schema's own validator).
 */
export function emitModuleSource(compiled: CompiledModule, groupOf: (id: string) => string | undefined, chunkAbove: number): ModuleSource {
  const { module } = compiled;
  const mapping = exportMapping(compiled);
  const single = (): ModuleSource => singleFileSource(module, emitStandalone(compiled), Object.keys(mapping));
  if (Object.keys(mapping).length === 0) return single();
  const graph = functionGraph(compiled.ajv, mapping);
  if (graph.size <= chunkAbove) return single();
  const chunked = standaloneChunks(graph, (id) => {
    const group = groupOf(id);
    return group === undefined ? [] : [group];
  });
  return {
    module,
    files: new Map([...chunked.chunks].map(([file, text]) => [`${module}/${file}`, text])),
    exportedFrom: new Map([...chunked.exportedFrom].map(([id, file]) => [id, `${module}/${file}`])),
  };
}

/** A module printed as one file, `<module>.ts`, exporting every validator id in `ids`. */
export function singleFileSource(module: ValidatorModule, text: string, ids: Iterable<string>): ModuleSource {
  return { module, files: new Map([[`${module}.ts`, text]]), exportedFrom: new Map([...ids].map((id) => [id, `${module}.ts`])) };
}

function exportMapping(compiled: CompiledModule): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const id of [...compiled.keys.keys()].sort()) mapping[id] = compiled.keys.get(id)!;
  return mapping;
}

/** Whether any schema names a property (in `properties` or `required`) like a member of Object.prototype. */
export function usesPrototypeNames(registry: SchemaRegistry): boolean {
  const prototypeName = (name: unknown): boolean => typeof name === "string" && name in Object.prototype;
  const stack: unknown[] = [...registry.resources, ...registry.validators.map((v) => v.schema)];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (!Array.isArray(node)) {
      const record = node as Record<string, unknown>;
      if (Array.isArray(record.required) && record.required.some(prototypeName)) return true;
      for (const key of ["properties", "patternProperties"]) {
        const map = record[key];
        if (map && typeof map === "object" && Object.keys(map).some((k) => prototypeName(k) || k === "^__proto__$")) return true;
      }
    }
    // one at a time: a spread of a 300,000-value `enum` would overflow the call stack
    for (const value of Object.values(node)) stack.push(value);
  }
  return false;
}
