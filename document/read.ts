import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync, constants } from "node:fs";
import { dirname, isAbsolute, relative, sep } from "node:path";
import type { InputLimits } from "./limits.js";

/** A file's text, or why it may not be or could not be read (a sentence for a diagnostic). */
export type ReadResult = { text: string } | { problem: string; offset?: number; errno?: string };

/**
 * Read a spec file: a regular file only (no device, FIFO or folder), at most `maxBytes`, strict UTF-8.
 * The size is checked before reading, and the read itself stops at the limit.
 */
export function readSpecFile(absolute: string, limits: Pick<InputLimits, "maxBytes">): ReadResult {
  let stat;
  try {
    stat = statSync(absolute);
  } catch (error) {
    return { problem: `cannot be read (${describeError(error)})`, errno: describeError(error) };
  }
  if (!stat.isFile()) return { problem: "is not a regular file" };
  if (stat.size > limits.maxBytes) return tooLarge(stat.size, limits.maxBytes);
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: `cannot be read (${describeError(error)})`, errno: describeError(error) };
  }
  try {
    if (!fstatSync(fd).isFile()) return { problem: "is not a regular file" };
    const buffer = Buffer.alloc(Math.min(stat.size, limits.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > limits.maxBytes) return tooLarge(length, limits.maxBytes);
      if (length === buffer.length) break;
    }
    return decodeUtf8(buffer.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, max: number): ReadResult {
  return { problem: `is larger than ${max} bytes${size > max ? ` (${size})` : ""}; raise the limit with --max-spec-bytes` };
}

function describeError(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

const STRICT = new TextDecoder("utf-8", { fatal: true });
const LENIENT = new TextDecoder("utf-8");

/** Strict UTF-8: invalid bytes are an error (with the character offset where they start), never U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): ReadResult {
  try {
    return { text: STRICT.decode(bytes) };
  } catch {
    const lenient = LENIENT.decode(bytes);
    const offset = Math.max(0, lenient.indexOf("\uFFFD"));
    return { problem: "is not valid UTF-8", offset };
  }
}

/** Whether `file` (after following symlinks) lies inside one of `dirs` (after following theirs). */
export function isConfined(file: string, dirs: readonly string[]): boolean {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return false;
  }
  return dirs.some((dir) => {
    let base: string;
    try {
      base = realpathSync(dir);
    } catch {
      return false;
    }
    const rel = relative(base, real);
    return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
  });
}

/** The folders a spec's `$ref`s may read from: its own folder and the ones given with --allow-ref-dir. */
export function refRoots(specAbsolute: string, limits: Pick<InputLimits, "allowRefDirs">): string[] {
  return [dirname(specAbsolute), ...limits.allowRefDirs];
}
