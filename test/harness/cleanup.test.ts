// After a run, the harness removes what it created; an object a case of the suite already deleted
// (Stripe's DeleteCouponsCoupon example) is gone, not a cleanup problem.
import { describe, expect, test } from "vitest";
import { runSuite } from "../../contract-tests/harness/run-suite.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { repoApiConfig } from "./repo-apis.js";

describe("cleanup after a run", () => {
  test("objects the suite deleted itself are not reported; the rest are removed", async () => {
    const config = await repoApiConfig("stripe-2025-09-30.clover");
    const run = await runSuite({ cwd: PROJECT_ROOT, config, target: { kind: "reference" }, timeoutMs: 5_000 });
    expect(run.results.filter((r) => r.state === "failed")).toEqual([]);
    expect(run.cleanup.problems).toEqual([]);
    expect(run.cleanup.removed).toBeGreaterThan(0);
  });
});
