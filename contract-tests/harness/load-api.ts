import { readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseSource, type SourceDocument } from "../../document/source.js";
import type { ApiConfig, ExampleJson, ModelJson, NotReplayedJson, OperationValidatorsJs } from "./types.js";

/** Everything the harness knows about one API: generated artefacts, the spec text and its config. */
export interface LoadedApi {
  name: string;
  config: ApiConfig;
  model: ModelJson;
  examples: ExampleJson[];
  /** examples the generator found breaking their schema: listed, not replayed */
  notReplayed: NotReplayedJson[];
  operationValidators: Record<string, OperationValidatorsJs>;
  /** the spec, for schema walks (negative cases) and file:line of schema pointers */
  spec: SourceDocument;
}

export interface LoadApiOptions {
  /** project root (where generated/, contract-tests/ and spec/ live) */
  root: string;
  api: string;
  /** override generated/<api> (the harness's own tests generate into a scratch folder) */
  generatedDir?: string;
  /** override contract-tests/<api>/config.ts */
  config?: ApiConfig;
}

export class HarnessSetupError extends Error {}

/** APIs with both a generated folder and a contract-tests/<api>/config.ts. */
export async function listApis(root: string): Promise<string[]> {
  const dir = join(root, "contract-tests");
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && e.name !== "harness").map((e) => e.name);
  return names.filter((n) => existsSync(join(dir, n, "config.ts")) && existsSync(join(root, "generated", n, "model.json"))).sort();
}

export async function loadApi(options: LoadApiOptions): Promise<LoadedApi> {
  const generatedDir = resolve(options.generatedDir ?? join(options.root, "generated", options.api));
  const model = (await readJson(join(generatedDir, "model.json"))) as ModelJson;
  const examplesFile = (await readJson(join(generatedDir, "examples.json"))) as { examples: ExampleJson[]; notReplayed?: NotReplayedJson[] };
  const { examples } = examplesFile;
  const validatorsFile = join(generatedDir, "validators.ts");
  if (!existsSync(validatorsFile)) throw new HarnessSetupError(`${validatorsFile} is missing: run \`npm run generate\``);
  const validators = (await import(pathToFileURL(validatorsFile).href)) as {
    operationValidators: Record<string, OperationValidatorsJs>;
  };
  const config = options.config ?? (await loadConfig(options.root, options.api));
  const specFile = resolve(options.root, model.source);
  const text = await readFile(specFile, "utf8").catch(() => {
    throw new HarnessSetupError(`cannot read the spec ${model.source} named in ${join(generatedDir, "model.json")}`);
  });
  const parsed = parseSource(model.source, text);
  if (!parsed.doc) throw new HarnessSetupError(`cannot parse ${model.source}: ${parsed.diagnostics[0]?.message ?? "unknown error"}`);
  return { name: options.api, config, model, examples, notReplayed: examplesFile.notReplayed ?? [], operationValidators: validators.operationValidators, spec: parsed.doc };
}

async function loadConfig(root: string, api: string): Promise<ApiConfig> {
  const file = join(root, "contract-tests", api, "config.ts");
  if (!existsSync(file)) throw new HarnessSetupError(`no contract-test config for '${api}': expected ${file}`);
  const mod = (await import(pathToFileURL(file).href)) as { default: ApiConfig };
  return mod.default;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new HarnessSetupError(`${file} is missing: run \`npm run generate\``);
  }
  return JSON.parse(text) as unknown;
}
