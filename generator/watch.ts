import { watch, readFileSync, statSync, type FSWatcher } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import type { InputLimits } from "../document/limits.js";
import { parse } from "yaml";
import type { CommandIo } from "../cli/io.js";
import type { SpecTarget } from "./index.js";

/** How long a burst of file events (an editor's save is several) settles before one regeneration. */
const DEBOUNCE_MS = 150;

/**
 * The local files a spec reads: itself and, transitively, every file its `$ref`s name (fragments cut),
 * within the same bounds as generating: only under the spec's folder or an --allow-ref-dir, and only
 * regular files up to --max-spec-bytes (generate reports the others). A file that cannot be read or
 * parsed is still watched (it may appear or be fixed); its refs are not followed.
 */
export function specFiles(spec: string, limits: InputLimits): string[] {
  const first = resolve(spec);
  const roots = [dirname(first), ...limits.allowRefDirs].map((dir) => resolve(dir) + sep);
  const allowed = (file: string): boolean => file === first || roots.some((root) => file.startsWith(root));
  const seen = new Set<string>();
  const pending = [first];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || !allowed(file)) continue;
    seen.add(file);
    let doc: unknown;
    try {
      const stat = statSync(file);
      if (!stat.isFile() || stat.size > limits.maxBytes) continue;
      doc = parse(readFileSync(file, "utf8"));
    } catch {
      continue;
    }
    const stack = [doc];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== "object") continue;
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && !value.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
          const path = decodeURIComponent(value.split("#")[0]!);
          if (path !== "") pending.push(resolve(dirname(file), path));
        } else if (value !== null && typeof value === "object") stack.push(value);
      }
    }
  }
  return [...seen].sort();
}

/**
 * `generate --watch`: after the first run, regenerate whenever a spec or a file its `$ref`s read changes
 * (their folders are watched, so an editor that replaces the file is seen too), printing which files
 * changed, how long the run took and which output files it changed. Runs until `signal` aborts; answers 0.
 */
export async function watchGenerate(
  io: CommandIo,
  targets: { root: string; list: SpecTarget[] },
  run: () => Promise<{ code: number; files: Map<string, Map<string, string>> }>,
  signal: AbortSignal | undefined,
  limits: InputLimits,
): Promise<number> {
  let previous = (await run()).files;
  const watchers = new Map<string, FSWatcher>();
  let files = new Set<string>();
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const relativeName = (file: string): string => (file.startsWith(targets.root + "/") ? file.slice(targets.root.length + 1) : file);

  const rewatch = (): void => {
    files = new Set(targets.list.flatMap((t) => specFiles(resolve(targets.root, t.spec), limits)));
    const folders = new Set([...files].map((f) => dirname(f)));
    for (const [folder, watcher] of watchers) {
      if (!folders.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        watchers.set(
          folder,
          watch(folder, (_event, name) => {
            const file = name === null ? undefined : join(folder, name.toString());
            if (file === undefined || !files.has(file)) return;
            changed.add(file);
            clearTimeout(timer);
            timer = setTimeout(regenerate, DEBOUNCE_MS);
          }),
        );
      } catch {
        // a folder that is gone: watched again once a run finds it
      }
    }
  };

  const regenerate = (): void => {
    if (running) {
      timer = setTimeout(regenerate, DEBOUNCE_MS);
      return;
    }
    const names = [...changed].map(relativeName).sort();
    changed.clear();
    running = (async () => {
      io.err(`changed: ${names.join(", ")}`);
      const started = performance.now();
      const result = await run().catch((error: unknown) => {
        io.err(`spec-contract generate: ${(error as Error).message}`);
        return { code: 2, files: new Map<string, Map<string, string>>() };
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (result.code === 0) {
        const outputs = [...result.files].flatMap(([out, now]) => {
          const before = previous.get(out) ?? new Map<string, string>();
          const paths = new Set([...now.keys(), ...before.keys()]);
          return [...paths].filter((p) => now.get(p) !== before.get(p)).sort().map((p) => `${out}/${p}`);
        });
        previous = result.files;
        const shown = outputs.length > 8 ? [...outputs.slice(0, 8), `… ${outputs.length - 8} more`] : outputs;
        io.out(`regenerated in ${seconds}s: ${outputs.length === 0 ? "no output file changed" : `${outputs.length} file(s) changed: ${shown.join(", ")}`}`);
      } else io.out(`not regenerated (${seconds}s): fix the errors above; still watching`);
      rewatch();
      running = undefined;
    })();
  };

  rewatch();
  io.out(`watching ${[...files].map(relativeName).join(", ")} (Ctrl-C stops)`);
  await new Promise<void>((done) => {
    if (signal?.aborted) return done();
    signal?.addEventListener("abort", () => done(), { once: true });
  });
  clearTimeout(timer);
  await running;
  for (const watcher of watchers.values()) watcher.close();
  return 0;
}
