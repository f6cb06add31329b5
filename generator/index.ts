import { resolve } from "node:path";
import type { Diagnostic } from "../document/diagnostics.js";
import { hasErrors, sortDiagnostics } from "../document/diagnostics.js";
import { loadSpec } from "../document/load.js";
import { DEFAULT_LIMITS, type InputLimits } from "../document/limits.js";
import { toJavaScript } from "./emit/to-javascript.js";
import { createContext, stageTimer } from "./stages/context.js";
import { loadStage } from "./stages/load.js";
import { displayPath } from "../document/display-path.js";
import { displayUrl, isSpecUrl } from "../document/read-spec.js";
import { checkStage } from "./stages/check.js";
import { modelStage } from "./stages/model.js";
import { emitStage } from "./stages/emit.js";
import { toolFingerprint } from "./cache/fingerprint.js";
import { NO_CACHE, defaultCacheDir, hashKey, openCache, type UnitCache } from "./cache/store.js";

export interface SpecTarget {
  /** path of the OpenAPI document, or its http(s) URL */
  spec: string;
  /** folder the API's files go to */
  out: string;
  /** this API's warnings are errors (the config's `strict`; --strict sets it for every API) */
  strict?: boolean;
  /** formats this API accepts without a validator, besides GenerateOptions.allowFormats */
  allowFormats?: readonly string[];
  /** a validator for every component schema (default: those the operations use) */
  allSchemaValidators?: boolean;
}

export interface GenerateOptions {
  targets: SpecTarget[];
  /** project root: paths in output and diagnostics are relative to it */
  cwd: string;
  /** formats to accept without a validator or a warning (e.g. Stripe's `unix-time`) */
  allowFormats?: readonly string[];
  /** every warning (SC006, SC007, SC009…) is an error: nothing is generated while one stands */
  strict?: boolean;
  /** a validator for every component schema of every target (default: those the operations use) */
  allSchemaValidators?: boolean;
  /** progress lines (stage timings) */
  log?: (line: string) => void;
  /** input bounds and the folders `$ref` may read (defaults: DEFAULT_LIMITS) */
  limits?: InputLimits;
  /** "ts" (default): TypeScript sources; "js": `.js` beside `.d.ts`, for projects without a TypeScript build */
  lang?: "ts" | "js";
  /**
   * a validator module printing to more characters than this is split into chunks loaded per operation
   * (default CHUNK_ABOVE_CHARS, 1,000,000: only large descriptions); 0 splits every module
   */
  chunkValidatorsAbove?: number;
  /** folder of the content-hash cache of output units; undefined: node_modules/.cache/spec-contract of the project; false: no cache (`--no-cache`) */
  cacheDir?: string | false;
}

export interface GeneratedApi {
  target: SpecTarget;
  /** relative path inside `out` → content */
  files: Map<string, string>;
}

export interface GenerateResult {
  apis: GeneratedApi[];
  diagnostics: Diagnostic[];
}

/** load → check → model → emit, for every target. Reads the specs, writes nothing (`write/` does). */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const apis: GeneratedApi[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of options.targets) {
    const result = await generateOne(target, options);
    diagnostics.push(...result.diagnostics);
    if (result.files) apis.push({ target, files: result.files });
  }
  return { apis, diagnostics: sortDiagnostics(diagnostics) };
}

/** One document through every stage; any error stops before emitting, after reporting all it can. */
async function generateOne(target: SpecTarget, options: GenerateOptions): Promise<{ files?: Map<string, string>; diagnostics: Diagnostic[] }> {
  const timer = stageTimer(options.log ?? (() => {}), isSpecUrl(target.spec) ? displayUrl(target.spec) : displayPath(options.cwd, target.spec));
  const limits = options.limits ?? DEFAULT_LIMITS;
  const parsed = await loadSpec(target.spec, options.cwd, limits);
  if (!parsed.doc) return { diagnostics: parsed.diagnostics };
  const ctx = createContext({
    file: parsed.file,
    absolute: parsed.absolute,
    remote: parsed.remote,
    cwd: options.cwd,
    doc: parsed.doc,
    allowFormats: [...new Set([...(options.allowFormats ?? []), ...(target.allowFormats ?? [])])].sort(),
    limits,
    strict: (options.strict ?? false) || (target.strict ?? false),
    allSchemaValidators: (options.allSchemaValidators ?? false) || (target.allSchemaValidators ?? false),
    cache: openUnitCache(options.cwd, parsed.absolute, options),
    ...(options.chunkValidatorsAbove !== undefined ? { chunkValidatorsAbove: options.chunkValidatorsAbove } : {}),
  });
  const root = loadStage(ctx);
  if (!root) return { diagnostics: ctx.diagnostics };
  timer("load");
  const checked = await checkStage(ctx, root);
  timer("check");
  const model = await modelStage(ctx, root, checked);
  timer("model");
  if (hasErrors(ctx.diagnostics)) return { diagnostics: ctx.diagnostics };
  let files = await emitStage(ctx, root, model);
  timer("emit");
  if (options.lang === "js") {
    files = await toJavaScript(files, resolve(options.cwd, target.out));
    timer("javascript");
  }
  ctx.cache.flush();
  return { files, diagnostics: ctx.diagnostics };
}

/**
 * The document's unit cache: one namespace per spec and output language, so APIs do not evict each
 * other's units. `generate` and the harness's check of an output folder share it.
 */
export function openUnitCache(cwd: string, spec: string, options: { cacheDir?: string | false; lang?: "ts" | "js" } = {}): UnitCache {
  const dir = options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir(cwd));
  return dir ? openCache(dir, hashKey(spec, options.lang ?? "ts").slice(0, 16), toolFingerprint()) : NO_CACHE;
}
