/** Bounds on what a spec may cost to load. Every command that reads a spec takes them; flags raise them. */
export interface InputLimits {
  /** largest file read (the spec and each file a `$ref` names), in bytes: --max-spec-bytes */
  maxBytes: number;
  /** deepest nesting of objects and arrays: --max-depth */
  maxDepth: number;
  /** nodes YAML aliases may add when expanded: --max-alias-nodes */
  maxAliasNodes: number;
  /** folders besides the spec's own that `$ref` may read from: --allow-ref-dir (absolute paths) */
  allowRefDirs: readonly string[];
}

export const DEFAULT_LIMITS: InputLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxDepth: 256,
  maxAliasNodes: 1_000_000,
  allowRefDirs: [],
};

/** The options every spec-reading command accepts, for `parseArgs`. */
export const LIMIT_OPTIONS = {
  "max-spec-bytes": { type: "string" },
  "max-depth": { type: "string" },
  "max-alias-nodes": { type: "string" },
  "allow-ref-dir": { type: "string", multiple: true, default: [] as string[] },
} as const;

export const LIMIT_HELP = `  --allow-ref-dir <dir>  let $ref read files under this folder too (repeatable; default: the spec's folder only)
  --max-spec-bytes <n>   largest spec or $ref file in bytes (default ${DEFAULT_LIMITS.maxBytes})
  --max-depth <n>        deepest nesting of objects and arrays (default ${DEFAULT_LIMITS.maxDepth})
  --max-alias-nodes <n>  nodes YAML aliases may add when expanded (default ${DEFAULT_LIMITS.maxAliasNodes})`;

interface LimitFlagValues {
  "max-spec-bytes"?: string;
  "max-depth"?: string;
  "max-alias-nodes"?: string;
  "allow-ref-dir"?: string[];
}

/** Limits from parsed flags; throws an Error naming the flag when a value is not a positive integer. */
export function limitsFromFlags(values: LimitFlagValues, resolveDir: (dir: string) => string): InputLimits {
  const count = (flag: keyof LimitFlagValues, fallback: number): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    if (typeof raw !== "string" || !/^[1-9][0-9]*$/.test(raw)) throw new Error(`--${flag} must be a positive integer (got '${String(raw)}')`);
    return Number(raw);
  };
  return {
    maxBytes: count("max-spec-bytes", DEFAULT_LIMITS.maxBytes),
    maxDepth: count("max-depth", DEFAULT_LIMITS.maxDepth),
    maxAliasNodes: count("max-alias-nodes", DEFAULT_LIMITS.maxAliasNodes),
    allowRefDirs: (values["allow-ref-dir"] ?? []).map(resolveDir),
  };
}
