import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic } from "../document/diagnostics.js";
import { hasErrors, sortDiagnostics } from "../document/diagnostics.js";
import { parseSource } from "../document/source.js";
import { createContext, stageTimer } from "./stages/context.js";
import { displayPath, loadStage } from "./stages/load.js";
import { checkStage } from "./stages/check.js";
import { modelStage } from "./stages/model.js";
import { emitStage } from "./stages/emit.js";

export interface SpecTarget {
  /** path of the OpenAPI document */
  spec: string;
  /** folder the API's files go to */
  out: string;
}

export interface GenerateOptions {
  targets: SpecTarget[];
  /** project root: paths in output and diagnostics are relative to it */
  cwd: string;
  /** formats to accept without a validator or a warning (e.g. Stripe's `unix-time`) */
  allowFormats?: readonly string[];
  /** every warning (SC006, SC007, SC009…) is an error: nothing is generated while one stands */
  strict?: boolean;
  /** progress lines (stage timings) */
  log?: (line: string) => void;
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
  const absolute = resolve(options.cwd, target.spec);
  const file = displayPath(options.cwd, target.spec);
  const timer = stageTimer(options.log ?? (() => {}), file);
  const parsed = parseSource(file, readFileSync(absolute, "utf8"));
  if (!parsed.doc) return { diagnostics: parsed.diagnostics };
  const ctx = createContext({ file, absolute, cwd: options.cwd, doc: parsed.doc, allowFormats: options.allowFormats ?? [], strict: options.strict ?? false });
  const root = loadStage(ctx);
  if (!root) return { diagnostics: ctx.diagnostics };
  timer("load");
  const checked = await checkStage(ctx, root);
  timer("check");
  const model = await modelStage(ctx, root, checked);
  timer("model");
  if (hasErrors(ctx.diagnostics)) return { diagnostics: ctx.diagnostics };
  const files = await emitStage(ctx, root, model);
  timer("emit");
  return { files, diagnostics: ctx.diagnostics };
}
