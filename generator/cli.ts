import type { CommandIo } from "../cli/io.js";
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { dedupeDiagnostics, formatDiagnostic, hasErrors } from "../document/diagnostics.js";
import { displayUrl, isSpecUrl, SpecReadError } from "../document/read-spec.js";
import { generate, type SpecTarget } from "./index.js";
import { configuredTargets } from "./targets.js";
import { ConfigError } from "../config/load.js";
import { stageTimer } from "./stages/context.js";
import { findDrift, hasDrift } from "./write/drift.js";
import { writeFilesInPlace, writeFolderAtomically } from "./write/atomic.js";
import { inspectOutFolder } from "./write/guard.js";
import { explainDrift } from "./write/explain.js";
import { LIMIT_HELP, LIMIT_OPTIONS, limitsFromFlags, type InputLimits } from "../document/limits.js";
import { watchGenerate } from "./watch.js";

export const GENERATE_HELP = `Usage: spec-contract generate [<api>...] [options]
       spec-contract generate --spec <file> --out <dir> [options]

Writes types, validators, server skeleton, client and examples for each API of
spec-contract.config.* (found from the current folder upwards; <api> selects some
by name or prefix) into its \`output\` folder, or for one document with --spec and --out.

Options:
  --spec <file|url>      generate one document (no config needed; with --out); an http(s) URL is fetched
  --out <dir>            output folder for --spec
  --config <file>        use this config file instead of searching for one
  --lang <ts|js>         ts (default): TypeScript sources; js: .js beside .d.ts, for plain JavaScript projects
  --check                write nothing; list stale, missing and extra files; exit 1 on drift
  --strict               every warning is an error (SC006 example breaks its schema, SC007 unknown
                         format, SC009 uncompilable schema or pattern…): nothing is written
  --allow-format <name>  accept a schema format with no validator without a warning (repeatable)
  --all-schema-validators  a validator for every component schema (default: only those the
                         operations use; the rest still get types)
  --force                write into an --out folder that holds files the generator did not write
  --watch                generate, then again on every change of a spec or a file its $refs read,
                         printing what changed and how long it took (Ctrl-C stops)
  --quiet                no progress lines: only diagnostics and the one-line result
  --no-cache             compute every output unit again: neither read nor write the cache of
                         node_modules/.cache/spec-contract/ (output is the same bytes either way)
${LIMIT_HELP}
  -h, --help             this text

Warnings never stop generation unless --strict is given.
Exit codes: 0 ok, 1 diagnostics with errors or drift, 2 usage or I/O error.`;

export class UsageError extends Error {}

/**
 * Run `generate`; answers the exit code. All output goes through `out` and `err`. With --watch it runs
 * until `signal` aborts (the CLI aborts it on Ctrl-C), then answers 0.
 */
