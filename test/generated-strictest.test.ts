import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./helpers/run-cli.js";
import { typeCheck } from "./helpers/type-check.js";

/** Flags of @tsconfig/strictest beyond the project's own tsconfig.json, which users' projects often set. */
const STRICTEST = { noPropertyAccessFromIndexSignature: true, exactOptionalPropertyTypes: true };

const outputFiles = (api: string): string[] =>
  readdirSync(join(PROJECT_ROOT, "generated", api), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(PROJECT_ROOT, "generated", api, f));

describe("generated output in a project with the strictest flags", () => {
  it("type-checks with noPropertyAccessFromIndexSignature and exactOptionalPropertyTypes: server, client, validator loaders and the copied runtime", async () => {
    const roots = [...outputFiles("smartpay-v1"), ...outputFiles("stripe-2024-06-20")];
    expect(roots.some((f) => f.endsWith("validators/by-operation.ts"))).toBe(true);
    // the check can fail: a file breaking both flags
    const control = join(PROJECT_ROOT, ".virtual-strictest/control.ts");
    const source = `export const a = ({} as Record<string, number>).x;\nconst b: { c?: string } = { c: undefined };\nexport { b };\n`;
    const result = await typeCheck([...roots, control], new Map([[control, source]]), { compilerOptions: STRICTEST });
    expect(result.errorsIn(control)).toContain("TS4111");
    expect(result.errorsIn(control)).toContain("TS2375");
    expect(result.allErrors([control])).toBe("");
  }, 120_000);
});
