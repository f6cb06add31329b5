import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { PROJECT_ROOT, scratchDir } from "../helpers/run-cli.js";

const SPEC = "test/generator/fixtures/names/globals.yaml";

describe("names: reserved words and globals never shadow what the output uses", () => {
  // Its output compiles under tsc --strict: test/typecheck.test.ts (one program for every type check).
  it("a spec whose schemas and operations are named after globals generates under --strict with the renames", async () => {
    const out = join(scratchDir("globals"), "out");
    const err: string[] = [];
    const code = await runGenerate(["--spec", SPEC, "--out", out, "--quiet", "--strict"], { out: () => {}, err: (s) => err.push(s), cwd: PROJECT_ROOT });
    expect(code, err.join("\n")).toBe(0);
    const types = readFileSync(join(out, "types.ts"), "utf8");
    // the rename rule: `Schema` appended to a global or reserved word, then a number if that is taken
    expect(types).toContain(`export type RecordSchema = components["schemas"]["Record"];`);
    expect(types).toContain(`export type RecordSchema2 = components["schemas"]["RecordSchema"];`);
    expect(types).toContain(`export type Default = components["schemas"]["default"];`);
    expect(types).toContain(`export type ErrorSchema = components["schemas"]["Error"];`);
    expect(types).toContain(`export type Client2 = components["schemas"]["Client"];`);
    for (const global of ["Record", "Partial", "Array", "Date", "Error", "Promise", "Response", "Request", "Headers", "Object", "JSON", "Infinity"]) {
      expect(types, global).not.toMatch(new RegExp(`^export type ${global} =`, "m"));
    }
    // names derived from operations never take what server.ts and client.ts declare themselves
    expect(readFileSync(join(out, "server.ts"), "utf8")).toContain("export type HandlerResult2 =");
    expect(readFileSync(join(out, "client.ts"), "utf8")).toContain("export type TimeoutError2 = ApiError<");
  }, 120_000);
});
