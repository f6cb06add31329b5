import { dirname, relative, sep } from "node:path";
import { emitClient } from "../emit/client.js";
import { emitExamplesAndModel } from "../emit/examples.js";
import { buildManifest, emitManifest } from "../emit/manifest.js";
import { emitRuntime } from "../emit/runtime.js";
import { emitServer } from "../emit/server.js";
import { emitValidators } from "../emit/validators.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { withBanner } from "../render/banner.js";
import type { StageContext } from "./context.js";
import type { ModelStageResult } from "./model.js";

/** Every output file, bannered, by path inside the API's folder; no formatter runs (render/layout.ts). */
export async function emitStage(
  ctx: StageContext,
  root: Record<string, unknown>,
  input: ModelStageResult,
): Promise<Map<string, string>> {
  const { api, examples, notReplayed, validators, types } = input;
  const validatorFiles = emitValidators(validators.sources, api, validators.names);
  // The compiled ajv instances are the largest objects of a run: release them once their standalone
  // code is out, before the rest is printed.
  validators.modules.length = 0;
  const emitted: EmittedFile[] = [
    // printed by openapi-typescript in the model stage (see there), with the TypeScript printer: already formatted
    { path: "types.ts", content: types },
    ...validatorFiles,
    ...emitExamplesAndModel({ source: ctx.file, api, examples, notReplayed, registry: validators.registry }),
    // Hashes of the document as written (before $ref normalisation): what --check reports as changed.
    emitManifest(buildManifest(ctx.file, ctx.doc.root as Record<string, unknown>, manifestFiles(ctx))),
    ...emitServer(api, validators.names, { defPointers: validators.registry.defPointers, root }),
    ...emitClient(api, validators.names, root),
    ...emitRuntime(),
  ];
  const files = new Map<string, string>();
  for (const f of emitted.sort((a, b) => a.path.localeCompare(b.path))) {
    files.set(f.path, withBanner(f.path, f.content, ctx.file));
  }
  return files;
}

/** The files the spec's `$ref`s read, named relative to the spec's folder with `/` (no machine paths in output). */
function manifestFiles(ctx: StageContext): { path: string; root: unknown }[] {
  const folder = dirname(ctx.absolute);
  const byPath = new Map(ctx.refFiles.map((f) => [relative(folder, f.file).split(sep).join("/"), f.root] as const));
  return [...byPath].map(([path, root]) => ({ path, root }));
}
