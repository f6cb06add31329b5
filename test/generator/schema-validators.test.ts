import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { PROJECT_ROOT, scratchDir } from "../helpers/run-cli.js";

const SPEC = "test/generator/fixtures/unused-schemas/openapi.yaml";

async function generate(name: string, args: string[]) {
  const err: string[] = [];
  const dir = join(scratchDir(name), "out");
  const code = await runGenerate(["--spec", SPEC, "--out", dir, "--quiet", ...args], { out: () => {}, err: (s) => err.push(s), cwd: PROJECT_ROOT });
  expect(code, err.join("\n")).toBe(0);
  const validators = (await import(pathToFileURL(join(dir, "validators.ts")).href)) as { schemaValidators: Record<string, (v: unknown) => boolean> };
  return { dir, validators };
}

describe("component schema validators", () => {
  it("are generated for the schemas the operations use, directly or through $ref; the others still get types", async () => {
    const { dir, validators } = await generate("schemas-used", []);
    expect(Object.keys(validators.schemaValidators).sort()).toEqual(["Owner", "Thing"]);
    expect(validators.schemaValidators.Owner!({ login: "octocat" })).toBe(true);
    expect(validators.schemaValidators.Owner!({})).toBe(false);
    expect(readFileSync(join(dir, "types.ts"), "utf8")).toMatch(/export type ThingEvent = components\["schemas"\]\["ThingEvent"\]/);
  });

  it("are generated for every component schema with --all-schema-validators", async () => {
    const { validators } = await generate("schemas-all", ["--all-schema-validators"]);
    expect(Object.keys(validators.schemaValidators).sort()).toEqual(["Owner", "Thing", "ThingEvent"]);
    expect(validators.schemaValidators.ThingEvent!({ action: "created" })).toBe(true);
    expect(validators.schemaValidators.ThingEvent!({ action: "renamed" })).toBe(false);
  });
});
