import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "./run-cli.js";

export interface TypeCheckResult {
  /** tsc-style lines, `path(line,col): error TSnnnn: message` with continuation lines indented, for the given root. */
  errorsIn: (file: string) => string;
  /** every error of the program, in the same form, except in the files named */
  allErrors: (except?: string[]) => string;
  /** every file of the program (absolute paths), the standard library and declaration files included */
  files: readonly string[];
}

/**
 * One type check (the repository's tsconfig.json options, so `--strict` and the rest) over every
 * file a test needs checked, by TypeScript's native compiler (`tsgo`, @typescript/native-preview):
 * the same checker as `tsc`, about four times faster on this project, which keeps `npm test` short.
 * (The project itself builds with TypeScript 5, which openapi-typescript needs.) `virtual` adds
 * files (absolute path → text), e.g. a variant of a source file or generated output, written for the
 * check and removed after it; list those to check in `roots` too. With `project`, the check also
 * holds every file tsconfig.json includes, as `tsc --noEmit -p tsconfig.json` checks them.
 * `compilerOptions` are added to tsconfig.json's (a stricter user project's flags).
 */
export async function typeCheck(
  roots: string[],
  virtual: ReadonlyMap<string, string> = new Map(),
  options: { project?: boolean; compilerOptions?: Record<string, unknown> } = {},
): Promise<TypeCheckResult> {
  const written: string[] = [];
  const madeDirs: string[] = [];
  const config = join(PROJECT_ROOT, `.scratch-tsconfig-${process.pid}-${Date.now()}.json`);
  try {
    for (const [path, text] of virtual) {
      const created = mkdirSync(dirname(path), { recursive: true });
      if (created !== undefined) madeDirs.push(created);
      writeFileSync(path, text);
      written.push(path);
    }
    const base = JSON.parse(readFileSync(join(PROJECT_ROOT, "tsconfig.json"), "utf8")) as { include: string[] };
    const files = roots.map((r) => relative(PROJECT_ROOT, resolve(r)));
    const extra = options.compilerOptions ? { compilerOptions: options.compilerOptions } : {};
    writeFileSync(config, JSON.stringify({ extends: "./tsconfig.json", ...extra, include: options.project ? base.include : [], files }));
    written.push(config);
    // two checkers: this machine's two cores, and less CPU in all than the default four (4.0 s against 5.0 s here)
    const output = await tsgo(["--noEmit", "--pretty", "false", "--listFiles", "--checkers", "2", "-p", config]);
    return parse(output);
  } finally {
    for (const path of written) rmSync(path, { force: true });
    for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
  }
}

function tsgo(args: string[]): Promise<string> {
  const bin = join(dirname(createRequire(import.meta.url).resolve("@typescript/native-preview/package.json")), "bin", "tsgo");
  return new Promise((done, fail) => {
    // exits non-zero when it reports errors, which the callers read
    execFile(process.execPath, [bin, ...args], { cwd: PROJECT_ROOT, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && error.code !== 1 && error.code !== 2) fail(new Error(`tsgo failed (${String(error.code ?? error.signal)}): ${stderr || error.message}`));
      else done(String(stdout));
    });
  });
}

/** tsc's `--pretty false` output: diagnostics (a line each, with indented continuation lines), then `--listFiles`' paths. */
function parse(output: string): TypeCheckResult {
  const diagnostics: { file: string | undefined; text: string }[] = [];
  const files: string[] = [];
  for (const line of output.split("\n")) {
    if (line === "") continue;
    const located = /^(.+?)\(\d+,\d+\): error /.exec(line);
    if (located) diagnostics.push({ file: resolve(PROJECT_ROOT, located[1]!), text: line });
    else if (/^error TS\d+:/.test(line)) diagnostics.push({ file: undefined, text: line });
    else if (line.startsWith(" ") && diagnostics.length > 0) diagnostics[diagnostics.length - 1]!.text += `\n${line}`;
    else files.push(resolve(PROJECT_ROOT, line));
  }
  const inProgram = new Set(files);
  return {
    files,
    errorsIn: (file) => {
      const path = resolve(file);
      if (!inProgram.has(path)) throw new Error(`${file} is not in the program`);
      return diagnostics.filter((d) => d.file === path).map((d) => d.text).join("\n");
    },
    allErrors: (except = []) => {
      const skip = new Set(except.map((f) => resolve(f)));
      return diagnostics.filter((d) => d.file === undefined || !skip.has(d.file)).map((d) => d.text).join("\n");
    },
  };
}
