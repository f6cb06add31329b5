import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import type { CommandIo } from "../cli/io.js";
import { isSpecUrl } from "../document/read-spec.js";
import { renderConfig } from "./config-file.js";
import { addScripts, starterScripts, type ScriptsEdit } from "./package-scripts.js";
import { renderWorkflow } from "./workflow.js";

export const INIT_HELP = `Usage: spec-contract init [options]

Starts using spec-contract in this project. Writes, never overwriting a file that exists:
  spec-contract.config.mjs            your API: spec, output folder, test target
  package.json scripts                generate, generate:check, contract, diff (existing ones kept)
  .github/workflows/spec-contract.yml generate --check, diff against the base branch, contract tests

Options:
  --spec <file|url>   the OpenAPI document (default: openapi.yaml, .yml or .json found here)
  --name <name>       the API's name in messages (default: from package.json, else "api")
  --out <dir>         where generate writes (default: src/api)
  --target <url>      the server \`spec-contract test\` checks (default: http://127.0.0.1:3000)
  -h, --help          this text

Exit codes: 0 done (files that existed are listed as skipped), 2 usage or I/O error.`;

const CONFIG_NAMES = ["spec-contract.config.ts", "spec-contract.config.mjs", "spec-contract.config.js", "spec-contract.config.json"];
const SPEC_NAMES = ["openapi.yaml", "openapi.yml", "openapi.json"];
const WORKFLOW = ".github/workflows/spec-contract.yml";

/** `spec-contract init`: 0 when done (skips reported), 2 on a usage or I/O error. */
export async function runInit(argv: string[], io: CommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        spec: { type: "string" },
        name: { type: "string" },
        out: { type: "string", default: "src/api" },
        target: { type: "string", default: "http://127.0.0.1:3000" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`spec-contract init: ${(error as Error).message}\n\n${INIT_HELP}`);
    return 2;
  }
  if (values.help) {
    io.out(INIT_HELP);
    return 0;
  }
  const spec = values.spec ?? SPEC_NAMES.find((name) => existsSync(join(io.cwd, name)));
  if (spec === undefined) io.out(`no ${SPEC_NAMES.join(", ")} here: the config names openapi.yaml (or rerun with --spec <file|url>)`);
  const specPath = spec ?? "openapi.yaml";
  const remote = isSpecUrl(specPath);
  try {
    // package.json is read and checked before anything is written: a broken one stops init with nothing done.
    const scripts = planScripts(io.cwd, starterScripts(specPath, remote));
    initConfig(io, { name: values.name ?? projectName(io.cwd), spec: specPath, output: values.out, target: values.target });
    applyScripts(io, scripts);
    writeNew(io, WORKFLOW, renderWorkflow({ spec: specPath, remote, target: values.target }));
  } catch (error) {
    io.err(`spec-contract init: ${(error as Error).message}`);
    return 2;
  }
  io.out(`next: \`npx spec-contract generate\`, then \`npx spec-contract test\` against your server`);
  return 0;
}

function initConfig(io: CommandIo, config: Parameters<typeof renderConfig>[0]): void {
  const existing = CONFIG_NAMES.find((name) => existsSync(join(io.cwd, name)));
  if (existing) {
    io.out(`skipped ${existing}: it exists`);
    return;
  }
  writeNew(io, "spec-contract.config.mjs", renderConfig(config));
}

function planScripts(cwd: string, scripts: ReadonlyMap<string, string>): ScriptsEdit | undefined {
  const file = join(cwd, "package.json");
  if (!existsSync(file)) return undefined;
  try {
    return addScripts(readFileSync(file, "utf8"), scripts);
  } catch (error) {
    throw new Error(`package.json: ${(error as Error).message}`);
  }
}

function applyScripts(io: CommandIo, edit: ScriptsEdit | undefined): void {
  if (!edit) {
    io.out("skipped npm scripts: no package.json here (run `npm init` first)");
    return;
  }
  if (edit.text !== undefined) replaceFile(join(io.cwd, "package.json"), edit.text);
  if (edit.added.length > 0) io.out(`added npm scripts: ${edit.added.join(", ")}`);
  if (edit.kept.length > 0) io.out(`skipped npm scripts that exist: ${edit.kept.join(", ")}`);
}

/** Create `relative` under the cwd; a file that exists is reported as skipped, never replaced. */
function writeNew(io: CommandIo, relative: string, content: string): void {
  const file = join(io.cwd, relative);
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, content, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    io.out(`skipped ${relative}: it exists`);
    return;
  }
  io.out(`wrote ${relative}`);
}

/** Write a sibling temp file, then rename: package.json is never left half-written. */
function replaceFile(file: string, content: string): void {
  const temp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/** package.json's name without its scope, else "api". */
function projectName(cwd: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { name?: unknown };
    if (typeof pkg.name === "string" && pkg.name.length > 0) return pkg.name.replace(/^@[^/]+\//, "");
  } catch {
    // no or unreadable package.json: the default name
  }
  return "api";
}
