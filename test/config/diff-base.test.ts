import { describe, expect, test } from "vitest";
import { runDiff } from "../../diff/cli.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { capture } from "../harness/run-cli-inprocess.js";

describe("spec-contract diff --base with the config", () => {
  test("compares each configured API (or those named) with its spec at a git ref", async () => {
    const result = await capture(runDiff, ["--base", "HEAD", "stripe"], PROJECT_ROOT);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("stripe-2024-06-20\ngit:HEAD:spec/stripe/2024-06-20.yaml → spec/stripe/2024-06-20.yaml");
    expect(result.out).toContain("stripe-2025-09-30.clover\n");
    expect(result.out).not.toContain("smartpay");
    const json = await capture(runDiff, ["--base", "HEAD", "--format", "json"], PROJECT_ROOT);
    expect(Object.keys(JSON.parse(json.out) as object)).toEqual(["smartpay-v1", "stripe-2024-06-20", "stripe-2025-09-30.clover"]);
  });

  test("an unknown API name is a usage error", async () => {
    const result = await capture(runDiff, ["--base", "HEAD", "nope"], PROJECT_ROOT);
    expect(result.code).toBe(2);
    expect(result.err).toContain("unknown API 'nope'");
  });
});
