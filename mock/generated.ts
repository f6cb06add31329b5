import { existsSync, readFileSync, statSync } from "node:fs";
import { DEFAULT_LIMITS } from "../document/limits.js";
import { join, resolve } from "node:path";
import type { ApiModel } from "../generator/model/types.js";
import { createMockSpec, type MockSpec } from "./mock-spec.js";

/**
 * An API generated beforehand (`spec-contract generate`): its output folder holds model.json (the
 * model, and the spec it came from) and manifest.json (a hash of every part of that spec).
 */
export interface GeneratedApi {
  /** the output folder, absolute */
  dir: string;
  /** the spec's path relative to `cwd`, as model.json names it */
  spec: string;
  model: ApiModel;
}

/** model.json of an output folder (`out` relative to `cwd`), or a message saying what is wrong. */
export function readGenerated(name: string, out: string, cwd: string): GeneratedApi | string {
  const dir = resolve(cwd, out);
  const modelFile = join(dir, "model.json");
  if (!existsSync(modelFile)) return `unknown API '${name}': no ${out}/model.json (run \`spec-contract generate\`, or pass --spec <doc>)`;
  let model: ApiModel & { source?: unknown };
  try {
    model = JSON.parse(readFileSync(modelFile, "utf8")) as ApiModel & { source?: unknown };
  } catch (error) {
    return `${out}/model.json: ${(error as Error).message}`;
  }
  if (typeof model.source !== "string" || !existsSync(resolve(cwd, model.source))) return `${out}/model.json names no spec that exists here`;
  return { dir, spec: model.source, model };
}

/**
 * The mock's view of a document generated beforehand, without checking it again: `generate` did, and
 * `staleParts` tells whether it changed since. A JSON document with local refs only is just parsed;
 * any other goes through the full loader (with the generated model).
 */
export async function loadGeneratedSpec(api: GeneratedApi, cwd: string): Promise<MockSpec> {
  const file = resolve(cwd, api.spec);
  // a spec grown past the input bound since it was generated goes to the loader, which reports it
  const text = statSync(file).size <= DEFAULT_LIMITS.maxBytes ? readFileSync(file, "utf8") : "";
  if (/^\s*\{/.test(text) && onlyLocalRefs(text)) {
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      root = undefined;
    }
    if (isOpenApi3(root)) return createMockSpec(root as Record<string, unknown>, api.model, { mayHaveDiscriminators: text.includes("discriminator") });
  }
  const { loadMockSpec } = await import("./load-spec.js");
  return loadMockSpec(api.spec, { cwd, model: api.model });
}

/**
 * The parts of the document (manifest.json's pointers) that differ from what `generate` saw: [] when
 * it is unchanged, undefined when the output folder has no manifest to compare with.
 */
export async function staleParts(api: GeneratedApi, root: Record<string, unknown>): Promise<string[] | undefined> {
  const file = join(api.dir, "manifest.json");
  if (!existsSync(file)) return undefined;
  let before: Record<string, string>;
  try {
    before = (JSON.parse(readFileSync(file, "utf8")) as { parts: Record<string, string> }).parts;
  } catch {
    return undefined;
  }
  const { buildManifest } = await import("../generator/emit/manifest.js");
  const now = buildManifest(api.spec, root).parts;
  const pointers = new Set([...Object.keys(before), ...Object.keys(now)]);
  return [...pointers].filter((p) => before[p] !== now[p]).sort();
}

const REF_VALUE = /"\$ref"\s*:\s*"(?!#\/)|\$ref['"]?\s*:\s*['"]?(?!['"]?#\/)[^\s'"]|"\$(id|anchor|dynamicRef)"|\$(id|anchor|dynamicRef)\s*:/;

/** Whether every `$ref` of a document's text is a local `#/…` pointer (and it declares no `$id`/`$anchor`). */
export function onlyLocalRefs(text: string): boolean {
  return !REF_VALUE.test(text);
}

export function isOpenApi3(root: unknown): boolean {
  const version = (root as { openapi?: unknown } | null)?.openapi;
  return typeof version === "string" && /^3\.[01]\.\d+/.test(version);
}
