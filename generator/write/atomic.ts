import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replace `dir` with exactly `files`: everything is written to a sibling temp folder first,
 * then swapped in with renames, so a failure leaves the old folder as it was and files the
 * generator no longer makes disappear with it.
 */
export function writeFolderAtomically(dir: string, files: ReadonlyMap<string, string>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  try {
    for (const [path, content] of files) {
      const full = join(temp, path);
      mkdirSync(dirname(full), { recursive: true });
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
