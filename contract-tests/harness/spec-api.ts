import type { ValidateFunction } from "ajv";
import { formatDiagnostic, hasErrors, type Diagnostic } from "../../document/diagnostics.js";
import { loadSpec } from "../../document/load.js";
import { DEFAULT_LIMITS } from "../../document/limits.js";
import type { SourceDocument } from "../../document/source.js";
import { emitExamplesAndModel } from "../../generator/emit/examples.js";
import { createContext } from "../../generator/stages/context.js";
import { NO_CACHE } from "../../generator/cache/store.js";
import { openUnitCache } from "../../generator/index.js";
import { emitStage } from "../../generator/stages/emit.js";
import { checkStage } from "../../generator/stages/check.js";
import { loadStage } from "../../generator/stages/load.js";
import { displayPath } from "../../document/display-path.js";
import { modelStage } from "../../generator/stages/model.js";
import { HarnessSetupError } from "./setup-error.js";
import type { ExampleJson, ModelJson, OperationValidatorsJs } from "./types.js";
import type { ExamplesJson, NotReplayedJson } from "../../runtime/shared/contract.js";

export interface SpecParts {
  model: ModelJson;
  examples: ExampleJson[];
  notReplayed: NotReplayedJson[];
  operationValidators: Record<string, OperationValidatorsJs>;
  spec: SourceDocument;
  /** what `generate` would write for this spec (only when asked for, to compare with the output folder) */
  files?: Map<string, string>;
  /** warnings the spec produced */
  warnings: Diagnostic[];
}

/**
 * Everything the harness needs from a spec, built in memory through the generator's own stages
 * (no prior `generate`, nothing imported from an output folder). A spec with errors is a setup error.
 */
export async function buildSpecParts(input: { cwd: string; spec: string; allowFormats?: readonly string[]; emit?: boolean }): Promise<SpecParts> {
  let parsed;
  try {
    parsed = await loadSpec(input.spec, input.cwd, DEFAULT_LIMITS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = displayPath(input.cwd, input.spec);
    throw new HarnessSetupError(code === "ENOENT" ? `cannot read the spec ${shown}: no such file` : (error as Error).message);
  }
  const { file, absolute, doc } = parsed;
  if (!doc) throw new HarnessSetupError(`the spec does not load:\n${parsed.diagnostics.map(formatDiagnostic).join("\n")}`);
  // Comparing with an output folder emits what generate would: through generate's cache, which the last generate filled
  const cache = input.emit ? openUnitCache(input.cwd, absolute) : NO_CACHE;
  const ctx = createContext({ file, absolute, remote: parsed.remote, cwd: input.cwd, doc, allowFormats: input.allowFormats ?? [], limits: DEFAULT_LIMITS, strict: false, cache });
  const failed = () => new HarnessSetupError(`the spec does not load:\n${ctx.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n")}`);
  const root = loadStage(ctx);
  if (!root) throw failed();
  const checked = await checkStage(ctx, root);
  const modelled = await modelStage(ctx, root, checked, { types: input.emit === true });
  if (hasErrors(ctx.diagnostics)) throw failed();
  const { api, validators, examples, notReplayed } = modelled;
  const operationValidators: Record<string, OperationValidatorsJs> = Object.create(null) as Record<string, OperationValidatorsJs>;
  for (const [operationId, plan] of validators.names.operations) {
    const pick = (id: string | undefined) => (id === undefined ? undefined : validators.validator(id));
    const parameters: OperationValidatorsJs["parameters"] = {};
    for (const location of ["path", "query", "header", "cookie"] as const) {
      const fn = pick(plan.parameters[location]);
      if (fn) parameters[location] = fn;
    }
    const body = mapOf([...plan.body].map(([media, id]) => [media, pick(id)]));
    const responses = new Map([...plan.responses].map(([status, byMedia]) => [status, mapOf([...byMedia].map(([media, id]) => [media, pick(id)]))]));
    operationValidators[operationId] = { parameters, body, responses: Object.fromEntries(responses) };
  }
  const emitted = emitExamplesAndModel({ source: file, api, examples, notReplayed, registry: validators.registry });
  const parse = (path: string) => JSON.parse(emitted.find((f) => f.path === path)!.content) as Record<string, unknown>;
  const model = parse("model.json") as unknown as ModelJson;
  const examplesJson = parse("examples.json") as unknown as ExamplesJson;
  const files = input.emit ? await emitStage(ctx, root, modelled) : undefined;
  cache.flush();
  return { model, examples: examplesJson.examples, notReplayed: examplesJson.notReplayed, operationValidators, spec: doc, ...(files ? { files } : {}), warnings: ctx.diagnostics };
}

function mapOf(entries: [string, ValidateFunction | undefined][]): Record<string, ValidateFunction> {
  const out = Object.create(null) as Record<string, ValidateFunction>;
  for (const [k, v] of entries) if (v) out[k] = v;
  return out;
}
