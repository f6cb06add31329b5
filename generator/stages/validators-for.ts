import { resolve } from "node:path";
import { DEFAULT_LIMITS } from "../../document/limits.js";
import { formatDiagnostic, hasErrors } from "../../document/diagnostics.js";
import { loadSourceFile } from "../../document/load.js";
import { createContext } from "./context.js";
import { loadStage } from "./load.js";
import { displayPath } from "../../document/display-path.js";
import { checkStage } from "./check.js";
import { modelStage } from "./model.js";
import type { ValidatorStageResult } from "./validators.js";

/**
 * The schemas and in-memory validators a spec compiles to, through the same stages as
 * `generate` (for benchmarks and differential tests). Throws on a document with errors.
 */
export async function validatorsForSpec(spec: string, options: { cwd: string; allowFormats?: readonly string[] }): Promise<ValidatorStageResult> {
  const absolute = resolve(options.cwd, spec);
  const file = displayPath(options.cwd, spec);
  const parsed = loadSourceFile(absolute, file, DEFAULT_LIMITS);
  if (!parsed.doc) throw new Error(parsed.diagnostics.map(formatDiagnostic).join("\n"));
  const ctx = createContext({ file, absolute, cwd: options.cwd, doc: parsed.doc, allowFormats: options.allowFormats ?? [], limits: DEFAULT_LIMITS, strict: false });
  const root = loadStage(ctx);
  const result = root ? (await modelStage(ctx, root, await checkStage(ctx, root), { types: false })).validators : undefined;
  if (!result || hasErrors(ctx.diagnostics)) throw new Error(ctx.diagnostics.map(formatDiagnostic).join("\n"));
  return result;
}
