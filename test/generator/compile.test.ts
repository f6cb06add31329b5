import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { typeCheck, type TypeCheckResult } from "../helpers/type-check.js";

/** The committed outputs tsc must accept: generated/ and the golden files. */
const COMMITTED = ["generated", "test/generator/golden"].map((dir) => join(PROJECT_ROOT, dir));
/** In memory (never written): a file that misuses generated types. The full Stripe spec's output is checked by test/slow/. */
const MISUSE = join(PROJECT_ROOT, ".virtual-compile", "use.ts");

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(dir, f));
}

// One TypeScript program over everything, built once (one tsc run per case paid the standard
// library and the shared imports again each time).
let program: TypeCheckResult;

beforeAll(() => {
  const virtual = new Map<string, string>();
  const types = relative(join(MISUSE, ".."), join(PROJECT_ROOT, "generated/stripe-2024-06-20/types.js")).split("\\").join("/");
  virtual.set(MISUSE, `import type { PromotionCode } from "${types}";\nexport const code: PromotionCode["code"] = 42;\n`);
  program = typeCheck([...COMMITTED.flatMap(typeScriptFiles), MISUSE], virtual);
}, 120_000);

describe("generated code compiles with tsc --strict (one program)", () => {
  it("generated/ and the golden files", () => {
    const files = COMMITTED.flatMap(typeScriptFiles);
    expect(files.length).toBeGreaterThan(10);
    expect(files.map((f) => program.errorsIn(f)).filter((e) => e !== "")).toEqual([]);
  });

  it("the type check can fail: a misuse of the generated types is an error", () => {
    expect(program.errorsIn(MISUSE)).toContain("Type 'number' is not assignable to type 'string'");
  });

  it("nothing else in the program has an error (imports of the runtime included)", () => {
    expect(program.allErrors([MISUSE])).toBe("");
  });
});
