import type { CommandIo } from "../cli/io.js";
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { formatDiagnostic, hasErrors } from "../document/diagnostics.js";
import { generate, type SpecTarget } from "./index.js";
import { stageTimer } from "./stages/context.js";
import { discoverTargets } from "./targets.js";
import { findDrift, hasDrift } from "./write/drift.js";
import { writeFolderAtomically } from "./write/atomic.js";
import { explainDrift } from "./write/explain.js";

export const GENERATE_HELP = `Usage: spec-contract generate [options]

Reads every OpenAPI document under spec/<provider>/<version>.yaml and writes
generated/<provider>-<version>/ (types, validators, server, client, examples).

Options:
  --spec <file>          generate one document instead (with --out)
  --out <dir>            output folder for --spec
  --check                write nothing; list stale, missing and extra files; exit 1 on drift
  --strict               every warning is an error (SC006 example breaks its schema, SC007 unknown
                         format, SC009 uncompilable schema or pattern…): nothing is written
  --allow-format <name>  accept a schema format with no validator without a warning (repeatable)
  --quiet                print diagnostics only, no progress
  -h, --help             this text

Warnings never stop generation unless --strict is given.
Exit codes: 0 ok, 1 diagnostics with errors or drift, 2 usage or I/O error.`;

export class UsageError extends Error {}

/** Run `generate`; answers the exit code. All output goes through `out` and `err`. */
export async function runGenerate(argv: string[], io: CommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        spec: { type: "string" },
        out: { type: "string" },
        check: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        "allow-format": { type: "string", multiple: true, default: [] },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
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
  const targets: SpecTarget[] = values.spec && values.out ? [{ spec: values.spec, out: values.out }] : discoverTargets(io.cwd);
  if (targets.length === 0) {
    io.err("spec-contract generate: no OpenAPI documents found under spec/ (or pass --spec and --out)");
    return 2;
  }
  const started = performance.now();
  let result;
  try {
    result = await generate({
      targets,
      cwd: io.cwd,
      allowFormats: values["allow-format"],
      strict: values.strict,
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
  if (values.check) return reportDrift(result.apis, io);
  for (const api of result.apis) {
    const timer = stageTimer(values.quiet ? () => {} : (line) => io.err(`  ${line}`), api.target.spec);
    writeFolderAtomically(resolve(io.cwd, api.target.out), api.files);
    timer("write");
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const api of result.apis) io.out(`${api.target.spec} → ${api.target.out}/ (${api.files.size} files)`);
  io.out(`generated ${result.apis.length} API(s) in ${seconds}s; ${warnings} warning(s)`);
  return 0;
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
