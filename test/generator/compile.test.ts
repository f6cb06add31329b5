import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, runCli, scratchDir } from "../helpers/run-cli.js";
import { stripeSpecPath } from "../fixtures/specs/stripe.js";

const exec = promisify(execFile);
const TSC = join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");

async function tsc(project: string): Promise<{ code: number; output: string }> {
  try {
    await exec(process.execPath, [TSC, "--noEmit", "-p", project], { cwd: PROJECT_ROOT, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, output: "" };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: typeof e.code === "number" ? e.code : 2, output: e.stdout ?? String(error) };
  }
}

describe("generated code compiles with tsc --strict", () => {
  it("generated/ and the golden files", async () => {
    const result = await tsc("tsconfig.generated.json");
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("tsc catches a type error in code that uses the generated types (the check can fail)", async () => {
    const dir = scratchDir("tsc");
    const types = relative(dir, join(PROJECT_ROOT, "generated/stripe-2024-06-20/types.js")).split("\\").join("/");
    writeFileSync(join(dir, "use.ts"), `import type { PromotionCode } from "${types}";\nexport const code: PromotionCode["code"] = 42;\n`);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", include: ["use.ts"] }));
    const result = await tsc(join(dir, "tsconfig.json"));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("Type 'number' is not assignable to type 'string'");
  });

  it("the full Stripe spec (OpenAPI 3.0, 468 operations) generates and compiles", async () => {
    const dir = scratchDir("stripe");
    const gen = await runCli(
      ["generate", "--spec", stripeSpecPath(), "--out", join(dir, "stripe"), "--allow-format", "unix-time", "--allow-format", "decimal", "--quiet"],
      { timeoutMs: 300_000 },
    );
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stdout).toMatch(/stripe-spec3\.json → .*stripe\/ \(\d+ files\)/);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", include: ["stripe"] }));
    const result = await tsc(join(dir, "tsconfig.json"));
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  }, 400_000);
});
