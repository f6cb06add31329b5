import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import type ts from "typescript";
import { VALIDATOR_MODULE_DIRECTIVE } from "./validators.js";

type TypeScript = typeof ts;

/**
 * `--lang js`: every generated `.ts` file becomes `.js` (ESM) beside its `.d.ts`, for projects without a
 * TypeScript build. Each file is transpiled on its own (`transpileModule`, and `transpileDeclaration`
 * for its declarations, as isolatedDeclarations allows): no type checking, so no program over the
 * output and its imports. A file whose declarations need the checker goes to one small program over
 * just those files (placed at its real folder, so `fastify` and `ajv` types resolve from the user's
 * node_modules when installed). Type errors never stop the emit.
 */
export async function toJavaScript(files: ReadonlyMap<string, string>, outDir: string): Promise<Map<string, string>> {
  // loaded on use (only --lang js needs it), through `require`: the instance openapi-typescript loaded for
  // types.ts, where an `import` would load a second one (and lex its 9 MB for named exports first)
  const ts = createRequire(import.meta.url)("typescript") as TypeScript;
  const options = javaScriptOptions(ts, outDir);
  const { outDir: _outDir, rootDir: _rootDir, ...isolated } = options;
  const out = new Map<string, string>();
  const needProgram: string[] = [];
  for (const [path, content] of files) {
    if (!path.endsWith(".ts")) {
      out.set(path, content);
      continue;
    }
    const js = path.replace(/\.ts$/, ".js");
    const dts = path.replace(/\.ts$/, ".d.ts");
    if (isValidatorModule(content)) {
      // ajv's standalone code: JavaScript already, under a directive that turns type checking off
      out.set(js, content.replace(`${VALIDATOR_MODULE_DIRECTIVE}\n`, ""));
      out.set(dts, validatorDeclarations(content));
      continue;
    }
    out.set(js, ts.transpileModule(content, { compilerOptions: isolated, fileName: path }).outputText);
    const declaration = isolatedDeclaration(ts, content, path, isolated);
    if (declaration === undefined) needProgram.push(path);
    else out.set(dts, declaration);
  }
  if (needProgram.length > 0) for (const [path, text] of declarationsFromProgram(ts, files, needProgram, outDir, options)) out.set(path, text);
  return withBanners(out, files);
}

/** A validator module as emit/validators.ts prints it (its directive first, or after the banner): ajv's standalone JavaScript. */
function isValidatorModule(content: string): boolean {
  return content.split("\n", 2).includes(VALIDATOR_MODULE_DIRECTIVE);
}

/** The declarations of a validator module: each `export const` is an ajv `ValidateFunction`. */
function validatorDeclarations(content: string): string {
  const names = [...content.matchAll(/^export const ([A-Za-z_$][\w$]*) =/gm)].map((m) => m[1]!);
  const lines = ['import type { ValidateFunction } from "ajv";', ...names.map((name) => `export declare const ${name}: ValidateFunction;`), ""];
  return lines.join("\n");
}

/** The compiler options of the JavaScript and declarations written for --lang js. */
function javaScriptOptions(typescript: TypeScript, outDir: string): ts.CompilerOptions {
  return {
    target: typescript.ScriptTarget.ES2022,
    module: typescript.ModuleKind.ES2022,
    moduleResolution: typescript.ModuleResolutionKind.Bundler,
    declaration: true,
    strict: true,
    skipLibCheck: true,
    noEmitOnError: false,
    removeComments: false,
    newLine: typescript.NewLineKind.LineFeed,
    types: [],
    outDir,
    rootDir: outDir,
  };
}

/**
 * The file's declarations without a checker, or undefined when it needs one: a declaration that
 * isolatedDeclarations cannot write (an inferred type), or a computed member such as
 * `[Symbol.asyncIterator]`, which TypeScript 5's transpileDeclaration prints twice (runtime/client/paginate.ts).
 */
function isolatedDeclaration(typescript: TypeScript, content: string, path: string, options: ts.CompilerOptions): string | undefined {
  if (/^\s*(?:(?:readonly|static|async|get|set|public|private|protected)\s+)*\*?\s*\[[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]*\]/m.test(content)) return undefined;
  const result = typescript.transpileDeclaration(content, { compilerOptions: { ...options, isolatedDeclarations: true }, fileName: path, reportDiagnostics: true });
  return (result.diagnostics ?? []).length > 0 ? undefined : result.outputText;
}

/** Declarations for `paths` from one program over the output (read from `files`, placed at `outDir`). */
function declarationsFromProgram(typescript: TypeScript, files: ReadonlyMap<string, string>, paths: readonly string[], outDir: string, options: ts.CompilerOptions): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const [path, content] of files) if (path.endsWith(".ts")) byPath.set(join(outDir, path), content);
  const host = typescript.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => byPath.get(file) ?? readFile(file);
  host.fileExists = (file) => byPath.has(file) || typescript.sys.fileExists(file);
  host.getSourceFile = (file, language) => {
    const text = byPath.get(file);
    return text === undefined ? getSourceFile(file, language) : typescript.createSourceFile(file, text, language);
  };
  const out = new Map<string, string>();
  host.writeFile = (file, text) => {
    if (file.endsWith(".d.ts")) out.set(relative(outDir, file).split(sep).join("/"), text);
  };
  const roots = paths.map((path) => join(outDir, path)).sort();
  const program = typescript.createProgram(roots, options, host);
  for (const root of roots) program.emit(program.getSourceFile(root), undefined, undefined, true);
  return out;
}

/** Declaration files can lose the leading banner comment: put the source's first line back. */
function withBanners(out: Map<string, string>, sources: ReadonlyMap<string, string>): Map<string, string> {
  const sorted = new Map<string, string>();
  for (const path of [...out.keys()].sort()) {
    let text = out.get(path)!;
    const source = sources.get(path.replace(/(\.d\.ts|\.js)$/, ".ts"));
    const banner = source?.split("\n", 1)[0];
    if (banner?.startsWith("// generated by") && !text.startsWith(banner)) text = `${banner}\n${text}`;
    sorted.set(path, text);
  }
  return sorted;
}
