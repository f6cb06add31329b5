import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * A content-addressed cache of generated text, one entry per output unit (a validator function, a
 * schema's types, server.ts…). A key is a hash of everything the unit's text depends on, so an entry is
 * either right or missing: output is byte-identical with and without the cache.
 */
export interface UnitCache {
  /** the text cached for `key` in `kind`, or undefined */
  get(kind: string, key: string): string | undefined;
  set(kind: string, key: string, text: string): void;
  /** write the entries this run read or set (others are dropped, so the cache does not grow); no-op when off */
  flush(): void;
  /** where a file-backed cache lives (openCache's arguments), so that a worker thread can open it too */
  readonly location?: CacheLocation;
}

export interface CacheLocation {
  dir: string;
  namespace: string;
  version: string;
}

/** Bump when the text any unit caches would change for the same key (a change of an emitter or of ajv's output). */
const FORMAT = 2;

/** sha256 (hex) of the parts, each length-prefixed so that ("ab","c") and ("a","bc") differ. */
export function hashKey(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

/** A cache that never holds anything (`--no-cache`). */
export const NO_CACHE: UnitCache = { get: () => undefined, set: () => {}, flush: () => {} };

/**
 * The default cache folder, `node_modules/.cache/spec-contract/` of the nearest folder upwards from
 * `cwd` that holds a package.json (as find-cache-dir, Babel and ESLint do), or undefined outside a package.
 */
export function defaultCacheDir(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "node_modules", ".cache", "spec-contract");
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A file-backed cache for one document: `<dir>/<namespace>/<kind>`, each a map key → text (readKind),
 * read whole on first use of its kind and replaced atomically by flush(). `namespace` keeps the units of
 * different documents apart (a hash of the spec's path and the options). A missing, unreadable or
 * foreign-format file is an empty cache; a cache that cannot be written is skipped without an error.
 */
export function openCache(dir: string, namespace: string, version: string): UnitCache {
  const folder = join(dir, namespace);
  const stored = new Map<string, Map<string, string>>();
  const used = new Map<string, Map<string, string>>();
  const changed = new Set<string>();
  const load = (kind: string): Map<string, string> => {
    let entries = stored.get(kind);
    if (!entries) {
      entries = readKind(join(folder, kind), `${FORMAT}:${version}`);
      stored.set(kind, entries);
    }
    return entries;
  };
  const keep = (kind: string, key: string, text: string): void => {
    let entries = used.get(kind);
    if (!entries) used.set(kind, (entries = new Map()));
    entries.set(key, text);
  };
  return {
    location: { dir, namespace, version },
    get(kind, key) {
      const text = load(kind).get(key);
      if (text !== undefined) keep(kind, key, text);
      return text;
    },
    set(kind, key, text) {
      load(kind).set(key, text);
      keep(kind, key, text);
      changed.add(kind);
    },
    flush() {
      for (const kind of stored.keys()) {
        const entries = used.get(kind) ?? new Map<string, string>();
        // unchanged: nothing of this kind was set and every stored entry was used
        if (!changed.has(kind) && entries.size === stored.get(kind)!.size) continue;
        writeKind(join(folder, kind), `${FORMAT}:${version}`, entries);
      }
    },
  };
}

/**
 * A kind's file: a first line `spec-contract-cache <format>`, then per entry a line `<key> <length>` and
 * the text itself (`length` UTF-16 units). Texts are kept as they are, not escaped as JSON strings would
 * be (ajv's code is full of quotes): reading is one decode and a slice per entry.
 */
function readKind(file: string, format: string): Map<string, string> {
  const entries = new Map<string, string>();
  let data: string;
  try {
    data = readFileSync(file, "utf8");
  } catch {
    return entries;
  }
  const header = `${HEADER} ${format}\n`;
  if (!data.startsWith(header)) return entries;
  for (let at = header.length; at < data.length; ) {
    const end = data.indexOf("\n", at);
    const match = end < 0 ? null : /^(\S+) (\d+)$/.exec(data.slice(at, end));
    const length = match ? Number(match[2]) : NaN;
    // a truncated or foreign file: what was read so far is kept only if whole
    if (!match || end + 1 + length > data.length) return new Map();
    entries.set(match[1]!, data.slice(end + 1, end + 1 + length));
    at = end + 1 + length;
  }
  return entries;
}

const HEADER = "spec-contract-cache";

function writeKind(file: string, format: string, entries: ReadonlyMap<string, string>): void {
  const temp = `${file}.tmp-${process.pid}`;
  const parts = [`${HEADER} ${format}\n`];
  for (const [key, text] of entries) parts.push(`${key} ${text.length}\n`, text);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, parts.join(""));
    renameSync(temp, file);
  } catch {
    // a read-only node_modules or a full disk costs speed, never the run
    rmSync(temp, { force: true });
  }
}
