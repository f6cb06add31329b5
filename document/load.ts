import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { DEFAULT_LIMITS, type InputLimits } from "./limits.js";
import { isConfined, readSpecFile, refRoots } from "./read.js";
import type { LoadExternal } from "./refs.js";
import { atOffset, parseSource, type SourceDocument } from "./source.js";
import { displayPath } from "./display-path.js";
import { isSpecUrl, readSpecText } from "./read-spec.js";

/**
 * Read and parse a spec from disk within the limits; every problem with its content is a positioned
 * SC001 diagnostic. A file that cannot be opened at all throws the system error (an I/O error: exit 2).
 */
export function loadSourceFile(absolute: string, shown: string, limits: InputLimits = DEFAULT_LIMITS): { doc?: SourceDocument; diagnostics: Diagnostic[] } {
  const read = readSpecFile(absolute, limits);
  if ("errno" in read && read.errno) throw Object.assign(new Error(`cannot read ${shown}: ${read.errno}`), { code: read.errno, path: shown });
  if ("problem" in read) return { diagnostics: [withOffset(atOffset(shown, "", 0, `${shown} ${read.problem}`), read.offset, absolute)] };
  return parseSource(shown, read.text, limits);
}

/** Invalid UTF-8 is reported where it starts: line and column from the decodable text before it. */
function withOffset(d: Diagnostic, offset: number | undefined, absolute: string): Diagnostic {
  if (offset === undefined || offset === 0) return d;
  // Only reached after readSpecFile accepted the file as regular and within the size limit.
  const lenient = new TextDecoder("utf-8").decode(readFileSync(absolute));
  return { ...atOffset(d.file, lenient, offset, d.message) };
}


/**
 * The loader `$ref` resolution uses for other files: only regular files under the spec's folder or a
 * folder given with --allow-ref-dir (symlinks followed before the check), each within the size cap.
 * `shownFrom` is the folder paths in diagnostics are relative to.
 */
export function confinedLoader(specAbsolute: string, shownFrom: string, limits: InputLimits = DEFAULT_LIMITS): LoadExternal {
  const roots = refRoots(specAbsolute, limits);
  return (absolutePath) => {
    const file = resolve(absolutePath);
    if (!isConfined(file, roots)) {
      return { problem: "reads outside the spec's folder (allow a folder with --allow-ref-dir)" };
    }
    const shown = relative(shownFrom, file).split(sep).join("/");
    const read = readSpecFile(file, limits);
    if ("problem" in read) return { problem: read.problem };
    const parsed = parseSource(shown, read.text, limits);
    return parsed.doc ?? { problem: "has errors", diagnostics: parsed.diagnostics };
  };
}

/** A spec read and parsed, with how to name it and where its relative `$ref`s start. */
export interface LoadedSpec {
  /** how messages and banners name it: the path relative to the cwd, or the URL without credentials or query */
  file: string;
  /** the local path (for relative `$ref`s); for a URL, a path no external `$ref` may read from */
  absolute: string;
  /** fetched over http(s): its `$ref`s must stay inside the document */
  remote: boolean;
  doc?: SourceDocument;
  diagnostics: Diagnostic[];
}

/**
 * The one way every command reads a spec: a path (relative to `cwd`) or an http(s) URL, within the
 * limits. Throws for I/O (a missing file, an unreachable URL: exit 2); content problems are diagnostics.
 */
export async function loadSpec(spec: string, cwd: string, limits: InputLimits = DEFAULT_LIMITS): Promise<LoadedSpec> {
  if (isSpecUrl(spec)) {
    const source = await readSpecText(spec, cwd, { maxBytes: limits.maxBytes });
    return { file: source.display, absolute: source.absolute, remote: true, ...parseSource(source.display, source.text, limits) };
  }
  const absolute = resolve(cwd, spec);
  const file = displayPath(cwd, spec);
  return { file, absolute, remote: false, ...loadSourceFile(absolute, file, limits) };
}
