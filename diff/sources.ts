import { execFile, execFileSync } from "node:child_process";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { parseSource, type SourceDocument } from "../document/source.js";
import { normalizeRefs, type LoadExternal } from "../document/refs.js";
import { formatDiagnostic } from "../document/diagnostics.js";
import { confinedLoader } from "../document/load.js";
import { DEFAULT_LIMITS, type InputLimits } from "../document/limits.js";
import { decodeUtf8, readSpecFile, refRoots, type ReadResult } from "../document/read.js";
import { checkStructure } from "../document/structure.js";
import { isSpecUrl, readSpecText, SpecReadError } from "../document/read-spec.js";

const run = promisify(execFile);

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
  const ref = rest.slice(0, colon);
  const path = rest.slice(colon + 1);
  // git would read these as options (`--output=…`): refuse them rather than rely on quoting.
  if (ref.startsWith("-") || path.startsWith("-")) throw new SourceError(`'${arg}': a git ref or path may not start with '-'`);
  return { kind: "git", ref, path };
}

export async function loadSide(arg: string, cwd: string, limits: InputLimits = DEFAULT_LIMITS): Promise<Side> {
  if (isSpecUrl(arg)) return loadRemoteSide(arg, cwd, limits);
  const spec = parseSideArgument(arg);
  if (spec.kind === "file") {
    const absolute = resolve(cwd, spec.path);
    const text = textOrThrow(spec.path, readSpecFile(absolute, limits));
    return buildSide(arg, spec.path, text, { absolute, loadExternal: confinedLoader(absolute, dirname(absolute), limits), limits });
  }
  const text = textOrThrow(arg, await gitShow(spec.ref, spec.path, cwd, limits));
  const top = (await run("git", ["rev-parse", "--show-toplevel"], { cwd })).stdout.trim();
  const absolute = resolve(top, spec.path);
  return buildSide(arg, arg, text, { absolute, loadExternal: gitLoader(spec.ref, top, absolute, limits), limits });
}

function textOrThrow(shown: string, read: ReadResult): string {
  if ("text" in read) return read.text;
  throw new SourceError(read.errno ? `cannot read ${shown}: ${read.errno}` : `${shown} ${read.problem}`);
}

/** An http(s) URL, fetched within bounds; its `$ref`s stay inside the document. */
async function loadRemoteSide(url: string, cwd: string, limits: InputLimits): Promise<Side> {
  try {
    const source = await readSpecText(url, cwd, { maxBytes: limits.maxBytes });
    const loadExternal: LoadExternal = () => ({ problem: "a spec read from a URL may only refer to itself" });
    return buildSide(source.display, source.display, source.text, { absolute: source.absolute, loadExternal, limits });
  } catch (error) {
    if (error instanceof SpecReadError) throw new SourceError(error.message);
    throw error;
  }
}

/** `git show <ref>:<path>` with the same bounds as a file: size cap, strict UTF-8; options never injected. */
async function gitShow(ref: string, path: string, cwd: string, limits: InputLimits): Promise<ReadResult> {
  try {
    const { stdout } = await run("git", ["show", "--end-of-options", `${ref}:${path}`, "--"], { cwd, maxBuffer: limits.maxBytes, encoding: "buffer" });
    return decodeUtf8(stdout);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
      return { problem: `is larger than ${limits.maxBytes} bytes; raise the limit with --max-spec-bytes` };
    }
    const stderr = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim().split("\n")[0];
    throw new SourceError(`cannot read git:${ref}:${path}: ${stderr}`);
  }
}

/** External `$ref`s of a git side: read at the same commit, confined like files on disk. */
function gitLoader(ref: string, top: string, specAbsolute: string, limits: InputLimits): LoadExternal {
  const roots = refRoots(specAbsolute, limits);
  return (file) => {
    const inside = roots.some((root) => {
      const rel = relative(root, file);
      return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
    });
    const inRepo = relative(top, file);
    if (!inside || inRepo.startsWith("..") || isAbsolute(inRepo)) return { problem: "reads outside the spec's folder (allow a folder with --allow-ref-dir)" };
    let read: ReadResult;
    try {
      const bytes = execFileSync("git", ["show", "--end-of-options", `${ref}:${inRepo.split(sep).join("/")}`, "--"], { cwd: top, maxBuffer: limits.maxBytes, stdio: ["ignore", "pipe", "ignore"] });
      read = decodeUtf8(bytes);
    } catch {
      return undefined;
    }
    if ("problem" in read) return { problem: read.problem };
    const parsed = parseSource(relative(dirname(specAbsolute), file).split(sep).join("/"), read.text, limits);
    return parsed.doc ?? { problem: "has errors", diagnostics: parsed.diagnostics };
  };
}

/** A side from text in memory (tests, tools): `file` names it in positions; external refs are read from disk. */
export function sideFromText(file: string, text: string): Side {
  const absolute = resolve(file);
  return buildSide(file, file, text, { absolute, loadExternal: confinedLoader(absolute, dirname(absolute)), limits: DEFAULT_LIMITS });
}

function buildSide(label: string, file: string, text: string, options: { absolute: string; loadExternal: LoadExternal; limits: InputLimits }): Side {
  const parsed = parseSource(file, text, options.limits);
  if (!parsed.doc) throw new SourceError(parsed.diagnostics.map(formatDiagnostic).join("\n"));
  const doc = parsed.doc;
  const root = doc.root as Record<string, unknown> | null;
  if (root === null || typeof root !== "object" || typeof root.openapi !== "string" || !/^3\.[01]\./.test(root.openapi)) {
    throw new SourceError(`${file}:1:1 is not an OpenAPI 3.0.x or 3.1.x document`);
  }
  const structural = checkStructure(doc.root).map((f) => {
    const pos = doc.locate(f.pointer);
    return `${file}:${pos.line}:${pos.column} error SC002 ${f.pointer}: ${f.message}`;
  });
  if (structural.length > 0) throw new SourceError(structural.join("\n"));
  const normalized = normalizeRefs(doc, options.loadExternal, options.absolute);
  const errors = normalized.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new SourceError(errors.map(formatDiagnostic).join("\n"));
  return { label, doc, root: normalized.root as Record<string, unknown> };
}
