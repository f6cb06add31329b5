import type { CommandIo } from "../cli/io.js";
import { parseArgs } from "node:util";
import { diffSides } from "./index.js";
import { failing, formatReport, type Audience, type Format } from "./report.js";
import type { Level } from "./rules.js";
import { loadSide, SourceError } from "./sources.js";
import { isSpecUrl } from "../document/read-spec.js";
import { ConfigError, loadConfig, pathFromConfig, selectApis } from "../config/load.js";
import { resolve } from "node:path";
import { LIMIT_HELP, LIMIT_OPTIONS, limitsFromFlags, type InputLimits } from "../document/limits.js";

export const DIFF_HELP = `Usage: spec-contract diff <old> <new> [options]
       spec-contract diff --base <git-ref> [<api>...] [options]

Compares two OpenAPI 3.0/3.1 documents and classifies every change as breaking,
warning or not breaking, for clients and for servers separately.
Each side is a file path, an http(s) URL or git:<ref>:<path> (read with git show).
With --base, each API of spec-contract.config.* (all, or those named) is compared
with its spec at that git ref (for CI: --base origin/main).

Options:
  --base <git-ref>     compare the configured APIs' specs with this ref
  --config <file>      use this config file instead of searching for one
  --fail-on <level>    breaking (default), warning or none: exit 1 when a change is at or above it
  --for <audience>     whose breakage counts for --fail-on: both (default), clients or servers
  --format <format>    text (default), markdown or json
${LIMIT_HELP}
  -h, --help           this text

Exit codes: 0 nothing at or above --fail-on, 1 changes at or above it, 2 usage or I/O error.`;

const FAIL_ON = ["breaking", "warning", "none"] as const;
const FORMATS = ["text", "markdown", "json"] as const;
const AUDIENCES = ["both", "clients", "servers"] as const;


function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new SourceError(`--${flag} must be one of ${allowed.join(", ")} (got '${value}')`);
  return value as T;
}

function parse(argv: string[], cwd: string): { help: boolean; sides: string[]; base?: string; config?: string; failOn: Level | "none"; format: Format; audience: Audience; limits: InputLimits } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      "fail-on": { type: "string", default: "breaking" },
      format: { type: "string", default: "text" },
      for: { type: "string", default: "both" },
      base: { type: "string" },
      config: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
      ...LIMIT_OPTIONS,
    },
    strict: true,
    allowPositionals: true,
  });
  if (!values.help && values.base === undefined && positionals.length !== 2) throw new SourceError(`expected <old> and <new>, got ${positionals.length} argument(s)`);
  return {
    help: values.help,
    sides: positionals,
    ...(values.base !== undefined ? { base: values.base } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    failOn: oneOf("fail-on", values["fail-on"], FAIL_ON),
    format: oneOf("format", values.format, FORMATS),
    audience: oneOf("for", values.for, AUDIENCES),
    limits: limitsFromFlags(values, (dir) => resolve(cwd, dir)),
  };
}

/** Run `diff`; answers the exit code. All output goes through `out` and `err`. */
export async function runDiff(argv: string[], io: CommandIo): Promise<number> {
  let options;
  try {
    options = parse(argv, io.cwd);
  } catch (error) {
    io.err(`spec-contract diff: ${(error as Error).message}\n\n${DIFF_HELP}`);
    return 2;
  }
  if (options.help) {
    io.out(DIFF_HELP);
    return 0;
  }
  const pairs = await sidePairs(options, io);
  if (typeof pairs === "number") return pairs;
  let exit = 0;
  const byApi = new Map<string, unknown>();
  for (const pair of pairs) {
    let result;
    try {
      const [before, after] = await Promise.all(pair.sides.map((side) => loadSide(side, io.cwd, options.limits)));
      result = diffSides(before!, after!);
    } catch (error) {
      // Never a stack trace: what went wrong, in one message, exit 2.
      const message = error instanceof SourceError ? error.message : `internal error: ${(error as Error).message ?? String(error)}`;
      io.err(`spec-contract diff: ${pair.name ? `${pair.name}: ` : ""}${message}`);
      return 2;
    }
    const report = formatReport(result, options.format);
    if (pair.name === undefined) io.out(report);
    else if (options.format === "json") byApi.set(pair.name, JSON.parse(report) as unknown);
    else io.out(`${options.format === "markdown" ? "## " : ""}${pair.name}\n${report}`);
    const failures = failing(result, options.failOn, options.audience);
    if (failures.length > 0 && options.format !== "json") {
      io.err(`spec-contract diff: ${pair.name ? `${pair.name}: ` : ""}${failures.length} change(s) at or above --fail-on ${options.failOn} (for ${options.audience})`);
    }
    if (failures.length > 0) exit = 1;
  }
  // several APIs in JSON: one document, an object by API name
  if (byApi.size > 0) io.out(JSON.stringify(Object.fromEntries(byApi), null, 2));
  return exit;
}

/** <old> <new>, or with --base each configured API's spec at that ref against the working copy. */
async function sidePairs(options: ReturnType<typeof parse>, io: CommandIo): Promise<{ name?: string; sides: [string, string] }[] | number> {
  if (options.base === undefined) return [{ sides: [options.sides[0]!, options.sides[1]!] }];
  let loaded;
  try {
    loaded = await loadConfig({ cwd: io.cwd, ...(options.config !== undefined ? { file: options.config } : {}) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`spec-contract diff: ${error.message}`);
    return 2;
  }
  if (!loaded) {
    io.err(`spec-contract diff: --base needs a spec-contract.config.* in ${io.cwd} or above; without one pass <old> <new>`);
    return 2;
  }
  const selected = selectApis(loaded.config, options.sides);
  if (typeof selected === "string") {
    io.err(`spec-contract diff: ${selected}`);
    return 2;
  }
  const local = selected.filter((api) => !isSpecUrl(api.spec));
  return local.map((api) => {
    const spec = pathFromConfig(loaded, io.cwd, api.spec);
    return { name: api.name, sides: [`git:${options.base}:${spec}`, spec] as [string, string] };
  });
}
