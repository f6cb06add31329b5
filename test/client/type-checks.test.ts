import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { typeCheck, type TypeCheckResult } from "../helpers/type-check.js";

const SOURCE = join(PROJECT_ROOT, "test", "client", "type-checks.ts");
/** Both variants live in memory beside the source (so its `../../generated/` imports resolve), checked by one program. */
const AS_WRITTEN = join(PROJECT_ROOT, "test", "client", ".virtual-as-written.ts");
const STRIPPED = join(PROJECT_ROOT, "test", "client", ".virtual-stripped.ts");

/** What each kind of misuse must be rejected with (tsc's message). */
const EXPECTED: Record<string, RegExp> = {
  "missing-required": /is missing in type|Expected \d+(-\d+)? arguments, but got/,
  "wrong-type": /is not assignable to type|does not exist on type/,
  "unknown-parameter": /Object literal may only specify known properties/,
};

const lines = readFileSync(SOURCE, "utf8").split("\n");
let program: TypeCheckResult;

beforeAll(() => {
  // Blank the directives (keeping line numbers) so tsc reports the errors they were hiding.
  const stripped = lines.map((l) => (l.trim() === "// @ts-expect-error" ? "" : l)).join("\n");
  program = typeCheck([AS_WRITTEN, STRIPPED], new Map([[AS_WRITTEN, lines.join("\n")], [STRIPPED, stripped]]));
}, 120_000);

describe("type-level tests of the generated clients (tsc)", () => {
  const cases = lines.flatMap((line, i) => {
    const kind = /^\s*\/\/ (missing-required|wrong-type|unknown-parameter):/.exec(line)?.[1];
    return kind ? [{ kind, label: line.trim(), line: i + 3 /* 1-based line of the statement after the directive */ }] : [];
  });

  it("has cases of every kind, each followed by a @ts-expect-error directive", () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(Object.keys(EXPECTED)));
    for (const c of cases) expect(lines[c.line - 2]!.trim(), c.label).toBe("// @ts-expect-error");
  });

  it("compiles as written: every @ts-expect-error line is an error, everything else type-checks", () => {
    expect(program.errorsIn(AS_WRITTEN)).toBe("");
  });

  it("without the directives, each marked line fails for the reason its comment names, and no other line fails", () => {
    const output = program.errorsIn(STRIPPED);
    expect(output).not.toBe("");
    // One entry per diagnostic, with its indented continuation lines (where "…is missing…" appears).
    const errors = [...output.matchAll(/stripped\.ts\((\d+),\d+\): error (TS\d+: .*(?:\n {2,}.*)*)/g)].map((m) => ({ line: Number(m[1]), text: m[2]! }));
    expect(new Set(errors.map((e) => e.line))).toEqual(new Set(cases.map((c) => c.line)));
    for (const c of cases) {
      const messages = errors.filter((e) => e.line === c.line).map((e) => e.text).join("\n");
      expect(messages, c.label).toMatch(EXPECTED[c.kind]!);
    }
  });
});
