import { describe, expect, test } from "vitest";
import { loadApi } from "../../contract-tests/harness/load-api.js";
import { planCases } from "../../contract-tests/harness/plan.js";
import { formatSummary, summarize, type ReportedCase } from "../../contract-tests/harness/summary.js";
import type { ApiConfig } from "../../config/types.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

const config: ApiConfig = { name: "facts", spec: "test/generator/fixtures/facts/facts.yaml", auth: { testKey: "k", invalidKey: "bad" } };

/** The harness reads the spec in memory: no generate step first. */
function factsApi() {
  return loadApi({ cwd: PROJECT_ROOT, config });
}

describe("what the harness lists but does not replay", () => {
  test("a documented invalid request is replayed; a broken example and an operation with no example are listed with their reason", async () => {
    const cases = planCases(await factsApi(), "url");
    expect(cases.map((c) => `${c.kind} ${c.title}${c.notApplicable ? `: ${c.notApplicable}` : ""}`)).toEqual(
      expect.arrayContaining([
        "example createItem › created",
        "example createItem › too_few",
        "unreplayed createItem › wrong_answer: invalid example (SC006), not replayed",
        "unreplayed getItem › no example: no example",
      ]),
    );
    expect(cases.find((c) => c.title === "createItem › too_few")?.expectStatuses).toEqual(["400"]);
    expect(cases.filter((c) => c.title.includes("wrong_answer") && c.kind !== "unreplayed")).toEqual([]);
  });

  test("the coverage summary names operations with no example and invalid examples, and counts neither as a failure", async () => {
    const cases = planCases(await factsApi(), "url");
    const reported: ReportedCase[] = cases.map((c) => ({
      title: c.title,
      state: c.notApplicable ? "not-applicable" : "passed",
      ...(c.notApplicable ? { message: c.notApplicable } : {}),
      durationMs: 1,
      meta: { api: "facts", target: "url", kind: c.kind, operationId: c.operationId, expected: c.expectStatuses, state: "passed", durationMs: 1, totals: { operations: 2, statuses: [] } },
    }));
    const text = formatSummary(summarize(reported), 10);
    expect(text).toContain("facts: no example for 1 operation(s): getItem");
    expect(text).toContain("facts: 1 invalid example(s) (SC006), not replayed: createItem › wrong_answer");
    expect(text).toContain("all contract checks passed");
  });
});
