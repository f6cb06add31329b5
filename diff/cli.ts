import type { CommandIo } from "../cli/io.js";
import { parseArgs } from "node:util";
import { diffSides } from "./index.js";
import { failing, formatReport, type Audience, type Format } from "./report.js";
import type { Level } from "./rules.js";
import { loadSide, SourceError } from "./sources.js";

export const DIFF_HELP = `Usage: spec-contract diff <old> <new> [options]

Compares two OpenAPI 3.0/3.1 documents and classifies every change as breaking,
warning or not breaking, for clients and for servers separately.
Each side is a file path, an http(s) URL or git:<ref>:<path> (read with git show).

Options:
  --fail-on <level>    breaking (default), warning or none: exit 1 when a change is at or above it
  --for <audience>     whose breakage counts for --fail-on: both (default), clients or servers
  --format <format>    text (default), markdown or json
  -h, --help           this text

Exit codes: 0 nothing at or above --fail-on, 1 changes at or above it, 2 usage or I/O error.`;

const FAIL_ON = ["breaking", "warning", "none"] as const;
const FORMATS = ["text", "markdown", "json"] as const;
const AUDIENCES = ["both", "clients", "servers"] as const;


function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new SourceError(`--${flag} must be one of ${allowed.join(", ")} (got '${value}')`);
  return value as T;
}

function parse(argv: string[]): { help: boolean; sides: string[]; failOn: Level | "none"; format: Format; audience: Audience } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      "fail-on": { type: "string", default: "breaking" },
      format: { type: "string", default: "text" },
      for: { type: "string", default: "both" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (!values.help && positionals.length !== 2) throw new SourceError(`expected <old> and <new>, got ${positionals.length} argument(s)`);
  return {
    help: values.help,
    sides: positionals,
    failOn: oneOf("fail-on", values["fail-on"], FAIL_ON),
    format: oneOf("format", values.format, FORMATS),
    audience: oneOf("for", values.for, AUDIENCES),
  };
}

/** Run `diff`; answers the exit code. All output goes through `out` and `err`. */
export async function runDiff(argv: string[], io: CommandIo): Promise<number> {
  let options;
  try {
    options = parse(argv);
  } catch (error) {
    io.err(`spec-contract diff: ${(error as Error).message}\n\n${DIFF_HELP}`);
    return 2;
  }
  if (options.help) {
    io.out(DIFF_HELP);
    return 0;
  }
  let result;
  try {
    const [before, after] = await Promise.all(options.sides.map((side) => loadSide(side, io.cwd)));
    result = diffSides(before!, after!);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    io.err(`spec-contract diff: ${error.message}`);
    return 2;
  }
  io.out(formatReport(result, options.format));
  const failures = failing(result, options.failOn, options.audience);
  if (failures.length > 0 && options.format !== "json") {
    io.err(`spec-contract diff: ${failures.length} change(s) at or above --fail-on ${options.failOn} (for ${options.audience})`);
  }
  return failures.length > 0 ? 1 : 0;
}
