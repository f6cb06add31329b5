import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { typeCheck, type TypeCheckResult } from "../helpers/type-check.js";
import { generate } from "../../generator/index.js";

/** generated/ is type-checked by `npm test`'s own `tsc --noEmit` (tsconfig.json includes it): not again here. */
/** Every golden fixture's whole output (the goldens leave out the runtime and validator modules), generated in memory. */
const FIXTURES = [
  ...["petstore-30", "shapes-31"].map((name) => ({ name, spec: `test/generator/fixtures/good/${name}.yaml` })),
  ...readdirSync(join(PROJECT_ROOT, "test/generator/fixtures/golden"))
    .filter((f) => f.endsWith(".yaml") && !f.endsWith("-common.yaml"))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ""), spec: `test/generator/fixtures/golden/${f}` })),
];
const FIXTURE_ROOT = join(PROJECT_ROOT, ".virtual-compile", "fixtures");
/** In memory (never written): a file that misuses generated types. The full Stripe spec's output is checked by test/slow/. */
const MISUSE = join(PROJECT_ROOT, ".virtual-compile", "use.ts");

// One TypeScript program over everything, built once (one tsc run per case paid the standard
// library and the shared imports again each time).
let program: TypeCheckResult;

let fixtureFiles: string[] = [];

beforeAll(async () => {
  const virtual = new Map<string, string>();
  for (const fixture of FIXTURES) {
    const result = await generate({ targets: [{ spec: fixture.spec, out: `unused/${fixture.name}` }], cwd: PROJECT_ROOT });
    for (const [path, content] of result.apis[0]?.files ?? []) {
      // The runtime copied into each output folder is the same for every spec: one copy (the first
      // fixture's) is type-checked, and each fixture's files import it there instead of their own.
      if (path.startsWith("runtime/")) {
        if (!virtual.has(join(FIXTURE_ROOT, path))) virtual.set(join(FIXTURE_ROOT, path), content);
        continue;
      }
      virtual.set(join(FIXTURE_ROOT, fixture.name, path), path.includes("/") ? content : content.replaceAll('from "./runtime/', 'from "../runtime/'));
    }
  }
  fixtureFiles = [...virtual.keys()].filter((f) => f.endsWith(".ts"));
  const types = relative(join(MISUSE, ".."), join(PROJECT_ROOT, "generated/stripe-2024-06-20/types.js")).split("\\").join("/");
  virtual.set(MISUSE, `import type { PromotionCode } from "${types}";\nexport const code: PromotionCode["code"] = 42;\n`);
  program = typeCheck([...fixtureFiles, MISUSE], virtual);
}, 120_000);

describe("generated code compiles with tsc --strict (one program)", () => {
  it("every golden fixture's whole output", () => {
    const files = fixtureFiles;
    expect(fixtureFiles.length).toBeGreaterThan(FIXTURES.length * 7);
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
