import { resolve } from "node:path";
import type { SourceDocument } from "../../document/source.js";
import { explainDrift } from "../../generator/write/explain.js";
import { findDrift, hasDrift } from "../../generator/write/drift.js";
import type { ApiConfig } from "../../config/types.js";
import { buildSpecParts } from "./spec-api.js";
import type { ExampleJson, ModelJson, OperationValidatorsJs } from "./types.js";

export { HarnessSetupError } from "./setup-error.js";

/** Everything the harness knows about one API: its model, examples and validators (built from the spec) and its config. */
export interface LoadedApi {
  name: string;
  config: ApiConfig;
  model: ModelJson;
  examples: ExampleJson[];
  operationValidators: Record<string, OperationValidatorsJs>;
  /** the spec, for schema walks (negative cases) and file:line of schema pointers */
  spec: SourceDocument;
}

export interface LoadApiOptions {
  /** paths in `config` (spec, output) are relative to this */
  cwd: string;
  config: ApiConfig;
}

/** Build one API's suite inputs from its spec, in memory. Throws HarnessSetupError when the spec does not load. */
export async function loadApi(options: LoadApiOptions): Promise<LoadedApi> {
  return (await loadApiChecked({ ...options, checkOutput: false })).api;
}

/**
 * Build one API's suite inputs and, with `checkOutput` and an output folder, compare that folder
 * with what `generate` would write, in the same pass. `stale` lists what `generate --check` would
 * report (each stale, missing or extra file and what changed in the spec); empty when up to date.
 */
export async function loadApiChecked(options: LoadApiOptions & { checkOutput: boolean }): Promise<{ api: LoadedApi; stale: string[] }> {
  const { config } = options;
  const emit = options.checkOutput && config.output !== undefined;
  const parts = await buildSpecParts({ cwd: options.cwd, spec: config.spec, emit, ...(config.allowFormats ? { allowFormats: config.allowFormats } : {}) });
  const api: LoadedApi = { name: config.name, config, model: parts.model, examples: parts.examples, operationValidators: parts.operationValidators, spec: parts.spec };
  if (!emit) return { api, stale: [] };
  const dir = resolve(options.cwd, config.output!);
  const drift = findDrift(dir, parts.files!);
  if (!hasDrift(drift)) return { api, stale: [] };
  const stale = [
    ...drift.stale.map((p) => `stale:   ${config.output}/${p} (differs from what ${config.spec} generates)`),
    ...drift.missing.map((p) => `missing: ${config.output}/${p}`),
    ...drift.extra.map((p) => `extra:   ${config.output}/${p} (the generator no longer makes it)`),
    ...explainDrift(dir, parts.files!, config.spec),
  ];
  return { api, stale };
}
