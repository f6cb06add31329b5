import type { ValidateFunction } from "ajv";
import type { ApiModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import {
  CHUNK_ABOVE_CHARS,
  checkResources,
  compileModule,
  compileOneValidator,
  emitModuleSource,
  moduleAjv,
  singleFileSource,
  usesPrototypeNames,
  VALIDATOR_MODULES,
  type CompiledModule,
  type CompileFailure,
  type ModuleSource,
} from "../schema/compile.js";
import { buildSchemaRegistry, type SchemaRegistry, type ValidatorModule } from "../schema/registry.js";
import { moduleKey, resourceCheckKey, resourceTexts } from "../cache/validator-keys.js";
import type { StageContext } from "./context.js";
import { hashKey, NO_CACHE } from "../cache/store.js";

export interface ValidatorStageResult {
  names: TypeNamePlan;
  registry: SchemaRegistry;
  /** the modules compiled this run: every module when the cache is off, none when all came from it */
  modules: CompiledModule[];
  /** a hash of every module's and the resource check's key: what every validator's behaviour depends on */
  key: string;
  /** the standalone ESM source of every module (one file or chunks), in VALIDATOR_MODULES order, compiled or from the cache */
  sources: ModuleSource[];
  /** a validator by id: compiled this run, or compiled on first ask when its module came from the cache */
  validator(id: string): ValidateFunction | undefined;
  /** the schema at a spec pointer compiled with the response module's options (one-off checks of examples) */
  compileAt(pointer: string): ValidateFunction | undefined;
}

/** What the cache keeps of one compiled module: its source and the validators it left out (SC009). */
interface CachedModule {
  source: ModuleSource;
  failures: { pointer: string; message: string }[];
}

/**
 * Convert every schema once and compile one ajv per module; unknown formats accept any value. A module
 * whose inputs (its validators, the resources they reach, the options) hash to a cached unit is not
 * compiled: its source and its warnings come from the cache.
 */
export function validatorStage(ctx: StageContext, root: Record<string, unknown>, api: ApiModel, names: TypeNamePlan, unknownFormats: readonly string[]): ValidatorStageResult {
  const registry = buildSchemaRegistry({ root, api, names, report: (code, pointer, message) => ctx.warn(code, pointer, message), allSchemas: ctx.allSchemaValidators ?? false });
  const formats = [...new Set([...ctx.allowFormats, ...unknownFormats])].sort();
  const ownProperties = usesPrototypeNames(registry);
  const texts = resourceTexts(registry);
  const chunkAbove = ctx.chunkValidatorsAbove ?? CHUNK_ABOVE_CHARS;
  const groupOf = operationOf(registry);
  const checkKey = resourceCheckKey(texts, formats, ownProperties);
  const cachedCheck = parse<{ refused: string[]; failures: CachedModule["failures"] }>(ctx.cache.get("resource-check", checkKey));
  let refused: ReadonlySet<string> | undefined = cachedCheck && new Set(cachedCheck.refused);
  const warnings: CachedModule["failures"][] = [];
  if (cachedCheck) warnings.push(cachedCheck.failures);
  const modules: CompiledModule[] = [];
  const sources: ValidatorStageResult["sources"] = [];
  const keys = [checkKey];
  for (const module of VALIDATOR_MODULES) {
    const key = moduleKey(registry, module, texts, formats, ownProperties, chunkAbove);
    keys.push(key);
    const hit = cachedModule(module, key);
    if (hit) {
      sources.push(hit.source);
      warnings.push(hit.failures);
      continue;
    }
    // the first module compiled checks the resources, unless the first of all came from the cache
    if (!refused && module !== VALIDATOR_MODULES[0]) refused = remember(checkResources(registry, formats));
    const compiled = compileModule(registry, module, formats, { ownProperties, refused });
    if (compiled.check) refused = remember(compiled.check);
    const failures = toCached(compiled.failures);
    const source = emitModuleSource(compiled.compiled, groupOf, chunkAbove);
    // one file as it is (no JSON escaping of ajv's quotes), chunks packed the same way; its few warnings apart
    // with --no-cache nothing is kept, so chunks are not packed (18 MB of text joined on Stripe's full description)
    const single = source.files.get(`${module}.ts`);
    if (single !== undefined) ctx.cache.set("validators", key, single);
    else if (ctx.cache !== NO_CACHE) ctx.cache.set("validator-chunks", key, packChunks(source));
    ctx.cache.set("validator-failures", key, JSON.stringify(failures));
    modules.push(compiled.compiled);
    sources.push(source);
    warnings.push(failures);
  }
  if (!refused) refused = remember(checkResources(registry, formats));
  for (const list of warnings) for (const failure of list) ctx.warn("SC009", failure.pointer, `${failure.message}; this validator is left out`);
  return { names, registry, key: hashKey(...keys), modules, sources, ...lazyValidators(registry, modules, formats, () => refused!) };

  function cachedModule(module: ValidatorModule, key: string): CachedModule | undefined {
    const failures = parse<CachedModule["failures"]>(ctx.cache.get("validator-failures", key));
    if (!failures) return undefined;
    const text = ctx.cache.get("validators", key);
    // the module's validator ids, as compileModule exports them
    if (text !== undefined) return { source: singleFileSource(module, text, registry.validators.filter((v) => v.module === module).map((v) => v.id)), failures };
    const packed = ctx.cache.get("validator-chunks", key);
    return packed === undefined ? undefined : { source: unpackChunks(module, packed), failures };
  }

  /** the resource check's outcome: cached, and its warnings reported first */
  function remember(check: { refused: ReadonlySet<string>; failures: CompileFailure[] }): ReadonlySet<string> {
    const resourceFailures = toCached(check.failures);
    if (!cachedCheck) {
      warnings.unshift(resourceFailures);
      ctx.cache.set("resource-check", checkKey, JSON.stringify({ refused: [...check.refused].sort(), failures: resourceFailures }));
    }
    return check.refused;
  }
}

/**
 * A chunked module as one cache entry: a JSON line (each file's path and length, the exports' files),
 * then the files' texts as they are. JSON-escaping 18 MB of ajv's code (quotes everywhere) cost a
 * tenth of a second each way.
 */
function packChunks(source: ModuleSource): string {
  const files = [...source.files];
  return `${JSON.stringify({ files: files.map(([path, text]) => [path, text.length]), exportedFrom: [...source.exportedFrom] })}\n${files.map(([, text]) => text).join("")}`;
}

function unpackChunks(module: ValidatorModule, packed: string): ModuleSource {
  const newline = packed.indexOf("\n");
  const head = JSON.parse(packed.slice(0, newline)) as { files: [string, number][]; exportedFrom: [string, string][] };
  const files = new Map<string, string>();
  let at = newline + 1;
  for (const [path, length] of head.files) {
    files.set(path, packed.slice(at, at + length));
    at += length;
  }
  return { module, files, exportedFrom: new Map(head.exportedFrom) };
}

/** A validator id → the operation it belongs to (undefined for a component schema's own validator). */
function operationOf(registry: SchemaRegistry): (id: string) => string | undefined {
  const byId = new Map(registry.validators.map((v) => [v.id, v.target.kind === "schema" ? undefined : v.target.operationId] as const));
  return (id) => byId.get(id);
}

function toCached(failures: readonly CompileFailure[]): CachedModule["failures"] {
  return failures.map((f) => ({ pointer: f.spec.pointer, message: f.message }));
}

function parse<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/** Validators for the examples check: those compiled this run, else compiled one by one in an ajv of their module made on first need. */
function lazyValidators(
  registry: SchemaRegistry,
  compiled: readonly CompiledModule[],
  formats: readonly string[],
  refused: () => ReadonlySet<string>,
): Pick<ValidatorStageResult, "validator" | "compileAt"> {
  const specs = new Map(registry.validators.map((v) => [v.id, v] as const));
  const ajvs = new Map(compiled.map((m) => [m.module, m.ajv] as const));
  const ajvOf = (module: ValidatorModule) => {
    let ajv = ajvs.get(module);
    if (!ajv) ajvs.set(module, (ajv = moduleAjv(registry, module, formats, refused())));
    return ajv;
  };
  const made = new Map<string, ValidateFunction>();
  return {
    validator(id) {
      for (const m of compiled) {
        const fn = m.validators.get(id);
        if (fn) return fn;
      }
      const spec = specs.get(id);
      if (!spec) return undefined;
      let fn = made.get(id);
      if (!fn) made.set(id, (fn = compileOneValidator(ajvOf(spec.module), spec)));
      return fn;
    },
    compileAt(pointer) {
      try {
        return ajvOf("response").compile(registry.convertAt(pointer));
      } catch {
        return undefined;
      }
    },
  };
}
