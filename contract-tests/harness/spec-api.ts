import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { ValidateFunction } from "ajv";
import { formatDiagnostic, hasErrors, type Diagnostic } from "../../document/diagnostics.js";
import { parseSource, type SourceDocument } from "../../document/source.js";
import { emitExamplesAndModel } from "../../generator/emit/examples.js";
import { createContext } from "../../generator/stages/context.js";
import { emitStage } from "../../generator/stages/emit.js";
import { examplesStage } from "../../generator/stages/examples.js";
import { displayPath, loadStage } from "../../generator/stages/load.js";
import { modelStage } from "../../generator/stages/model.js";
import { validatorStage } from "../../generator/stages/validators.js";
import { HarnessSetupError } from "./setup-error.js";
import type { ExampleJson, ModelJson, OperationValidatorsJs } from "./types.js";

export interface SpecParts {
  model: ModelJson;
  examples: ExampleJson[];
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
  const absolute = resolve(input.cwd, input.spec);
  const file = displayPath(input.cwd, input.spec);
  const text = await readFile(absolute, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new HarnessSetupError(`cannot read the spec ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  const parsed = parseSource(file, text);
  if (!parsed.doc) throw new HarnessSetupError(`the spec does not load:\n${parsed.diagnostics.map(formatDiagnostic).join("\n")}`);
  const ctx = createContext({ file, absolute, cwd: input.cwd, doc: parsed.doc, allowFormats: input.allowFormats ?? [] });
  const failed = () => new HarnessSetupError(`the spec does not load:\n${ctx.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n")}`);
  const root = loadStage(ctx);
  if (!root) throw failed();
  const api = await modelStage(ctx, root);
  const validators = validatorStage(ctx, root, api);
  const examples = examplesStage(ctx, root, api, validators);
  if (hasErrors(ctx.diagnostics)) throw failed();
  const all = new Map<string, ValidateFunction>(validators.modules.flatMap((m) => [...m.validators]));
  const operationValidators: Record<string, OperationValidatorsJs> = Object.create(null) as Record<string, OperationValidatorsJs>;
  for (const [operationId, plan] of validators.names.operations) {
    const pick = (id: string | undefined) => (id === undefined ? undefined : all.get(id));
    const parameters: OperationValidatorsJs["parameters"] = {};
    for (const location of ["path", "query", "header", "cookie"] as const) {
      const fn = pick(plan.parameters[location]);
      if (fn) parameters[location] = fn;
    }
    const body = mapOf([...plan.body].map(([media, id]) => [media, pick(id)]));
    const responses = new Map([...plan.responses].map(([status, byMedia]) => [status, mapOf([...byMedia].map(([media, id]) => [media, pick(id)]))]));
    operationValidators[operationId] = { parameters, body, responses: Object.fromEntries(responses) };
  }
  const emitted = emitExamplesAndModel({ source: file, api, examples, registry: validators.registry });
  const parse = (path: string) => JSON.parse(emitted.find((f) => f.path === path)!.content) as Record<string, unknown>;
  const model = parse("model.json") as unknown as ModelJson;
  const exampleList = (parse("examples.json") as { examples: ExampleJson[] }).examples;
  const files = input.emit ? await emitStage(ctx, root, { api, examples, validators }) : undefined;
  return { model, examples: exampleList, operationValidators, spec: parsed.doc, ...(files ? { files } : {}), warnings: ctx.diagnostics };
}

function mapOf(entries: [string, ValidateFunction | undefined][]): Record<string, ValidateFunction> {
  const out = Object.create(null) as Record<string, ValidateFunction>;
  for (const [k, v] of entries) if (v) out[k] = v;
  return out;
}
