import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot, packageVersion } from "../../cli/package-info.js";
import { hashKey } from "./store.js";

let fingerprint: string | undefined;

/**
 * What every cached unit's text also depends on besides its input: spec-contract's version, the
 * versions of ajv, ajv-formats and openapi-typescript as installed, and the generator's own code and
 * templates (so a checkout whose emitters changed under the same version never reads a stale unit).
 */
export function toolFingerprint(): string {
  if (fingerprint) return fingerprint;
  const require = createRequire(import.meta.url);
  const version = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;
  const generator = dirname(dirname(fileURLToPath(import.meta.url)));
  const code = [...filesUnder(generator), ...filesUnder(join(packageRoot(), "templates"))].map((f) => readFileSync(f, "utf8"));
  return (fingerprint = `${packageVersion()}+${hashKey(version("ajv"), version("ajv-formats"), version("openapi-typescript"), ...code).slice(0, 16)}`);
}

/** Every file below `dir` (sorted, tests and declarations left out). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.(test\.[jt]s|d\.ts|map)$/.test(entry.name)) continue;
    out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}
