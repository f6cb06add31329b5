import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT, scratchDir } from "../helpers/run-cli.js";

const GOOD = join(PROJECT_ROOT, "test/generator/fixtures/good");

/** A copy of a fixture (and what it `$ref`s) in a scratch folder, generated from there with the cache in `cache/` (false: none). */
function project(fixture = "petstore-30"): { cwd: string; spec: string; run: (cacheDir: string | false) => Promise<Map<string, string>> } {
  const cwd = scratchDir("cache");
  for (const file of [`${fixture}.yaml`, "shapes-common.yaml"]) copyFileSync(join(GOOD, file), join(cwd, file));
  const run = async (cacheDir: string | false) => {
    const result = await generate({ targets: [{ spec: `${fixture}.yaml`, out: "out" }], cwd, cacheDir });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // the warnings (an example that breaks its schema: SC006) are the same with units from the cache
    return new Map([...result.apis[0]!.files, ["(diagnostics)", JSON.stringify(result.diagnostics)]]);
  };
  return { cwd, spec: join(cwd, `${fixture}.yaml`), run };
}

/** Every text of one kind of the cache (generator/cache/store.ts's file format) replaced by `text`. */
function overwriteKind(cacheDir: string, kind: string, text: string): number {
  const [namespace] = readdirSync(cacheDir);
  const file = join(cacheDir, namespace!, kind);
  const data = readFileSync(file, "utf8");
  const header = data.slice(0, data.indexOf("\n") + 1);
  const out = [header];
  let count = 0;
  for (let at = header.length; at < data.length; count++) {
    const end = data.indexOf("\n", at);
    const [key, length] = data.slice(at, end).split(" ");
    out.push(`${key} ${text.length}\n`, text);
    at = end + 1 + Number(length);
  }
  writeFileSync(file, out.join(""));
  return count;
}

describe("the cache of output units", () => {
  it.each(["petstore-30", "shapes-31"])("gives the same bytes and warnings cold, warm and with --no-cache (%s)", async (fixture) => {
    const { cwd, run } = project(fixture);
    const cache = join(cwd, "cache");
    const cold = await run(cache);
    expect(readdirSync(join(cache, readdirSync(cache)[0]!)).sort()).toEqual(["example-checks", "path-operations", "path-type-deps", "path-types", "resource-check", "schema-type-deps", "schema-types", "types", "validator-failures", "validators"]);
    const warm = await run(cache);
    const none = await run(false);
    expect([...warm]).toEqual([...cold]);
    expect([...none]).toEqual([...cold]);
    if (fixture === "shapes-31") expect(JSON.parse(cold.get("examples.json")!.replace(/^\/\/.*\n/, "")).examples.length).toBeGreaterThan(0);
  });

  it("takes a warm run's units from the cache", async () => {
    const { cwd, run } = project();
    const cache = join(cwd, "cache");
    await run(cache);
    expect(overwriteKind(cache, "types", "// from the cache\n")).toBe(1);
    expect(overwriteKind(cache, "validators", "// from the cache\n")).toBe(3);
    const files = await run(cache);
    expect(files.get("types.ts")).toContain("// from the cache\n");
    for (const module of ["request", "request-json", "response"]) expect(files.get(`validators/${module}.ts`)).toContain("// from the cache\n");
  });

  it("computes again what a change to one schema changes: no stale unit", async () => {
    const { cwd, spec, run } = project();
    const cache = join(cwd, "cache");
    const before = await run(cache);
    addProperty(spec, "Error", "nickname");
    const after = await run(cache);
    expect([...after]).toEqual([...(await run(false))]);
    expect(after.get("types.ts")).toContain("nickname");
    expect(after.get("validators/response.ts")).toContain("nickname");
    expect(after.get("validators/response.ts")).not.toEqual(before.get("validators/response.ts"));
  });

  it("reuses the units a change to one schema does not reach", async () => {
    const { cwd, spec, run } = project();
    const cache = join(cwd, "cache");
    await run(cache);
    overwriteKind(cache, "validators", "// from the cache\n");
    addProperty(spec, "Error", "nickname");
    const files = await run(cache);
    // parameters only: the request module reaches no component schema
    expect(files.get("validators/request.ts")).toContain("// from the cache\n");
    expect(files.get("validators/response.ts")).not.toContain("// from the cache\n");
    expect(files.get("validators/response.ts")).toContain("nickname");
  });
});

function addProperty(spec: string, schema: string, property: string): void {
  const doc = parse(readFileSync(spec, "utf8")) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
  doc.components.schemas[schema]!.properties[property] = { type: "string" };
  writeFileSync(spec, stringify(doc));
}
