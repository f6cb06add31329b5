import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ApiConfig, SpecContractConfig } from "./types.js";
import { displayPath } from "../document/display-path.js";
import { isSpecUrl } from "../document/read-spec.js";

const require = createRequire(import.meta.url);
const schema = require("./schema.json") as Record<string, unknown>;

/** Looked for in this order in the cwd, then in each parent folder. */
export const CONFIG_NAMES = ["spec-contract.config.ts", "spec-contract.config.mjs", "spec-contract.config.js", "spec-contract.config.json"] as const;

/** A config that cannot be read or breaks the schema: the message names the file and the field. */
export class ConfigError extends Error {}

export interface LoadedConfig {
  /** the config file, absolute */
  file: string;
  /** its folder: paths in it are relative to this */
  dir: string;
  config: SpecContractConfig;
}

/** The nearest config file from `cwd` upwards, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `--config <file>` if given (it must exist), else the nearest config; undefined when there is none. */
export async function loadConfig(options: { cwd: string; file?: string }): Promise<LoadedConfig | undefined> {
  const file = options.file !== undefined ? resolve(options.cwd, options.file) : findConfigFile(options.cwd);
  if (file === undefined) return undefined;
  if (!existsSync(file)) throw new ConfigError(`${options.file}: no such config file`);
  const shown = displayPath(options.cwd, file);
  let value: unknown;
  try {
    value = await importConfig(file);
  } catch (error) {
    throw new ConfigError(`${shown}: cannot load: ${(error as Error).message.split("\n")[0]}`);
  }
  return { file, dir: dirname(file), config: validateConfig(value, shown) };
}

async function importConfig(file: string): Promise<unknown> {
  if (file.endsWith(".json")) return JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (file.endsWith(".ts")) {
    // Plain node cannot import TypeScript: jiti transpiles the config file (and what it imports) in memory.
    const { createJiti } = await import("jiti");
    return createJiti(import.meta.url, { moduleCache: false }).import(file, { default: true });
  }
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return mod.default;
}

let validate: ReturnType<Ajv2020["compile"]> | undefined;

/** Check a config against config/schema.json and the rules a schema cannot say (unique names). */
export function validateConfig(value: unknown, shown: string): SpecContractConfig {
  // our own constant schema: not checked against the meta-schema, which would compile the meta-schema first (most of the cost)
  validate ??= new Ajv2020({ allErrors: false, strict: true, validateSchema: false }).compile(schema);
  if (value === undefined) throw new ConfigError(`${shown}: no default export (export default defineConfig({ apis: [...] }))`);
  if (!validate(value)) {
    const error = validate.errors![0]!;
    const field = fieldName(error.instancePath);
    if (/^\/apis\/\d+\/target$/.test(error.instancePath)) throw new ConfigError(`${shown}: ${field}: must be an http(s) URL, mock, prism or reference`);
    const extra = error.keyword === "additionalProperties" ? ` '${String(error.params.additionalProperty)}'` : "";
    throw new ConfigError(`${shown}: ${field}: ${error.message ?? error.keyword}${extra}`);
  }
  const config = value as SpecContractConfig;
  const seen = new Set<string>();
  config.apis.forEach((api, i) => {
    if (seen.has(api.name)) throw new ConfigError(`${shown}: apis[${i}].name: '${api.name}' is used by an earlier API`);
    seen.add(api.name);
  });
  return config;
}

/** `/apis/0/auth/env` → `apis[0].auth.env` */
function fieldName(instancePath: string): string {
  if (instancePath === "") return "(top level)";
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((out, s) => (/^\d+$/.test(s) ? `${out}[${s}]` : out ? `${out}.${s}` : s), "");
}

/** A config path (relative to the config file) as the commands take it: relative to the cwd; URLs unchanged. */
export function pathFromConfig(loaded: LoadedConfig, cwd: string, path: string): string {
  if (isSpecUrl(path)) return path;
  return displayPath(cwd, resolve(loaded.dir, path));
}

/** APIs by name: exact names, or a prefix (`stripe` selects `stripe-…`); none → all. */
export function selectApis(config: SpecContractConfig, requested: readonly string[]): ApiConfig[] | string {
  const known = config.apis.map((a) => a.name);
  if (requested.length === 0) return config.apis;
  const out: ApiConfig[] = [];
  for (const name of requested) {
    const matches = config.apis.filter((a) => a.name === name || (!known.includes(name) && a.name.startsWith(`${name}-`)));
    if (matches.length === 0) return `unknown API '${name}' (known: ${known.join(", ")})`;
    for (const m of matches) if (!out.includes(m)) out.push(m);
  }
  return out;
}
