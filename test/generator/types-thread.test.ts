import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../document/limits.js";
import { loadSourceFile } from "../../document/load.js";
import { NO_CACHE, openCache } from "../../generator/cache/store.js";
import { typesText } from "../../generator/emit/types.js";
import { typesInThread } from "../../generator/emit/types-thread.js";
import { createContext } from "../../generator/stages/context.js";
import { loadStage } from "../../generator/stages/load.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

// The compiled package runs dist/generator/emit/types-worker.js; from sources the same module runs through tsx.
const WORKER = new URL("../../generator/emit/types-worker.ts", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "spec-contract-types-thread-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function documentJson(spec: string): string {
  const absolute = resolve(PROJECT_ROOT, spec);
  const parsed = loadSourceFile(absolute, spec, DEFAULT_LIMITS);
  const ctx = createContext({ file: spec, absolute, cwd: PROJECT_ROOT, doc: parsed.doc!, allowFormats: [], limits: DEFAULT_LIMITS, strict: false });
  return JSON.stringify(loadStage(ctx));
}

describe("types in a worker thread", () => {
  it("prints what the same work prints in-process, and fills the same unit cache", async () => {
    const json = documentJson("test/generator/fixtures/good/petstore-30.yaml");
    const cache = openCache(dir, "petstore", "test");
    const inThread = await typesInThread(json, cache, WORKER);
    expect(inThread).toBe(await typesText(json, NO_CACHE));
    expect(inThread).toContain("Pet: {");
    // the worker wrote its units: a fresh cache over the same folder reads them
    expect(readdirSync(join(dir, "petstore"))).toContain("schema-types");
    const reread = openCache(dir, "petstore", "test");
    expect(await typesText(json, reread)).toBe(inThread);
    expect(reread.get("schema-types", "no such key")).toBeUndefined();
  });

  it("a failure in the worker rejects with its error instead of hanging", async () => {
    await expect(typesInThread("{ not json", NO_CACHE, WORKER)).rejects.toThrow(/JSON/);
  });
});
