import { createRequire } from "node:module";
import { Ajv2020, _ } from "ajv/dist/2020.js";
import type { ValidateFunction, Plugin } from "ajv";
import { standaloneEsm } from "./standalone.js";
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
  validators: Map<string, ValidateFunction>;
}

export interface CompileFailure {
  spec: ValidatorSpec;
  message: string;
}

/** Create one ajv per module, add the shared `$defs` and compile each validator, collecting failures. */
export function compileRegistry(
  registry: SchemaRegistry,
  extraFormats: readonly string[],
): { modules: CompiledModule[]; failures: CompileFailure[] } {
  const ownProperties = usesPrototypeNames(registry);
  const failures: CompileFailure[] = [];
  const modules: CompiledModule[] = [];
  for (const module of Object.keys(MODULE_OPTIONS).sort() as ValidatorModule[]) {
    const specs = registry.validators.filter((v) => v.module === module);
    const ajv = createAjv(module, extraFormats, { ownProperties });
    addResources(ajv, registry, module === "response" ? failures : []);
    const validators = new Map<string, ValidateFunction>();
    for (const spec of [...specs].sort((a, b) => a.id.localeCompare(b.id))) {
      try {
        ajv.addSchema(spec.schema, spec.id);
        const fn = ajv.getSchema(spec.id);
        if (fn) validators.set(spec.id, fn);
      } catch (error) {
        // A schema ajv cannot compile: its validator accepts any value, so the output stays whole (SC009).
        ajv.removeSchema(spec.id);
        failures.push({ spec, message: (error as Error).message.split("\n")[0]! });
        ajv.addSchema({}, spec.id);
        validators.set(spec.id, ajv.getSchema(spec.id)!);
      }
    }
    modules.push({ module, ajv, validators });
  }
  return { modules, failures };
}

/** Every shared resource; one ajv refuses (not a valid schema) is replaced by an empty one of the same `$id`. */
function addResources(ajv: AjvInstance, registry: SchemaRegistry, failures: CompileFailure[]): void {
  for (const resource of registry.resources) {
    try {
      ajv.addSchema(resource);
    } catch (error) {
      const id = String(resource.$id);
      ajv.removeSchema(id);
      ajv.addSchema({ $id: id });
      const key = decodeURIComponent(id.slice(id.lastIndexOf("/") + 1));
      const pointer = registry.defPointers[key] ?? "#";
      failures.push({ spec: { id, module: "response", schema: resource, pointer, target: { kind: "schema", name: key } }, message: (error as Error).message.split("\n")[0]! });
    }
  }
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

/** Standalone ESM source for one compiled module; exports named by validator id. */
export function emitStandalone(compiled: CompiledModule): string {
  const mapping: Record<string, string> = {};
  for (const id of [...compiled.validators.keys()].sort()) mapping[id] = id;
  if (Object.keys(mapping).length === 0) return "export {};\n";
  return standaloneEsm(compiled.ajv, mapping);
}

/** Whether any schema names a property (in `properties` or `required`) like a member of Object.prototype. */
function usesPrototypeNames(registry: SchemaRegistry): boolean {
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
    stack.push(...Object.values(node));
  }
  return false;
}
