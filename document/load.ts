import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { DEFAULT_LIMITS, type InputLimits } from "./limits.js";
import { isConfined, readSpecFile, refRoots } from "./read.js";
import type { LoadExternal } from "./refs.js";
import { atOffset, parseSource, type SourceDocument } from "./source.js";

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
