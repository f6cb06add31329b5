import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

// `require`, not `import`: Node lexes TypeScript's 9 MB for named exports on import (0.5 s), and the generator loads it with require
const ts = createRequire(import.meta.url)("typescript") as typeof import("typescript");

/** folder → folders it imports from (relative to the root, `/`-separated), each edge with one example import. */
export type FolderGraph = Map<string, Map<string, string>>;

const SKIPPED = new Set(["node_modules", "dist", "coverage"]);

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name.startsWith(".") || SKIPPED.has(entry.name) ? [] : sourceFiles(root, path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function folderOf(path: string): string {
  const dir = dirname(path).split(sep).join("/");
  return dir === "." ? "" : dir;
}

/** Is `inner` the folder `outer` or one inside it? */
export function isWithin(inner: string, outer: string): boolean {
  return outer === "" || inner === outer || inner.startsWith(`${outer}/`);
}

/**
 * The folder-level import graph of every source file under `root` (relative imports only: packages
 * are not folders of ours). Imports within one folder are not edges. A folder's own files importing
 * its subfolders is composition (an index.ts assembling its parts), not an edge either: the
 * subfolders may then use their parent's shared files without that counting as a cycle.
 */
export function buildFolderGraph(root: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(root, "")) {
    const from = folderOf(file);
    for (const ref of ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true).importedFiles) {
      if (!ref.fileName.startsWith(".")) continue;
      const to = folderOf(relative(root, resolve(root, dirname(file), ref.fileName)));
      if (isWithin(to, from)) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, `${file} → ${ref.fileName}`);
    }
  }
  return graph;
}

/** Every group of folders that import each other in a circle (strongly connected components of 2 or more), sorted. */
export function findFolderCycles(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(graph.get(v)?.keys() ?? [])].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
