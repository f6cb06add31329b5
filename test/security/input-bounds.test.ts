import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../document/source.js";
import { DEFAULT_LIMITS } from "../../document/limits.js";
import { stripeSpecPath } from "../fixtures/specs/stripe.js";
import { diffIn, generateIn, specWithThing, tempDir } from "./helpers.js";

/** Write `text` (or bytes) as the project's spec; answer generate's and diff's results on it. */
async function runBoth(name: string, content: string | Buffer, extra: string[] = []) {
  const dir = tempDir("bounds");
  writeFileSync(join(dir, name), content);
  const generate = await generateIn(dir, ["--spec", name, "--out", "out", ...extra]);
  const diff = await diffIn(dir, [name, name, ...extra]);
  return { generate, diff };
}

function nestedYaml(depth: number): string {
  let schema = "{ type: string }";
  for (let i = 0; i < depth; i++) schema = `{ type: array, items: ${schema} }`;
  return specWithThing(`      ${schema}`);
}

function nestedJson(depth: number): string {
  return `{"openapi":"3.1.0","info":{"title":"T","version":"1"},"paths":{},"x-deep":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

function aliasBomb(): string {
  const lines = ['openapi: 3.1.0', 'info: { title: T, version: "1" }', "paths: {}", "x-bomb:", '  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 12; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

const noStack = (s: string) => expect(s).not.toMatch(/Maximum call stack|\n\s+at .*:\d+:\d+/);

describe("bounded input", () => {
  it("nesting deeper than the limit is a positioned SC001 in YAML and JSON, for generate and diff", async () => {
    for (const [name, text] of [["deep.yaml", nestedYaml(600)], ["deep.json", nestedJson(5000)]] as const) {
      const { generate, diff } = await runBoth(name, text);
      expect(generate.code, generate.err).toBe(1);
      expect(generate.err).toMatch(new RegExp(`${name.replace(".", "\\.")}:\\d+:\\d+ error SC001 #/\\S+: nesting is deeper than 256 levels \\(raise with --max-depth\\)`));
      expect(diff.code).toBe(2);
      expect(diff.err).toContain("error SC001");
      noStack(generate.err + diff.err);
    }
  });

  it("--max-depth raises the depth limit", async () => {
    const { generate } = await runBoth("deep.yaml", nestedYaml(300), ["--max-depth", "400"]);
    expect(generate.err).not.toContain("SC001");
  });

  it("a YAML alias bomb is a positioned SC001, measured without expanding it", async () => {
    const { generate, diff } = await runBoth("bomb.yaml", aliasBomb());
    expect(generate.code).toBe(1);
    expect(generate.err).toMatch(/bomb\.yaml:\d+:\d+ error SC001 #\/x-bomb\S*: YAML aliases expand the document by more than 1000000 nodes/);
    expect(diff.code).toBe(2);
    expect(diff.err).toContain("YAML aliases expand the document");
    noStack(generate.err + diff.err);
  });

  it("a document larger than --max-spec-bytes is an SC001 before it is parsed", async () => {
    const { generate, diff } = await runBoth("spec.yaml", specWithThing("      { type: string }"), ["--max-spec-bytes", "100"]);
    expect(generate.code).toBe(1);
    expect(generate.err).toMatch(/spec\.yaml:1:1 error SC001 #: spec\.yaml is larger than 100 bytes \(\d+\); raise the limit with --max-spec-bytes/);
    expect(diff.code).toBe(2);
    expect(diff.err).toContain("larger than 100 bytes");
  });

  it("invalid UTF-8 is an SC001 at its line", async () => {
    const text = Buffer.concat([Buffer.from(specWithThing("      { type: string, description: ")), Buffer.from([0xff, 0xfe]), Buffer.from(" }\n")]);
    const { generate, diff } = await runBoth("bad.yaml", text);
    expect(generate.code).toBe(1);
    expect(generate.err).toMatch(/bad\.yaml:17:1 error SC001 #: bad\.yaml is not valid UTF-8/);
    expect(diff.code).toBe(2);
  });

  it("duplicate keys are SC001 errors in JSON and YAML", async () => {
    const json = `{"openapi":"3.1.0","info":{"title":"T","version":"1"},\n"paths":{"/a":{},\n "/a":{}}}`;
    const jsonRun = await runBoth("dup.json", json);
    expect(jsonRun.generate.code).toBe(1);
    expect(jsonRun.generate.err).toMatch(/dup\.json:3:2 error SC001 #: duplicate key '\/a' in one object/);
    expect(jsonRun.diff.code).toBe(2);
    const yamlRun = await runBoth("dup.yaml", `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths: {}\npaths: {}\n`);
    expect(yamlRun.generate.code).toBe(1);
    expect(yamlRun.generate.err).toMatch(/dup\.yaml:4:1 error SC001 .*[Mm]ap keys must be unique/);
  });

  it("`paths: 5`, a path without a leading /, and a non-object operation are positioned SC002 errors", async () => {
    const five = await runBoth("five.yaml", `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths: 5\n`);
    expect(five.generate.code).toBe(1);
    expect(five.generate.err).toMatch(/five\.yaml:3:1 error SC002 #\/paths: `paths` must be an object/);
    expect(five.diff.code).toBe(2);
    const slash = await runBoth("slash.yaml", `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths:\n  items:\n    get: 7\n`);
    expect(slash.generate.code).toBe(1);
    expect(slash.generate.err).toMatch(/slash\.yaml:4:3 error SC002 #\/paths\/items: path 'items' must start with '\/'/);
    expect(slash.generate.err).toMatch(/slash\.yaml:5:5 error SC002 #\/paths\/items\/get: operation 'get' must be an object/);
    expect(slash.diff.err).toContain("must start with '/'");
  });

  it("Stripe's full spec loads within the default limits", () => {
    const text = readFileSync(stripeSpecPath(), "utf8");
    expect(text.length).toBeLessThan(DEFAULT_LIMITS.maxBytes);
    const parsed = parseSource("stripe.json", text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.doc).toBeDefined();
  });
});
