import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/**
 * The installed package's folder (the one holding package.json, templates/ and runtime/), found
 * upwards from this module: `cli/` when run from sources, `dist/cli/` when run from the build.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "templates"))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error("spec-contract: cannot find its own package folder (package.json beside templates/)");
    dir = parent;
  }
}

/** The version in spec-contract's own package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "0.0.0";
}
