import { createHash } from "node:crypto";
import { joinPointer } from "../../document/pointer.js";
import { bannerText } from "../render/banner.js";
import type { EmittedFile } from "./emitted-file.js";

/** A short content hash of every spec part (operation, component), so `--check` can name what changed. */
export interface Manifest {
  source: string;
  parts: Record<string, string>;
}

/**
 * Parts are pointers into the spec (`#/paths/~1pets/get`, `#/components/schemas/Pet`) and, for the
 * other files its `$ref`s read, their paths relative to the spec's folder (`schemas/pet.yaml`).
 */
export function buildManifest(source: string, root: Record<string, unknown>, refFiles: readonly { path: string; root: unknown }[] = []): Manifest {
  const parts: Record<string, string> = {};
  const paths = (root.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const path of Object.keys(paths).sort()) {
    const item = paths[path] ?? {};
    for (const key of Object.keys(item).sort()) parts[joinPointer("#/paths", path, key)] = hash(item[key]);
  }
  const components = (root.components ?? {}) as Record<string, Record<string, unknown>>;
  for (const kind of Object.keys(components).sort()) {
    for (const name of Object.keys(components[kind] ?? {}).sort()) parts[joinPointer("#/components", kind, name)] = hash(components[kind]![name]);
  }
  for (const key of Object.keys(root).sort()) if (key !== "paths" && key !== "components") parts[joinPointer("#", key)] = hash(root[key]);
  for (const file of [...refFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) parts[file.path] = hash(file.root);
  return { source, parts };
}

export function emitManifest(manifest: Manifest): EmittedFile {
  return { path: "manifest.json", content: `${JSON.stringify({ "//": bannerText(manifest.source), ...manifest }, null, 2)}\n` };
}

/** What changed in the spec between two manifests, as pointers. */
export function diffManifests(before: Manifest | undefined, after: Manifest): { changed: string[]; added: string[]; removed: string[] } {
  const old = before?.parts ?? {};
  const changed = Object.keys(after.parts).filter((p) => p in old && old[p] !== after.parts[p]);
  const added = Object.keys(after.parts).filter((p) => !(p in old));
  const removed = Object.keys(old).filter((p) => !(p in after.parts));
  return { changed, added, removed };
}

function hash(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("hex").slice(0, 16);
}

/** JSON with sorted keys: reordering keys is not a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