export async function runGenerate(argv: string[], io: CommandIo, signal?: AbortSignal): Promise<number> {
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
        lang: { type: "string", default: "ts" },
        strict: { type: "boolean", default: false },
        "allow-format": { type: "string", multiple: true, default: [] },
        "all-schema-validators": { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        "no-cache": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        ...LIMIT_OPTIONS,
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
  if (values.lang !== "ts" && values.lang !== "js") {
    io.err(`spec-contract generate: --lang is ts or js, not '${values.lang}'`);
    return 2;
  }
  if ((values.spec === undefined) !== (values.out === undefined)) {
    io.err("spec-contract generate: --spec and --out go together");
    return 2;
  }
  const targets = await selectTargets(io, { spec: values.spec, out: values.out, config: values.config, names: positionals });
  if (typeof targets === "number") return targets;
  let limits;
  try {
    limits = limitsFromFlags(values, (dir) => resolve(io.cwd, dir));
  } catch (error) {
    io.err(`spec-contract generate: ${(error as Error).message}`);
    return 2;
  }
  const once = (): Promise<{ code: number; files: Map<string, Map<string, string>> }> =>
    generateAndWrite(io, targets, { ...values, limits, lang: values.lang as "ts" | "js" });
  if (!values.watch) return (await once()).code;
  if (values.check) {
    io.err("spec-contract generate: --watch writes on every change; --check writes nothing: use one");
    return 2;
  }
  const remote = targets.list.find((t) => isSpecUrl(t.spec));
  if (remote) {
    io.err(`spec-contract generate: --watch needs local spec files, not ${shownSpec(remote.spec)}`);
    return 2;
  }
  return watchGenerate(io, targets, once, signal, limits);
}

type Targets = { root: string; list: SpecTarget[] };
interface RunValues {
  check: boolean;
  force: boolean;
  quiet: boolean;
  strict: boolean;
  "all-schema-validators": boolean;
  "allow-format": string[];
  lang: "ts" | "js";
  limits: InputLimits;
  "no-cache": boolean;
}

/** Generate every target and write (or, with --check, compare) the output; answers the exit code and what was generated. */
async function generateAndWrite(io: CommandIo, targets: Targets, values: RunValues): Promise<{ code: number; files: Map<string, Map<string, string>> }> {
  const files = new Map<string, Map<string, string>>();
  const code = await generateAndWriteCode(io, targets, values, files);
  return { code, files };
}

async function generateAndWriteCode(io: CommandIo, targets: Targets, values: RunValues, written: Map<string, Map<string, string>>): Promise<number> {
  const limits = values.limits;
  const started = performance.now();
  let result;
  try {
    result = await generate({
      targets: targets.list,
      cwd: targets.root,
      allowFormats: values["allow-format"],
      allSchemaValidators: values["all-schema-validators"],
      limits,
      lang: values.lang,
      strict: values.strict,
      ...(values["no-cache"] ? { cacheDir: false as const } : {}),
      log: values.quiet ? undefined : (line) => io.err(`  ${line}`),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const message = error instanceof SpecReadError ? e.message : e.code === "ENOENT" ? `cannot read ${e.path}` : e.message;
    io.err(`spec-contract generate: ${message}`);
    return 2;
  }
  const diagnostics = dedupeDiagnostics(result.diagnostics);
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (hasErrors(result.diagnostics)) {
    io.err(`${errors} error(s), ${warnings} warning(s); nothing written`);
    return 1;
  }
  if (values.check) return reportDrift(result.apis, { ...io, cwd: targets.root });
    const refused = result.apis.flatMap((api) => {
    const folder = inspectOutFolder(resolve(targets.root, api.target.out));
    return folder.kind === "foreign" && !values.force ? [{ out: api.target.out, foreign: folder.foreign }] : [];
  });
  for (const r of refused) {
    io.err(`spec-contract generate: ${r.out}/ holds files spec-contract did not write (${r.foreign.join(", ")}); nothing written.`);
    io.err(`  Choose an empty or new folder, or pass --force to write beside them (they are kept).`);
  }
  if (refused.length > 0) return 2;
  const unchanged = new Map<string, number>();
  for (const api of result.apis) {
    const dir = resolve(targets.root, api.target.out);
    const timer = stageTimer(values.quiet ? () => {} : (line) => io.err(`  ${line}`), api.target.spec);
    if (inspectOutFolder(dir).kind === "foreign") writeFilesInPlace(dir, api.files);
    else unchanged.set(api.target.out, writeFolderAtomically(dir, api.files).unchanged);
    timer("write");
    written.set(api.target.out, api.files);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const api of result.apis) io.out(`${shownSpec(api.target.spec)} → ${api.target.out}/ (${api.files.size} files${unchangedNote(unchanged.get(api.target.out) ?? 0, api.files.size)})`);
  io.out(`generated ${result.apis.length} API(s) in ${seconds}s; ${warnings} warning(s)`);
  return 0;
}

/** `, all unchanged` or `, 35 unchanged` after the file count; nothing when every file was written anew. */
function unchangedNote(unchanged: number, total: number): string {
  if (unchanged === 0) return "";
  return unchanged === total ? ", all unchanged" : `, ${unchanged} unchanged`;
}

/** --spec/--out, else the config's APIs (all or those named); a usage or config error prints and answers 2. */
async function selectTargets(io: CommandIo, input: { spec?: string; out?: string; config?: string; names: string[] }): Promise<{ root: string; list: SpecTarget[] } | number> {
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
  return { root: configured.root, list: configured.targets.map((t) => ({ spec: t.spec, out: t.out, allowFormats: t.allowFormats, strict: t.strict, allSchemaValidators: t.allSchemaValidators })) };
}

function reportDrift(apis: Awaited<ReturnType<typeof generate>>["apis"], io: { out: (s: string) => void; err: (s: string) => void; cwd: string }): number {
  const drifted: string[] = [];
  for (const api of apis) {
    const drift = findDrift(resolve(io.cwd, api.target.out), api.files);
    if (!hasDrift(drift)) continue;
    drifted.push(api.target.out);
    for (const p of drift.stale) io.err(`stale:   ${api.target.out}/${p} (differs from what ${shownSpec(api.target.spec)} generates)`);
    for (const p of drift.missing) io.err(`missing: ${api.target.out}/${p}`);
    for (const p of drift.extra) io.err(`extra:   ${api.target.out}/${p} (the generator no longer makes it)`);
    for (const line of explainDrift(resolve(io.cwd, api.target.out), api.files, shownSpec(api.target.spec))) io.err(line);
  }
  if (drifted.length > 0) {
    io.err(`${drifted.map((out) => `${out}/`).join(", ")} out of date: run \`spec-contract generate\` and commit the result`);
    return 1;
  }
  io.out(`${apis.map((api) => `${api.target.out}/`).join(", ")} up to date (${apis.length} API(s))`);
  return 0;
}

/** A URL without credentials or query (they may carry keys); a path as given. */
function shownSpec(spec: string): string {
  return isSpecUrl(spec) ? displayUrl(spec) : spec;
}
