import { mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../contract-tests/harness/prism.js";
import { PROJECT_ROOT, runCli } from "../helpers/run-cli.js";

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
    expect(result.stdout).toMatch(/smartpay-v1\s+prism\s+12\s+12\s+0\s+6\s+12\/12\s+6\/6\s+\d+\/\d+/);
    expect(result.stdout).toContain("all contract checks passed");
    const report = JSON.parse(await readFile(json, "utf8")) as { summary: { examples: { passed: number } }[]; cases: { state: string }[] };
    expect(report.summary[0]!.examples.passed).toBe(12);
    expect(report.cases.filter((c) => c.state === "not-applicable")).toHaveLength(6);
    expect(await readFile(junit, "utf8")).toMatch(/<testsuite name="smartpay-v1 @ prism" tests="31" failures="0" skipped="6"/);
  });

  test("an unreachable target: each case fails with the reason, the key never appears, exit 1", async () => {
    const port = await freePort();
    const secret = "sk_test_do_not_print_me_123";
    const result = await runCli(["test", "stripe-2024-06-20", "--target", `http://127.0.0.1:${port}`, "--api-key", secret, "--timeout", "2000"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ transport: target unreachable: connection refused by http://127.0.0.1:${port}`);
    expect(result.stdout).toContain("PostPromotionCodes › success");
    expect(result.stdout).toMatch(/stripe-2024-06-20\s+http:\/\/127\.0\.0\.1:\d+\s+20\s+0\s+20/);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  test("usage errors exit 2 and name the problem", async () => {
    const unknown = await runCli(["test", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown API 'nope' (known: smartpay-v1, stripe-2024-06-20, stripe-2025-09-30.clover)");
    const target = await runCli(["test", "smartpay-v1", "--target", "ftp://example.com"]);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain("--target must be reference, prism or an http(s) URL, got 'ftp://example.com'");
  });
});
