import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runDiff } from "../../diff/cli.js";
import { diffSides } from "../../diff/index.js";
import { formatMarkdown } from "../../diff/report.js";
import { loadSide, sideFromText } from "../../diff/sources.js";
import { stripeSpecPath } from "../fixtures/specs/stripe.js";

const root = resolve(import.meta.dirname, "../..");
const OLD = "spec/stripe/2024-06-20.yaml";
const CLOVER = "spec/stripe/2025-09-30.clover.yaml";
const FULL = stripeSpecPath();

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

type Json = Record<string, any>;

/** Stripe's full published spec (5 MB, recursive schemas) against copies changed in known ways. */
describe("Stripe's full spec against modified copies", () => {
  const text = readFileSync(FULL, "utf8");
  const original = sideFromText("stripe-spec3.json", text);

  function modified(change: (spec: Json) => void) {
    const spec = JSON.parse(text) as Json;
    change(spec);
    return diffSides(original, sideFromText("modified.json", JSON.stringify(spec, null, 2)));
  }

  it("finds nothing when the spec is compared with itself", () => {
    expect(diffSides(original, sideFromText("copy.json", text)).changes).toEqual([]);
  }, 60_000);

  it("finds each planted change, once, with its classification", () => {
    const result = modified((spec) => {
      delete spec.paths["/v1/coupons/{coupon}"].delete;
      const promo = spec.components.schemas.promotion_code;
      delete promo.properties.coupon;
      promo.required = promo.required.filter((r: string) => r !== "coupon");
      promo.properties.code.nullable = true;
      const form = spec.paths["/v1/coupons"].post.requestBody.content["application/x-www-form-urlencoded"].schema;
      form.required = [...(form.required ?? []), "name"];
      form.properties.duration.enum = form.properties.duration.enum.filter((v: string) => v !== "forever");
    });
    const found = result.changes.map((c) => `${c.rule} ${c.client}/${c.server} ${c.old?.pointer}`).sort();
    expect(found).toEqual([
      "operation-removed breaking/none #/paths/~1v1~1coupons~1{coupon}/delete",
      "request-enum-value-removed breaking/none #/paths/~1v1~1coupons/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/duration",
      "request-property-became-required breaking/none #/paths/~1v1~1coupons/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/name",
      "response-became-nullable breaking/none #/components/schemas/promotion_code/properties/code",
      "response-property-removed breaking/none #/components/schemas/promotion_code/properties/coupon",
    ]);
    const removed = result.changes.find((c) => c.rule === "response-property-removed")!;
    expect(removed.operations).toContain("GET /v1/promotion_codes/{promotion_code}");
    expect(removed.new).toMatchObject({ file: "modified.json", line: expect.any(Number) });
  }, 60_000);
});
