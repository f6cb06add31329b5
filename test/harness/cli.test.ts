import { mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadApi } from "../../contract-tests/harness/load-api.js";
import { planCases } from "../../contract-tests/harness/plan.js";
import { freePort } from "../../contract-tests/harness/prism.js";
import type { TargetKind } from "../../contract-tests/harness/types.js";
import { PROJECT_ROOT, runCli } from "../helpers/run-cli.js";

/** The summary counts a run must report, derived from the plan itself (not from a past run). */
async function expectedCounts(api: string, target: TargetKind) {
  const cases = planCases(await loadApi({ root: PROJECT_ROOT, api }), target);
  const examples = cases.filter((c) => c.kind === "example");
  const negatives = cases.filter((c) => c.kind === "negative");
  const applicable = (list: typeof cases) => list.filter((c) => !c.notApplicable);
  return {
    tests: cases.length,
    replayed: applicable(examples).length,
    notApplicable: cases.filter((c) => c.notApplicable).length,
    negative: applicable(negatives).length,
    operations: new Set(applicable(cases).map((c) => c.operationId)).size,
  };
}

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(PROJECT_ROOT, ".scratch-harness-cli-"));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("spec-contract test", () => {
  test("replays an API against Prism: a line per case, n/a with its reason, the summary, JUnit and JSON reports, exit 0", async () => {
    const junit = join(out, "smartpay.xml");
    const json = join(out, "smartpay.json");
    const result = await runCli(["test", "smartpay-v1", "--target", "prism", "--junit", junit, "--json", json]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("smartpay-v1 @ prism");
    expect(result.stdout).toMatch(/✓ createPromotionCode › success {2}\d+ ms/);
    expect(result.stdout).toContain("– listPromotionCodes › bad_api_key  not applicable to prism: Prism checks that credentials are present");
    expect(result.stdout).toMatch(/API\s+target\s+examples\s+passed\s+failed\s+n\/a\s+negative\s+operations\s+statuses\s+time/);
    const n = await expectedCounts("smartpay-v1", "prism");
    const row = ["smartpay-v1", "prism", n.replayed, n.replayed, 0, n.notApplicable, `${n.negative}/${n.negative}`, `${n.operations}/${n.operations}`].join("\\s+");
    expect(result.stdout).toMatch(new RegExp(`${row.replace(/\./g, "\\.")}\\s+\\d+/\\d+`));
    expect(result.stdout).toContain("all contract checks passed");
    const report = JSON.parse(await readFile(json, "utf8")) as { summary: { examples: { passed: number } }[]; cases: { state: string }[] };
    expect(report.summary[0]!.examples.passed).toBe(n.replayed);
    expect(report.cases.filter((c) => c.state === "not-applicable")).toHaveLength(n.notApplicable);
    expect(await readFile(junit, "utf8")).toContain(`<testsuite name="smartpay-v1 @ prism" tests="${n.tests}" failures="0" skipped="${n.notApplicable}"`);
  });

  test("an unreachable target: each case fails with the reason, the key never appears, exit 1", async () => {
    const port = await freePort();
    const secret = "sk_test_do_not_print_me_123";
    const result = await runCli(["test", "stripe-2024-06-20", "--target", `http://127.0.0.1:${port}`, "--api-key", secret, "--timeout", "2000"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ transport: target unreachable: connection refused by http://127.0.0.1:${port}`);
    expect(result.stdout).toContain("PostPromotionCodes › success");
    const n = await expectedCounts("stripe-2024-06-20", "url");
    expect(result.stdout).toMatch(new RegExp(`stripe-2024-06-20\\s+http://127\\.0\\.0\\.1:${port}\\s+${n.replayed}\\s+0\\s+${n.replayed}\\s+0\\s+0/${n.negative}\\s`));
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  test("usage errors exit 2 and name the problem", async () => {
    const unknown = await runCli(["test", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown API 'nope' (known: smartpay-v1, stripe-2024-06-20, stripe-2025-09-30.clover)");
    const target = await runCli(["test", "smartpay-v1", "--target", "ftp://example.com"]);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain("--target must be reference, prism, mock or an http(s) URL, got 'ftp://example.com'");
  });
});
