import { describe, expect, it } from "vitest";
import { buildMock } from "../../mock/server.js";
import { stripeSpecPath } from "../fixtures/specs/stripe.js";
import { ROOT, sweep } from "../mock/helpers.js";

// Stripe's full description (5 MB, seconds to build on 2 cores): `npm run test:slow`, called by .ci/run.
// The same check over every response of our own Stripe spec runs in `npm test` (test/mock/generated-data.test.ts).
describe("generated data on Stripe's full description", () => {
  it("validates on a sample (every 10th operation, every documented status)", () => {
    const { spec, app } = buildMock({ spec: stripeSpecPath(), cwd: ROOT });
    const { checked, failures } = sweep(spec, 1, (i) => i % 10 === 0);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    void app.close();
  }, 120_000);
});
