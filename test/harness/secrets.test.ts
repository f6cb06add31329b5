import { describe, expect, test } from "vitest";
import { formatFailure, secretForms } from "../../contract-tests/harness/format.js";
import type { CaseResult } from "../../contract-tests/harness/types.js";

describe("redacting API keys", () => {
  test("the key, its Basic credentials and its bare base64 are all secret forms", () => {
    const key = "sk_test_redact_me_42";
    expect(secretForms(key)).toEqual([key, Buffer.from(`${key}:`).toString("base64"), Buffer.from(key).toString("base64")]);
    expect(secretForms("")).toEqual([]);
  });

  test("a failure report that echoes any form of the key shows [redacted] instead", () => {
    const key = "sk_test_redact_me_42";
    const echoed = secretForms(key).map((s) => `"${s}"`).join(",");
    const result: CaseResult = {
      case: { id: "x", title: "op › example", kind: "example", operationId: "op", example: {} as CaseResult["case"]["example"], expectStatuses: ["200"] },
      state: "failed",
      request: { method: "GET", url: `http://127.0.0.1:1/things?key=${key}` },
      status: 500,
      failures: [{ check: "status", message: "expected status 200, got 500", details: [`body: [${echoed}]`] }],
      notes: [],
      durationMs: 1,
    };
    const report = formatFailure(result, secretForms(key));
    expect(report).toContain('body: ["[redacted]","[redacted]","[redacted]"]');
    for (const form of secretForms(key)) expect(report).not.toContain(form);
  });
});
