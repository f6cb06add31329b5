import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { PROJECT_ROOT, scratchDir } from "../helpers/run-cli.js";

const FACTS = "test/generator/fixtures/facts/facts.yaml";

async function generate(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const dir = join(scratchDir("facts"), "out");
  const code = await runGenerate(["--spec", FACTS, "--out", dir, "--quiet", ...args], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: PROJECT_ROOT });
  const lines = err.join("\n").split("\n");
  return { code, dir, stderr: err.join("\n"), line: (code: string) => lines.filter((l) => l.includes(` ${code} `)) };
}

describe("facts about a document are warnings; --strict makes them errors", () => {
  it("generates a document with an unknown format, an uncompilable pattern and a broken example, warning about each", async () => {
    const { code, dir, stderr, line } = await generate([]);
    expect(code, stderr).toBe(0);
    // one SC007 per format, with a count and where it is first used
    expect(line("SC007")).toEqual([
      `${FACTS}:15:41 warning SC007 #/paths/~1items/post/requestBody/content/application~1json/schema/properties/count/format: unknown format 'int-ish' (used in 2 places; this is the first): validated as its type alone; --allow-format int-ish silences this`,
    ]);
    // SC009 names the pattern and its file:line
    expect(line("SC009")).toHaveLength(1);
    expect(line("SC009")[0]).toContain(`${FACTS}:14:39 warning SC009 #/paths/~1items/post/requestBody/content/application~1json/schema/properties/code/pattern: pattern "^[A-Z]+\\\\Z" is not a JavaScript (unicode) regular expression, left out of the validator`);
    expect(line("SC006")).toEqual([
      `${FACTS}:35:19 warning SC006 #/paths/~1items/post/responses/201/content/application~1json/examples/wrong_answer/value: example 'wrong_answer' does not match its schema: at /id must be string; not replayed`,
    ]);
    expect(existsSync(join(dir, "validators.ts"))).toBe(true);
    const { validateCreateItemBody } = (await import(pathToFileURL(join(dir, "validators.ts")).href)) as Record<string, (v: unknown) => { ok: boolean }>;
    // the unknown format validates as its type, the pattern is left out, the rest of the schema still applies
    expect(validateCreateItemBody!({ code: "lower case, not matched by any pattern", count: 5, size: 7 }).ok).toBe(true);
    expect(validateCreateItemBody!({ code: "ABC", count: 0 }).ok).toBe(false);
    expect(validateCreateItemBody!({ code: "ABC", size: "7" }).ok).toBe(false);
  });

  it("replays a request example that breaks its schema and pairs with a 4xx example as a negative case; lists other broken examples as not replayed", async () => {
    const { code, dir } = await generate([]);
    expect(code).toBe(0);
    const examples = JSON.parse(readFileSync(join(dir, "examples.json"), "utf8")) as { examples: { name: string; response: { status: string } }[]; notReplayed: unknown[] };
    expect(examples.examples.map((e) => `${e.name} ${e.response.status}`)).toEqual(["created 201", "too_few 400"]);
    expect(examples.notReplayed).toEqual([
      { operationId: "createItem", name: "wrong_answer", reason: "invalid example (SC006)", pointer: "#/paths/~1items/post/responses/201/content/application~1json/examples/wrong_answer/value" },
    ]);
  });

  it("--strict turns every warning into an error and writes nothing", async () => {
    const { code, dir, stderr, line } = await generate(["--strict"]);
    expect(code).toBe(1);
    for (const c of ["SC006", "SC007", "SC009"]) expect(line(c).every((l) => l.includes(` error ${c} `)) && line(c).length > 0, stderr).toBe(true);
    expect(stderr).toContain("3 error(s), 0 warning(s); nothing written");
    expect(existsSync(dir)).toBe(false);
  });

  it("--allow-format silences the warning for that format", async () => {
    const { code, line } = await generate(["--allow-format", "int-ish"]);
    expect(code).toBe(0);
    expect(line("SC007")).toEqual([]);
  });

  it("a discriminator mapping that names a schema instead of a $ref generates", async () => {
    const dir = join(scratchDir("mapping"), "out");
    const err: string[] = [];
    const code = await runGenerate(["--spec", "test/generator/fixtures/facts/mapping.yaml", "--out", dir, "--quiet", "--strict"], { out: () => {}, err: (s) => err.push(s), cwd: PROJECT_ROOT });
    expect(code, err.join("\n")).toBe(0);
    expect(readFileSync(join(dir, "types.ts"), "utf8")).toContain(`export type CreatePetBody =`);
  });
});
