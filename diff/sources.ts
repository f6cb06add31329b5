import { execFile, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { parseSource, type SourceDocument } from "../document/source.js";
import { normalizeRefs } from "../document/refs.js";
import { formatDiagnostic } from "../document/diagnostics.js";
import { isSpecUrl, readSpecText, SpecReadError } from "../document/read-spec.js";

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

/** One side of a comparison: the document as written (for positions) and with every `$ref` local. */
export interface Side {
  /** How the side is named in reports: the path, or `git:<ref>:<path>`. */
  label: string;
  doc: SourceDocument;
  root: Record<string, unknown>;
}

export class SourceError extends Error {}

/** `git:<ref>:<path>` reads the file at that commit (`git show`, no shell); anything else is a path. */
export function parseSideArgument(arg: string): { kind: "git"; ref: string; path: string } | { kind: "file"; path: string } {
  if (!arg.startsWith("git:")) return { kind: "file", path: arg };
  const rest = arg.slice(4);
  const colon = rest.lastIndexOf(":");
  if (colon <= 0 || colon === rest.length - 1) throw new SourceError(`'${arg}' is not git:<ref>:<path>`);
  return { kind: "git", ref: rest.slice(0, colon), path: rest.slice(colon + 1) };
}

export async function loadSide(arg: string, cwd: string): Promise<Side> {
  if (isSpecUrl(arg)) return loadRemoteSide(arg, cwd);
  const spec = parseSideArgument(arg);
  if (spec.kind === "file") {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, spec.path), "utf8");
    } catch (error) {
      throw new SourceError(`cannot read ${spec.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return buildSide(arg, spec.path, text, { absolute: resolve(cwd, spec.path), readExternal: readFileQuietly });
  }
  const text = await gitShow(spec.ref, spec.path, cwd);
  const top = (await run("git", ["rev-parse", "--show-toplevel"], { cwd })).stdout.trim();
  const absolute = resolve(top, spec.path);
  const readExternal = (file: string): string | undefined => {
    const inRepo = relative(top, file);
    if (inRepo.startsWith("..") || isAbsolute(inRepo)) return undefined;
    try {
      return execFileSync("git", ["show", `${spec.ref}:${inRepo.split("\\").join("/")}`], { cwd: top, maxBuffer: MAX_BUFFER, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      return undefined;
    }
  };
  return buildSide(arg, arg, text, { absolute, readExternal });
}

/** An http(s) URL, fetched within bounds; its `$ref`s stay inside the document. */
async function loadRemoteSide(url: string, cwd: string): Promise<Side> {
  try {
    const source = await readSpecText(url, cwd);
    return buildSide(source.display, source.display, source.text, { absolute: source.absolute, readExternal: () => undefined });
  } catch (error) {
    if (error instanceof SpecReadError) throw new SourceError(error.message);
    throw error;
  }
}

async function gitShow(ref: string, path: string, cwd: string): Promise<string> {
  try {
    return (await run("git", ["show", `${ref}:${path}`], { cwd, maxBuffer: MAX_BUFFER })).stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split("\n")[0];
    throw new SourceError(`cannot read git:${ref}:${path}: ${stderr}`);
  }
}

function readFileQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** A side from text in memory (tests, tools): `file` names it in positions; external refs are read from disk. */
export function sideFromText(file: string, text: string): Side {
  return buildSide(file, file, text, { absolute: resolve(file), readExternal: readFileQuietly });
}

function buildSide(
  label: string,
  file: string,
  text: string,
  options: { absolute: string; readExternal: (file: string) => string | undefined },
): Side {
  const parsed = parseSource(file, text);
  if (!parsed.doc) throw new SourceError(parsed.diagnostics.map(formatDiagnostic).join("\n"));
  const doc = parsed.doc;
  const root = doc.root as Record<string, unknown> | null;
  if (root === null || typeof root !== "object" || typeof root.openapi !== "string" || !/^3\.[01]\./.test(root.openapi)) {
    throw new SourceError(`${file}:1:1 is not an OpenAPI 3.0.x or 3.1.x document`);
  }
  const loadExternal = (absolutePath: string): SourceDocument | undefined => {
    const external = options.readExternal(absolutePath);
    if (external === undefined) return undefined;
    const shown = relative(dirname(options.absolute), absolutePath);
    return parseSource(shown, external).doc;
  };
  const normalized = normalizeRefs(doc, loadExternal, options.absolute);
  const errors = normalized.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new SourceError(errors.map(formatDiagnostic).join("\n"));
  return { label, doc, root: normalized.root as Record<string, unknown> };
}
