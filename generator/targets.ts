import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join, relative, sep } from "node:path";
import type { SpecTarget } from "./index.js";

/** Every OpenAPI document under `specDir` (one folder per provider, one file per version). */
export function discoverTargets(cwd: string, specDir = "spec", outDir = "generated"): SpecTarget[] {
  const root = join(cwd, specDir);
  if (!existsSync(root)) return [];
  const targets: SpecTarget[] = [];
  for (const provider of readdirSync(root).sort()) {
    const folder = join(root, provider);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder).sort()) {
      if (![".yaml", ".yml", ".json"].includes(extname(file)) || file.startsWith("redocly")) continue;
      const api = `${provider}-${basename(file, extname(file))}`;
      targets.push({
        spec: relative(cwd, join(folder, file)).split(sep).join("/"),
        out: `${outDir}/${api}`,
      });
    }
  }
  return targets;
}
