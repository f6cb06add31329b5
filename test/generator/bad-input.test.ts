import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { scratchDir } from "../helpers/run-cli.js";
import { runCommand } from "../helpers/run-command.js";

// In-process; the spawned bin's exit code on bad input is covered once, in cli.test.ts.
const generate = (argv: string[]) => runCommand(runGenerate, argv);

const BAD = "test/generator/fixtures/bad";

/** An output folder holding one file we can check is left alone. */
function existingOutput(): string {
  const dir = scratchDir("bad");
  mkdirSync(join(dir, "out"));
  writeFileSync(join(dir, "out", "keep.txt"), "previous output\n");
  return join(dir, "out");
}

function expectUntouched(out: string): void {
  expect(readdirSync(out)).toEqual(["keep.txt"]);
  expect(readFileSync(join(out, "keep.txt"), "utf8")).toBe("previous output\n");
}

// SC006 and SC007 are warnings unless --strict (test/generator/severity.test.ts covers the default).
const CASES = [
  { file: "malformed.yaml", code: "SC001", where: "malformed.yaml:10:3", text: "Flow map in block collection" },
  { file: "unresolvable-ref.yaml", code: "SC003", where: "unresolvable-ref.yaml:13:17", text: "'#/components/schemas/Missing' points at nothing" },
  { file: "ref-cycle.yaml", code: "SC004", where: "ref-cycle.yaml:18:11", text: "$ref cycle with no object or array in between" },
  { file: "duplicate-operation-id.yaml", code: "SC005", where: "duplicate-operation-id.yaml:10:7", text: "operationId 'getThing' is already used by GET /a" },
  { file: "bad-example.yaml", code: "SC006", where: "bad-example.yaml:18:17", text: "example 'ok' does not match its schema: at /count must be integer" },
  { file: "unknown-format.yaml", code: "SC007", where: "unknown-format.yaml:15:45", text: "unknown format 'unix-time': validated as its type alone; --allow-format unix-time" },
];

describe("bad input: positioned diagnostics, exit 1, output untouched", () => {
  it.each(CASES)("$file → $code at $where", async ({ file, code, where, text }) => {
    const out = existingOutput();
    const result = await generate(["--spec", `${BAD}/${file}`, "--out", out, "--quiet", "--strict"]);
    expect(result.code).toBe(1);
    const line = result.stderr.split("\n").find((l) => l.includes(` ${code} `));
    expect(line, result.stderr).toBeDefined();
    expect(line).toContain(`${BAD}/${where} error ${code} #`);
    expect(line).toContain(text);
    expect(result.stderr).toContain("nothing written");
    expectUntouched(out);
  });

  it("reports every problem of a document in one run", async () => {
    const out = existingOutput();
    const result = await generate(["--spec", `${BAD}/many-errors.yaml`, "--out", out, "--quiet", "--strict"]);
    expect(result.code).toBe(1);
    for (const code of ["SC003", "SC005", "SC006", "SC007"]) expect(result.stderr).toContain(` error ${code} `);
    expect(result.stderr).toContain("4 error(s), 0 warning(s); nothing written");
    expectUntouched(out);
  });

  it("accepts an unknown format once it is allowed", async () => {
    const out = existingOutput();
    const result = await generate(["--spec", `${BAD}/unknown-format.yaml`, "--out", out, "--allow-format", "unix-time", "--quiet", "--force", "--strict"]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(out)).toContain("validators.ts");
    expect(readdirSync(out)).toContain("keep.txt"); // --force writes beside files it did not write, never deletes them
  });
});
