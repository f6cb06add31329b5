import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { diffManifests, type Manifest } from "../emit/manifest.js";

const SHOWN = 10;

/**
 * Name the spec changes behind drift: compare the manifest on disk (the spec as it was when
 * generated/ was last written) with the one just computed. When no spec part changed, the
 * drift comes from the generator or from hand edits, and that is said instead.
 */
export function explainDrift(dir: string, files: ReadonlyMap<string, string>, spec: string): string[] {
  const fresh = files.get("manifest.json");
  if (!fresh) return [];
  const path = join(dir, "manifest.json");
  const before = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Manifest) : undefined;
  const { changed, added, removed } = diffManifests(before, JSON.parse(fresh) as Manifest);
  if (!before) return [`  (no manifest.json on disk: generated before drift tracking, or never generated)`];
  const lines: string[] = [];
  // a part is a pointer into the spec, or the path (relative to the spec's folder) of a file its $refs read
  const folder = spec.includes("/") ? spec.slice(0, spec.lastIndexOf("/") + 1) : "";
  const list = (label: string, pointers: string[]) => {
    for (const p of pointers.slice(0, SHOWN)) lines.push(p.startsWith("#") ? `  ${label} in ${spec}: ${p}` : `  ${label}: ${folder}${p}`);
    if (pointers.length > SHOWN) lines.push(`  … and ${pointers.length - SHOWN} more ${label}`);
  };
  list("changed", changed);
  list("added", added);
  list("removed", removed);
  if (lines.length === 0) lines.push(`  ${spec} is unchanged: the drift comes from a generator or template change, or from a hand edit`);
  return [`spec changes behind it:`, ...lines];
}
