import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../generator/index.js";
import { PROJECT_ROOT } from "./helpers/run-cli.js";
import { typeCheck, type TypeCheckResult } from "./helpers/type-check.js";

/**
 * `npm test`'s type check: one TypeScript program (tsconfig.json's options, so `--strict` and the
 * rest) over the whole project, as `tsc --noEmit -p tsconfig.json` checks it (generated/ included),
 * plus generated output kept in memory and variants of a source file. One program parses the
 * standard library, the runtime and the shared imports once; a `tsc` run per check paid them again
 * each time. The full Stripe spec's output is checked by test/slow/stripe-compile.test.ts.
 */

/** Every golden fixture's whole output (the goldens leave out the runtime and validator modules), generated in memory. */
const GOLDEN = [
  ...["petstore-30", "shapes-31"].map((name) => ({ name, spec: `test/generator/fixtures/good/${name}.yaml` })),
  ...readdirSync(join(PROJECT_ROOT, "test/generator/fixtures/golden"))
    .filter((f) => f.endsWith(".yaml") && !f.endsWith("-common.yaml"))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ""), spec: `test/generator/fixtures/golden/${f}` })),
];
/** Schemas and operations named after reserved words and globals (names-globals.test.ts checks the renames), generated with --strict. */
const GLOBALS = { name: "names-globals", spec: "test/generator/fixtures/names/globals.yaml", strict: true };
const FIXTURE_ROOT = join(PROJECT_ROOT, ".virtual-compile", "fixtures");
/** In memory (never written): a file that misuses generated types. */
const MISUSE = join(PROJECT_ROOT, ".virtual-compile", "use.ts");

/** Type-level tests of the generated clients: the source as written, and with its @ts-expect-error directives blanked. */
const CLIENT_CHECKS = join(PROJECT_ROOT, "test", "client", "type-checks.ts");
const AS_WRITTEN = join(PROJECT_ROOT, "test", "client", ".virtual-as-written.ts");
const STRIPPED = join(PROJECT_ROOT, "test", "client", ".virtual-stripped.ts");
/** What each kind of misuse must be rejected with (tsc's message). */
const EXPECTED: Record<string, RegExp> = {
  "missing-required": /is missing in type|Expected \d+(-\d+)? arguments, but got/,
  "wrong-type": /is not assignable to type|does not exist on type/,
  "unknown-parameter": /Object literal may only specify known properties/,
};
const clientLines = readFileSync(CLIENT_CHECKS, "utf8").split("\n");

let program: TypeCheckResult | undefined;
const checked = (): TypeCheckResult => program ?? expect.unreachable("the program was not built");
const fixtureFiles = new Map<string, string[]>();

beforeAll(async () => {
  const virtual = new Map<string, string>();
  for (const fixture of [...GOLDEN, GLOBALS]) {
    const result = await generate({ targets: [{ spec: fixture.spec, out: `unused/${fixture.name}` }], cwd: PROJECT_ROOT, strict: "strict" in fixture });
    expect(result.diagnostics.filter((d) => d.severity === "error"), fixture.name).toEqual([]);
    const files: string[] = [];
    for (const [path, content] of result.apis[0]?.files ?? []) {
      // The runtime copied into each output folder is the same for every spec: one copy (the first
      // fixture's) is type-checked, and each fixture's files import it there instead of their own.
      if (path.startsWith("runtime/")) {
        if (!virtual.has(join(FIXTURE_ROOT, path))) virtual.set(join(FIXTURE_ROOT, path), content);
        continue;
      }
      const file = join(FIXTURE_ROOT, fixture.name, path);
      virtual.set(file, path.includes("/") ? content : content.replaceAll('from "./runtime/', 'from "../runtime/'));
      if (file.endsWith(".ts")) files.push(file);
    }
    fixtureFiles.set(fixture.name, files);
  }
  const types = relative(join(MISUSE, ".."), join(PROJECT_ROOT, "generated/stripe-2024-06-20/types.js")).split("\\").join("/");
  virtual.set(MISUSE, `import type { PromotionCode } from "${types}";\nexport const code: PromotionCode["code"] = 42;\n`);
  // Blank the directives (keeping line numbers) so tsc reports the errors they were hiding.
  virtual.set(AS_WRITTEN, clientLines.join("\n"));
  virtual.set(STRIPPED, clientLines.map((l) => (l.trim() === "// @ts-expect-error" ? "" : l)).join("\n"));
  const roots = [...virtual.keys()].filter((f) => f.endsWith(".ts"));
  program = typeCheck(roots, virtual, { project: true });
}, 300_000);

// The program holds every file of the project (hundreds of MB): let it go once this file is done.
afterAll(() => {
  program = undefined;
});

describe("the project type-checks (tsc --noEmit -p tsconfig.json, strict)", () => {
  it("has every file tsconfig.json includes in the program, generated/ and the tests included", () => {
    const roots = checked().roots.map((f) => relative(PROJECT_ROOT, f));
    for (const file of ["index.ts", "bin/main.ts", "generator/index.ts", "generated/smartpay-v1/client.ts", "test/typecheck.test.ts", "test/client/type-checks.ts"]) expect(roots).toContain(file);
  });

  it("no file in the program has an error (the project, every generated output and its imports of the runtime)", () => {
    expect(checked().allErrors([MISUSE, STRIPPED])).toBe("");
  }, 300_000);
});

describe("generated code compiles with tsc --strict", () => {
  it.each(GOLDEN.map((f) => f.name))("golden fixture %s: its whole output", (name) => {
    const files = fixtureFiles.get(name) ?? [];
    expect(files.map((f) => relative(join(FIXTURE_ROOT, name), f))).toEqual(expect.arrayContaining(["types.ts", "validators.ts", "server.ts"]));
    expect(files.map((f) => checked().errorsIn(f)).filter((e) => e !== "")).toEqual([]);
  });

  it("a spec whose schemas and operations are named after globals (generated with --strict)", () => {
    const files = fixtureFiles.get(GLOBALS.name) ?? [];
    expect(files.map((f) => relative(join(FIXTURE_ROOT, GLOBALS.name), f))).toEqual(expect.arrayContaining(["types.ts", "validators.ts", "server.ts", "client.ts"]));
    expect(files.map((f) => checked().errorsIn(f)).filter((e) => e !== "")).toEqual([]);
  });

  it("the type check can fail: a misuse of the generated types is an error", () => {
    expect(checked().errorsIn(MISUSE)).toContain("Type 'number' is not assignable to type 'string'");
  });
});

describe("type-level tests of the generated clients (test/client/type-checks.ts)", () => {
  const cases = clientLines.flatMap((line, i) => {
    const kind = /^\s*\/\/ (missing-required|wrong-type|unknown-parameter):/.exec(line)?.[1];
    return kind ? [{ kind, label: line.trim(), line: i + 3 /* 1-based line of the statement after the directive */ }] : [];
  });

  it("has cases of every kind, each followed by a @ts-expect-error directive", () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(Object.keys(EXPECTED)));
    for (const c of cases) expect(clientLines[c.line - 2]!.trim(), c.label).toBe("// @ts-expect-error");
  });

  it("compiles as written: every @ts-expect-error line is an error, everything else type-checks", () => {
    expect(checked().errorsIn(AS_WRITTEN)).toBe("");
  });

  it("without the directives, each marked line fails for the reason its comment names, and no other line fails", () => {
    const output = checked().errorsIn(STRIPPED);
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
