import { basename, extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CommandIo } from "../../cli/io.js";
import { ConfigError, loadConfig, pathFromConfig, selectApis } from "../../config/load.js";
import type { ApiConfig } from "../../config/types.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./http.js";
import { runContracts, type RunApi } from "./run.js";
import { parseShard } from "./shard.js";
import { parseTarget } from "./target.js";

const HELP = `Usage: spec-contract test [<api>...] [options]
       spec-contract test --spec <file> --target <url> [options]

Replays the documented examples of each API's spec (plus fixtures and negative cases) against an
implementation and checks every answer against the spec. APIs come from spec-contract.config.*
(found from the current folder upwards); <api> selects some by name or prefix. With --spec, no
config is needed.

Options:
  --spec <file>                  replay this OpenAPI document (no config needed)
  --config <file>                use this config file instead of searching for one
  --target <url>|prism|reference <url>: any running implementation; prism: Prism's mock of the spec
                                 (installed in your project); reference: this repository's emulators.
                                 Default: the API's \`target\` in the config.
  --api-key <key>                the key sent per the spec's securitySchemes; default: the API's
                                 auth.env variable (config), then its auth.testKey
  --header 'Name: value'         sent with every request (repeatable)
  --shard <i>/<n>                run the i-th of n deterministic parts of the cases (CI matrices)
  --junit <file>                 write a JUnit XML report
  --json <file>                  write a JSON report
  --timeout <ms>                 per-request time limit (default 10000)
  --max-response-bytes <n>       read at most n bytes of each answer (default ${DEFAULT_MAX_RESPONSE_BYTES})
  --prism-timeout <ms>           give up when Prism has not started by then (default 30000)
  -h, --help                     this text

Exit codes: 0 all cases passed; 1 a case failed, or an API's generated output is stale against its
spec; 2 usage or setup error (bad config, spec that does not load, no cases, target not answering,
Prism missing).`;

export async function runContract(argv: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        spec: { type: "string" },
        config: { type: "string" },
        target: { type: "string" },
        "api-key": { type: "string" },
        header: { type: "string", multiple: true, default: [] },
        shard: { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        timeout: { type: "string", default: "10000" },
        "max-response-bytes": { type: "string", default: String(DEFAULT_MAX_RESPONSE_BYTES) },
        "prism-timeout": { type: "string", default: "30000" },
        all: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const numbers = positiveIntegers(values as unknown as Record<string, string>, ["timeout", "max-response-bytes", "prism-timeout"]);
  if (typeof numbers === "string") return usage(io, numbers);
  const headers = parseHeaders(values.header);
  if (typeof headers === "string") return usage(io, headers);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard) return usage(io, `--shard must be <i>/<n> with 1 ≤ i ≤ n, got '${values.shard}'`);
  const selected = await selectRunApis(io, { spec: values.spec, config: values.config, target: values.target, positionals });
  if (typeof selected === "number") return selected;
  return runContracts({
    cwd: selected.cwd,
    io,
    apis: selected.apis,
    ...(values["api-key"] !== undefined ? { apiKey: values["api-key"] } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
    timeoutMs: numbers.timeout!,
    maxResponseBytes: numbers["max-response-bytes"]!,
    prismStartupMs: numbers["prism-timeout"]!,
    ...(shard ? { shard } : {}),
    ...(values.junit ? { junitFile: resolve(io.cwd, values.junit) } : {}),
    ...(values.json ? { jsonFile: resolve(io.cwd, values.json) } : {}),
  });
}

/**
 * The APIs to run: --spec alone (paths relative to the cwd), or the config's (all, or those named),
 * each with its target, paths relative to the config's folder (as `generate` sees them).
 */
async function selectRunApis(io: CommandIo, input: { spec?: string; config?: string; target?: string; positionals: string[] }): Promise<{ cwd: string; apis: RunApi[] } | number> {
  const target = input.target === undefined ? undefined : parseTarget(input.target);
  if (input.target !== undefined && !target) return usage(io, `--target must be reference, prism or an http(s) URL, got '${input.target}'`);
  if (input.spec !== undefined) {
    if (input.positionals.length > 0) return usage(io, `--spec replays one document: drop '${input.positionals.join(" ")}'`);
    if (!target) return usage(io, "--spec needs --target <url> (or prism)");
    const config: ApiConfig = { name: basename(input.spec, extname(input.spec)), spec: input.spec };
    return { cwd: io.cwd, apis: [{ config, target, checkStale: false }] };
  }
  let loaded;
  try {
    loaded = await loadConfig({ cwd: io.cwd, ...(input.config !== undefined ? { file: input.config } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`spec-contract test: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (!loaded) return usage(io, `no spec-contract.config.{ts,mjs,js,json} in ${io.cwd} or above: pass --spec <file> --target <url>, or run \`spec-contract init\``);
  const selected = selectApis(loaded.config, input.positionals);
  if (typeof selected === "string") return usage(io, selected);
  const out: RunApi[] = [];
  for (const api of selected) {
    const choice = target ?? (api.target !== undefined ? parseTarget(api.target) : undefined);
    if (!choice) {
      return usage(io, api.target === undefined ? `${api.name} has no target in the config: pass --target <url>` : `${api.name}: target '${api.target}' is not available: pass --target <url>`);
    }
    const config: ApiConfig = { ...api, spec: pathFromConfig(loaded, loaded.dir, api.spec), ...(api.output !== undefined ? { output: pathFromConfig(loaded, loaded.dir, api.output) } : {}) };
    out.push({ config, target: choice, checkStale: config.output !== undefined });
  }
  return { cwd: loaded.dir, apis: out };
}

/** `Name: value` pairs; header names must be tokens. */
function parseHeaders(list: string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf(":");
    const name = at > 0 ? item.slice(0, at).trim() : "";
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return `--header must be 'Name: value', got '${item}'`;
    const value = item.slice(at + 1).trim();
    if (/[\r\n\0]/.test(value)) return `--header '${name}': the value holds a line break or NUL`;
    out[name] = value;
  }
  return out;
}

function positiveIntegers(values: Record<string, string>, names: string[]): Record<string, number> | string {
  const out: Record<string, number> = {};
  for (const name of names) {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n <= 0) return `--${name} must be a positive integer, got '${values[name]}'`;
    out[name] = n;
  }
  return out;
}

function usage(io: CommandIo, message: string): number {
  io.err(`spec-contract test: ${message}\n\nRun \`spec-contract test --help\` for the options.`);
  return 2;
}
