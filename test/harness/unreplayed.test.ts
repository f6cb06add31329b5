import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { loadApi } from "../../contract-tests/harness/load-api.js";
import { planCases } from "../../contract-tests/harness/plan.js";
import { formatSummary, summarize, type ReportedCase } from "../../contract-tests/harness/summary.js";
import type { ApiConfig } from "../../contract-tests/harness/types.js";
import { PROJECT_ROOT, scratchDir } from "../helpers/run-cli.js";

const config: ApiConfig = {
  api: "facts",
  reference: "stripe",
  auth: { envVar: "FACTS_API_KEY", testKey: "k", invalidKey: "bad", scheme: "bearer" },
  fixtures: [],
};

async function factsApi() {
  const dir = join(scratchDir("unreplayed"), "out");
  const err: string[] = [];
  const code = await runGenerate(["--spec", "test/generator/fixtures/facts/facts.yaml", "--out", dir, "--quiet"], { out: () => {}, err: (s) => err.push(s), cwd: PROJECT_ROOT });
  expect(code, err.join("\n")).toBe(0);
  return loadApi({ root: PROJECT_ROOT, api: "facts", generatedDir: dir, config });
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
