import { describe, expect, it } from "vitest";
import { runSuite } from "../../contract-tests/harness/run-suite.js";
import { loadConfig } from "../../config/load.js";
import { ROOT } from "./helpers.js";

// The contract suites of our three APIs against `--target mock` (with state): every case passes
// or is marked not applicable for a provider rule, and the n/a cases are exactly those.
describe.each(["smartpay-v1", "stripe-2024-06-20", "stripe-2025-09-30.clover"])("contract suite against the mock: %s", (api) => {
  it("passes every case a mock can answer and marks the provider rules not applicable", async () => {
    const config = (await loadConfig({ cwd: ROOT }))!.config.apis.find((a) => a.name === api)!;
    const { results } = await runSuite({ cwd: ROOT, config, target: { kind: "mock" }, timeoutMs: 10_000 });
    const failed = results.filter((r) => r.state === "failed").map((r) => `${r.case.title}: ${JSON.stringify(r.failures).slice(0, 300)}`);
    expect(failed).toEqual([]);
    const notApplicable = results.filter((r) => r.state === "not-applicable").map((r) => r.case.title.split(" › ")[1]).sort();
    expect(notApplicable).toEqual(["bad_api_key", "duplicate_code", "unknown_coupon"]);
    expect(results.filter((r) => r.state === "passed").length).toBeGreaterThan(25);
  }, 60_000);
});
