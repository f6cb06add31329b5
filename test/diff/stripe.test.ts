import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runDiff } from "../../diff/cli.js";
import { diffSides } from "../../diff/index.js";
import { formatMarkdown } from "../../diff/report.js";
import { loadSide } from "../../diff/sources.js";

const root = resolve(import.meta.dirname, "../..");
const OLD = "spec/stripe/2024-06-20.yaml";
const CLOVER = "spec/stripe/2025-09-30.clover.yaml";

// Stripe's full published spec (5 MB) against modified copies: test/slow/diff-stripe-full.test.ts
// (`npm run test:slow`, called by .ci/run); every rule on a small document: rules.test.ts.
describe("Stripe 2024-06-20 → 2025-09-30.clover", () => {
  it("reports coupon → promotion.coupon as breaking for clients, on every promotion-code operation", async () => {
    const result = diffSides(await loadSide(OLD, root), await loadSide(CLOVER, root));
    const moved = result.changes.find((c) => c.rule === "response-property-removed");
    expect(moved).toMatchObject({
      client: "breaking",
      message: "schema `promotion_code`: property `coupon` removed (now at `promotion.coupon`)",
      operations: ["GET /v1/promotion_codes", "GET /v1/promotion_codes/{promotion_code}", "POST /v1/promotion_codes", "POST /v1/promotion_codes/{promotion_code}"],
      old: { pointer: "#/components/schemas/promotion_code/properties/coupon", file: OLD },
      new: { pointer: "#/components/schemas/promotion_code", file: CLOVER },
    });
    const required = result.changes.find((c) => c.rule === "request-property-added-required");
    expect(required).toMatchObject({ client: "breaking", operations: ["POST /v1/promotion_codes"] });
    expect(required!.message).toContain("required property `promotion` added");
  });

  it("exits 1 for clients and the report in docs/diff.md is the current one", async () => {
    const out: string[] = [];
    const code = await runDiff([OLD, CLOVER, "--format", "markdown", "--for", "clients"], { out: (s) => out.push(s), err: () => {}, cwd: root });
    expect(code).toBe(1);
    expect(readFileSync(resolve(root, "docs/diff.md"), "utf8")).toContain(out.join("\n"));
  });

  it("the text report in README.md is the current one", async () => {
    const out: string[] = [];
    const code = await runDiff([OLD, CLOVER, "--for", "clients"], { out: (s) => out.push(s), err: () => {}, cwd: root });
    expect(code).toBe(1);
    expect(readFileSync(resolve(root, "README.md"), "utf8")).toContain("```\n" + out.join("\n") + "\n```");
  });

  it("finds nothing when each version is compared with itself", async () => {
    for (const file of [OLD, CLOVER]) {
      const side = await loadSide(file, root);
      expect(formatMarkdown(diffSides(side, side))).toContain("No changes.");
    }
  });
});
