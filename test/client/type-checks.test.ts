import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

const exec = promisify(execFile);
const TSC = join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");
const SOURCE = join(PROJECT_ROOT, "test", "client", "type-checks.ts");

/** What each kind of misuse must be rejected with (tsc's message). */
const EXPECTED: Record<string, RegExp> = {
  "missing-required": /is missing in type|Expected \d+(-\d+)? arguments, but got/,
  "wrong-type": /is not assignable to type|does not exist on type/,
  "unknown-parameter": /Object literal may only specify known properties/,
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** tsc over one file placed two levels below the root (so its `../../generated/` imports resolve). */
async function tscOn(content: string): Promise<{ code: number; output: string }> {
  const top = mkdtempSync(join(PROJECT_ROOT, ".scratch-client-types-"));
  dirs.push(top);
  const dir = join(top, "t");
  mkdirSync(dir);
  writeFileSync(join(dir, "type-checks.ts"), content);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../../tsconfig.json", include: ["type-checks.ts"] }));
  try {
    await exec(process.execPath, [TSC, "--noEmit", "-p", join(dir, "tsconfig.json")], { cwd: PROJECT_ROOT, timeout: 120_000 });
    return { code: 0, output: "" };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: typeof e.code === "number" ? e.code : 2, output: e.stdout ?? String(error) };
  }
}

describe("type-level tests of the generated clients (tsc)", () => {
  const lines = readFileSync(SOURCE, "utf8").split("\n");
  const cases = lines.flatMap((line, i) => {
    const kind = /^\s*\/\/ (missing-required|wrong-type|unknown-parameter):/.exec(line)?.[1];
    return kind ? [{ kind, label: line.trim(), line: i + 3 /* 1-based line of the statement after the directive */ }] : [];
  });

  it("has cases of every kind, each followed by a @ts-expect-error directive", () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(Object.keys(EXPECTED)));
    for (const c of cases) expect(lines[c.line - 2]!.trim(), c.label).toBe("// @ts-expect-error");
  });

  it("compiles as written: every @ts-expect-error line is an error, everything else type-checks", async () => {
    const result = await tscOn(lines.join("\n"));
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("without the directives, each marked line fails for the reason its comment names, and no other line fails", async () => {
    // Blank the directives (keeping line numbers) so tsc reports the errors they were hiding.
    const stripped = lines.map((l) => (l.trim() === "// @ts-expect-error" ? "" : l)).join("\n");
    const result = await tscOn(stripped);
    expect(result.code).not.toBe(0);
    // One entry per diagnostic, with its indented continuation lines (where "…is missing…" appears).
    const errors = [...result.output.matchAll(/type-checks\.ts\((\d+),\d+\): error (TS\d+: .*(?:\n {2,}.*)*)/g)].map((m) => ({ line: Number(m[1]), text: m[2]! }));
    expect(new Set(errors.map((e) => e.line))).toEqual(new Set(cases.map((c) => c.line)));
    for (const c of cases) {
      const messages = errors.filter((e) => e.line === c.line).map((e) => e.text).join("\n");
      expect(messages, c.label).toMatch(EXPECTED[c.kind]!);
    }
  });
});
