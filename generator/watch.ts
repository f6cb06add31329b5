import { watch, type FSWatcher } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { InputLimits } from "../document/limits.js";
import { isConfined, readSpecFile, refRoots } from "../document/read.js";
import { parseSource } from "../document/source.js";
import { walkEntries } from "./schema/walk.js";
import type { CommandIo } from "../cli/io.js";
import type { SpecTarget } from "./index.js";

/** How long a burst of file events (an editor's save is several) settles before one regeneration. */
const DEBOUNCE_MS = 150;

/**
 * The local files a spec reads: itself and, transitively, every file its `$ref`s name (fragments cut),
 * read as generate reads them (document/read.ts: only under the spec's folder or an --allow-ref-dir,
 * only regular files within --max-spec-bytes, parsed within the depth and alias bounds). A file that
 * cannot be read or parsed is still watched (it may appear or be fixed); its refs are not followed.
 */
export function specFiles(spec: string, limits: InputLimits): string[] {
  const first = resolve(spec);
  const roots = refRoots(first, limits);
  const seen = new Set<string>();
  const pending = [first];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || (file !== first && !isConfined(file, roots))) continue;
    seen.add(file);
    const read = readSpecFile(file, limits);
    const root = "text" in read ? parseSource(file, read.text, limits).doc?.root : undefined;
    walkEntries([root], (key, value) => {
      if (key !== "$ref" || typeof value !== "string" || value.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(value)) return;
      const path = decodeURIComponent(value.split("#")[0]!);
      if (path !== "") pending.push(resolve(dirname(file), path));
    });
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
  // Ctrl-C during a run: the run finishes writing (never a half-written folder), and says so meanwhile
  let busy = true;
  signal?.addEventListener("abort", () => busy && io.err("stopping once this run has written its output…"), { once: true });
  let previous = (await run()).files;
  busy = false;
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
      busy = true;
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
      busy = false;
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
