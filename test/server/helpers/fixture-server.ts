import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generate } from "../../../generator/index.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/**
 * Generate a fixture spec into a fresh `.scratch-server-*` folder (inside the project, like
 * generated/<api>/, so server.ts finds runtime/) and import its server.ts.
 */
export async function generateFixture(spec: string): Promise<{ dir: string; module: Record<string, unknown>; cleanup: () => void }> {
  const dir = mkdtempSync(join(ROOT, ".scratch-server-"));
  const result = await generate({ targets: [{ spec, out: dir }], cwd: ROOT });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || result.apis.length !== 1) {
    throw new Error(`fixture did not generate: ${errors.map((e) => `${e.file}:${e.line} ${e.message}`).join("; ")}`);
  }
  for (const [path, content] of result.apis[0]!.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const module = (await import(pathToFileURL(join(dir, "server.ts")).href)) as Record<string, unknown>;
  return { dir, module, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
