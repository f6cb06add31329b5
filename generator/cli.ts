import type { CommandIo } from "../cli/io.js";
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { formatDiagnostic, hasErrors } from "../document/diagnostics.js";
import { generate, type SpecTarget } from "./index.js";
import { configuredTargets } from "./targets.js";
import { ConfigError } from "../config/load.js";
import { findDrift, hasDrift } from "./write/drift.js";
import { writeFolderAtomically } from "./write/atomic.js";
import { explainDrift } from "./write/explain.js";

export const GENERATE_HELP = `Usage: spec-contract generate [<api>...] [options]
       spec-contract generate --spec <file> --out <dir> [options]

Writes types, validators, server skeleton, client and examples for each API of
spec-contract.config.* (found from the current folder upwards; <api> selects some
by name or prefix) into its \`output\` folder, or for one document with --spec and --out.

Options:
  --spec <file>          generate one document (no config needed; with --out)
  --out <dir>            output folder for --spec
  --config <file>        use this config file instead of searching for one
  --check                write nothing; list stale, missing and extra files; exit 1 on drift
  --allow-format <name>  accept a schema format with no validator (repeatable), e.g. unix-time
  --quiet                print diagnostics only, no progress
  -h, --help             this text

Exit codes: 0 ok, 1 diagnostics with errors or drift, 2 usage or I/O error.`;

export class UsageError extends Error {}

/** Run `generate`; answers the exit code. All output goes through `out` and `err`. */
export async function runGenerate(argv: string[], io: CommandIo): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        spec: { type: "string" },
        out: { type: "string" },
        config: { type: "string" },
        check: { type: "boolean", default: false },
        "allow-format": { type: "string", multiple: true, default: [] },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    io.err(`spec-contract generate: ${(error as Error).message}\n\n${GENERATE_HELP}`);
    return 2;
  }
  if (values.help) {
    io.out(GENERATE_HELP);
    return 0;
  }
  if ((values.spec === undefined) !== (values.out === undefined)) {
    io.err("spec-contract generate: --spec and --out go together");
    return 2;
  }
  const targets = await selectTargets(io, { spec: values.spec, out: values.out, config: values.config, names: positionals });
  if (typeof targets === "number") return targets;
  const started = performance.now();
  let result;
  try {
    result = await generate({
      targets: targets.list.map((t) => ({ spec: t.spec, out: t.out })),
      cwd: targets.root,
      allowFormats: [...new Set([...values["allow-format"], ...targets.list.flatMap((t) => t.allowFormats ?? [])])].sort(),
      log: values.quiet ? undefined : (line) => io.err(`  ${line}`),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    io.err(`spec-contract generate: ${e.code === "ENOENT" ? `cannot read ${e.path}` : e.message}`);
    return 2;
  }
  for (const d of result.diagnostics) io.err(formatDiagnostic(d));
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  if (hasErrors(result.diagnostics)) {
    io.err(`${errors} error(s), ${warnings} warning(s); nothing written`);
    return 1;
  }
  if (values.check) return reportDrift(result.apis, { ...io, cwd: targets.root });
  for (const api of result.apis) writeFolderAtomically(resolve(targets.root, api.target.out), api.files);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const api of result.apis) io.out(`${api.target.spec} → ${api.target.out}/ (${api.files.size} files)`);
  io.out(`generated ${result.apis.length} API(s) in ${seconds}s; ${warnings} warning(s)`);
  return 0;
}

/** --spec/--out, else the config's APIs (all or those named); a usage or config error prints and answers 2. */
async function selectTargets(io: CommandIo, input: { spec?: string; out?: string; config?: string; names: string[] }): Promise<{ root: string; list: (SpecTarget & { allowFormats?: string[] })[] } | number> {
  if (input.spec !== undefined && input.out !== undefined) {
    if (input.names.length > 0) {
      io.err(`spec-contract generate: --spec generates one document: drop '${input.names.join(" ")}'`);
      return 2;
    }
    return { root: io.cwd, list: [{ spec: input.spec, out: input.out }] };
  }
  let configured;
  try {
    configured = await configuredTargets(io.cwd, { ...(input.config !== undefined ? { file: input.config } : {}), names: input.names });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`spec-contract generate: ${error.message}`);
    return 2;
  }
  if (!configured) {
    io.err(`spec-contract generate: no spec-contract.config.{ts,mjs,js,json} in ${io.cwd} or above: pass --spec <file> --out <dir>, or run \`spec-contract init\``);
    return 2;
  }
  return { root: configured.root, list: configured.targets.map((t) => ({ spec: t.spec, out: t.out, allowFormats: t.allowFormats })) };
}

function reportDrift(apis: Awaited<ReturnType<typeof generate>>["apis"], io: { out: (s: string) => void; err: (s: string) => void; cwd: string }): number {
  let drifted = false;
  for (const api of apis) {
    const drift = findDrift(resolve(io.cwd, api.target.out), api.files);
    if (!hasDrift(drift)) continue;
    drifted = true;
    for (const p of drift.stale) io.err(`stale:   ${api.target.out}/${p} (differs from what ${api.target.spec} generates)`);
    for (const p of drift.missing) io.err(`missing: ${api.target.out}/${p}`);
    for (const p of drift.extra) io.err(`extra:   ${api.target.out}/${p} (the generator no longer makes it)`);
    for (const line of explainDrift(resolve(io.cwd, api.target.out), api.files, api.target.spec)) io.err(line);
  }
  if (drifted) {
    io.err("generated/ is out of date: run `npm run generate` and commit the result");
    return 1;
  }
  io.out(`generated/ is up to date (${apis.length} API(s))`);
  return 0;
}
