import { describe, expect, test } from "vitest";
import { formatFailure } from "../../contract-tests/harness/format.js";
import { runSuite } from "../../contract-tests/harness/run-suite.js";
import type { ApiConfig, CaseResult } from "../../contract-tests/harness/types.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { startGadgetServer, type GadgetErrors } from "./gadget-server.js";

const SPEC = "test/harness/fixtures/gadgets.yaml";
const config: ApiConfig = {
  name: "gadgets",
  spec: SPEC,
  auth: { env: "GADGETS_API_KEY", testKey: "sk_test_gadgets_0001", invalidKey: "sk_test_invalid" },
};

async function replay(errors: GadgetErrors): Promise<Map<string, CaseResult>> {
  const server = await startGadgetServer(errors);
  try {
    const run = await runSuite({ cwd: PROJECT_ROOT, config, target: { kind: "url", url: server.url }, timeoutMs: 5_000 });
    return new Map(run.results.map((r) => [r.case.title, r]));
  } finally {
    await server.close();
  }
}

describe("responses documented as a 4XX range", () => {
  test("a live 404 or 422 falls under 4XX: examples and negative cases pass, checked against the 4XX schema", async () => {
    const results = await replay("documented");
    expect([...results.values()].filter((r) => r.state !== "passed").map((r) => formatFailure(r, []))).toEqual([]);
    expect(results.get("getGadget › unknown_id")).toMatchObject({ status: 404, responseKey: "4XX" });
    expect(results.get("createGadget › too_long")).toMatchObject({ status: 422, responseKey: "4XX" });
    const negatives = [...results.values()].filter((r) => r.case.kind === "negative");
    expect(negatives.map((r) => r.case.title)).toEqual([
      "createGadget › negative: missing required body 'name'",
      "createGadget › negative: wrong type for body 'size' (integer)",
      "createGadget › negative: out-of-range body 'name' (maxLength 10)",
      "createGadget › negative: unknown body field 'x_contract_unknown'",
    ]);
    expect(negatives.every((r) => r.case.expectStatuses.join() === "4XX" && r.status === 422)).toBe(true);
  });

  test("an error body in the wrong shape fails the schema check of the 4XX response", async () => {
    const results = await replay("wrong-shape");
    const report = formatFailure(results.get("createGadget › negative: missing required body 'name'")!, []);
    expect(report).toContain("✗ schema: (root) must have required property 'error'");
    expect(report).toMatch(/schema #\/components\/schemas\/Error\/required at test\/harness\/fixtures\/gadgets\.yaml:\d+/);
    expect(results.get("getGadget › unknown_id")?.state).toBe("failed");
  });

  test("a 5xx is not a 4XX answer", async () => {
    const results = await replay("server-error");
    expect(formatFailure(results.get("getGadget › unknown_id")!, [])).toContain("✗ status: expected status 4XX, got 500 (undocumented: getGadget documents 200, 4XX)");
    expect(formatFailure(results.get("createGadget › negative: unknown body field 'x_contract_unknown'")!, [])).toContain("✗ status: expected status 4XX, got 500");
  });
});
