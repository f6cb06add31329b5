import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface Drift {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** Compare what would be written with what is on disk, in memory. Paths relative to `dir`. */
export function findDrift(dir: string, files: ReadonlyMap<string, string>): Drift {
  const onDisk = new Set(listFiles(dir));
  const drift: Drift = { stale: [], missing: [], extra: [] };
  for (const [path, content] of files) {
    if (!onDisk.has(path)) drift.missing.push(path);
    else if (!sameText(join(dir, path), content)) drift.stale.push(path);
  }
  for (const path of onDisk) if (!files.has(path)) drift.extra.push(path);
  drift.extra.sort();
  return drift;
}

/** Whether the file holds exactly `content`: sizes first, then bytes (no decoding of what is read). */
function sameText(file: string, content: string): boolean {
  const size = Buffer.byteLength(content);
  if (statSync(file).size !== size) return false;
  return readFileSync(file).equals(Buffer.from(content));
}

export function hasDrift(drift: Drift): boolean {
  return drift.stale.length + drift.missing.length + drift.extra.length > 0;
}

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  walk(dir);
  return out;
}
