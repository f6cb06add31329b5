import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffSides } from "../../diff/index.js";
import { sideFromText } from "../../diff/sources.js";
import { stripeSpecPath } from "../fixtures/specs/stripe.js";

// Seconds on 2 cores: `npm run test:slow`, called by .ci/run. Every rule, self-comparison and
// recursive schemas on small documents: test/diff/rules.test.ts in `npm test`.
const FULL = stripeSpecPath();

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
