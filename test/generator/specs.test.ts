import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/index.js";
import { configuredTargets } from "../../generator/targets.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

const targets = (await configuredTargets(PROJECT_ROOT))!.targets;
/** Each API generated once, in memory, for every test below. */
const results = new Map<string, GenerateResult>();
beforeAll(async () => {
  for (const target of targets) results.set(target.spec, await generate({ targets: [target], cwd: PROJECT_ROOT }));
}, 120_000);

describe("the project's own specs", () => {
  it("finds the three APIs under spec/", () => {
    expect(targets.map((t) => t.out)).toEqual([
      "generated/smartpay-v1",
      "generated/stripe-2024-06-20",
      "generated/stripe-2025-09-30.clover",
    ]);
  });

  it.each(targets)("$spec lints clean, every example matches its schema, every operation has a success example", (target) => {
    const result = results.get(target.spec)!;
    // No diagnostics at all: SC006 would flag an example that breaks its schema, SC008 a lint problem.
    expect(result.diagnostics).toEqual([]);
    const model = JSON.parse(result.apis[0]!.files.get("model.json")!) as { operations: { operationId: string }[] };
    const examples = JSON.parse(result.apis[0]!.files.get("examples.json")!) as {
      examples: { operationId: string; response: { status: string } }[];
    };
    for (const op of model.operations) {
      const statuses = examples.examples.filter((e) => e.operationId === op.operationId).map((e) => e.response.status);
      expect(statuses.some((s) => s.startsWith("2")), `${op.operationId} has a success example`).toBe(true);
    }
  });

  it("covers the error cases the providers document", () => {
    for (const api of [...results.values()].flatMap((r) => r.apis)) {
      const { examples } = JSON.parse(api.files.get("examples.json")!) as { examples: { name: string }[] };
      const names = new Set(examples.map((e) => e.name));
      for (const name of ["unknown_coupon", "duplicate_code", "unknown_id", "missing_api_key", "bad_api_key", "limit_out_of_range", "forbidden_field"]) {
        expect(names.has(name), `${api.target.spec} documents '${name}'`).toBe(true);
      }
      expect([...names].some((n) => n.startsWith("missing_") && n !== "missing_api_key"), `${api.target.spec} documents a missing required parameter`).toBe(true);
    }
  });
});
