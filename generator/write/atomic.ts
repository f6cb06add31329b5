import { existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { findDrift, hasDrift } from "./drift.js";

/** How many of the files were already on disk with the same text (kept as they were). */
export interface WriteOutcome {
  unchanged: number;
}

/**
 * Replace `dir` with exactly `files`: everything is written to a sibling temp folder first,
 * then swapped in with renames, so a failure leaves the old folder as it was and files the
 * generator no longer makes disappear with it. A file whose text is unchanged is hard-linked from
 * the old folder rather than written again, so it keeps its inode and mtime (watchers and
 * incremental builds see only what changed); when nothing changed the folder is not touched at all.
 */
export function writeFolderAtomically(dir: string, files: ReadonlyMap<string, string>): WriteOutcome {
  const drift = existsSync(dir) ? findDrift(dir, files) : undefined;
  if (drift && !hasDrift(drift)) return { unchanged: files.size };
  const rewritten = new Set(drift ? [...drift.stale, ...drift.missing] : files.keys());
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  try {
    for (const [path, content] of files) {
      const full = join(temp, path);
      mkdirSync(dirname(full), { recursive: true });
      if (!rewritten.has(path) && linked(join(dir, path), full)) continue;
      writeFileSync(full, content);
    }
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(temp, dir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(dir)) renameSync(old, dir);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
  return { unchanged: files.size - rewritten.size };
}

/** A hard link to an unchanged file; false where the file system has none (the text is written instead). */
function linked(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write `files` into `dir` without removing anything (`--force` into a folder that holds other files):
 * each file is written to a temp name and renamed over its target; files the generator did not write stay.
 */
export function writeFilesInPlace(dir: string, files: ReadonlyMap<string, string>): void {
  const tag = `${process.pid}-${Date.now()}`;
  for (const [path, content] of files) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    const temp = join(dirname(full), `.${basename(full)}.tmp-${tag}`);
    writeFileSync(temp, content);
    renameSync(temp, full);
  }
}
