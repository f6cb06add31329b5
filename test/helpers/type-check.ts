import ts from "typescript";
import { dirname, join, resolve } from "node:path";
import { PROJECT_ROOT } from "./run-cli.js";

export interface TypeCheckResult {
  /** tsc-style lines, `path(line,col): error TSnnnn: message` with continuation lines indented, for the given root. */
  errorsIn: (file: string) => string;
  /** every error of the program, in the same form, except in the files named */
  allErrors: (except?: string[]) => string;
  /** the program's root files (absolute paths) */
  roots: readonly string[];
}

/**
 * One TypeScript program (the repository's tsconfig.json options, so `--strict` and the rest) over
 * every file a test file needs checked, built once: each `tsc` run pays for parsing the standard
 * library and the shared imports again, one program pays once. `virtual` adds in-memory files
 * (absolute path → text), e.g. a variant of a source file, without writing them anywhere; list
 * those to check in `roots` too. With `project`, the program also holds every file tsconfig.json
 * includes, as `tsc --noEmit -p tsconfig.json` checks them, but those `leaveOut` names.
 */
export function typeCheck(roots: string[], virtual: ReadonlyMap<string, string> = new Map(), options: { project?: boolean; leaveOut?: (file: string) => boolean } = {}): TypeCheckResult {
  const config = ts.getParsedCommandLineOfConfigFile(join(PROJECT_ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("cannot read tsconfig.json");
  const host = ts.createCompilerHost(config.options, true);
  const files = new Map([...virtual].map(([path, text]) => [resolve(path), text]));
  const folders = new Set([...files.keys()].flatMap((path) => ancestors(path)));
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.fileExists = (path) => files.has(resolve(path)) || fileExists.call(host, path);
  host.directoryExists = (path) => folders.has(resolve(path)) || (directoryExists?.call(host, path) ?? true);
  host.readFile = (path) => files.get(resolve(path)) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, onError, create) => {
    const text = files.get(resolve(path));
    return text === undefined ? getSourceFile.call(host, path, language, onError, create) : ts.createSourceFile(path, text, language, true);
  };
  const project = options.project ? config.fileNames.filter((f) => !options.leaveOut?.(resolve(f))) : [];
  const rootNames = [...project, ...roots].map((r) => resolve(r));
  const program = ts.createProgram({ rootNames, options: config.options, host });
  const format = (diagnostics: readonly ts.Diagnostic[]): string =>
    diagnostics
      .filter((d) => d.category === ts.DiagnosticCategory.Error)
      .map((d) => {
        const text = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
        if (!d.file || d.start === undefined) return `error TS${d.code}: ${text}`;
        const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
        return `${d.file.fileName}(${line + 1},${character + 1}): error TS${d.code}: ${text}`;
      })
      .join("\n");
  return {
    roots: program.getRootFileNames(),
    errorsIn: (file) => {
      const source = program.getSourceFile(resolve(file));
      if (!source) throw new Error(`${file} is not in the program`);
      return format([...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]);
    },
    allErrors: (except = []) => {
      const skip = new Set(except.map((f) => resolve(f)));
      const configErrors = options.project ? config.errors : [];
      return format([...configErrors, ...ts.getPreEmitDiagnostics(program)].filter((d) => !d.file || !skip.has(resolve(d.file.fileName))));
    },
  };
}

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(path); !out.includes(dir) && dir !== dirname(dir); dir = dirname(dir)) out.push(dir);
  return out;
}
