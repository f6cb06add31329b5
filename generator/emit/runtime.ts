import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../cli/package-info.js";
import type { EmittedFile } from "./emitted-file.js";

/** The runtime folders generated code imports, copied beside it (client, server and what both share). */
const RUNTIME_FOLDERS = ["client", "server", "shared"] as const;

/**
 * runtime/<folder>/*.ts, copied into the output folder as they are: generated code imports them by
 * relative path, so the user's app needs spec-contract only as a devDependency (as @hey-api/openapi-ts
 * bundles its client). `--check` compares them too, so a spec-contract upgrade shows up as drift.
 */
export function emitRuntime(): EmittedFile[] {
  const files: EmittedFile[] = [];
  for (const folder of RUNTIME_FOLDERS) {
    const dir = join(packageRoot(), "runtime", folder);
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith(".ts") || name.endsWith(".d.ts")) continue;
      files.push({ path: `runtime/${folder}/${name}`, content: readFileSync(join(dir, name), "utf8") });
    }
  }
  return files;
}
