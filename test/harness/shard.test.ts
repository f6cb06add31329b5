import { describe, expect, test } from "vitest";
import { planCases } from "../../contract-tests/harness/plan.js";
import { parseShard, shardCases } from "../../contract-tests/harness/shard.js";
import { loadRepoApi } from "./repo-apis.js";

describe("--shard <i>/<n>", () => {
  test("parses i/n with 1 ≤ i ≤ n only", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/2", "3/2", "1/0", "a/b", "1"]) expect(parseShard(bad)).toBeUndefined();
  });

  test("the shards of a plan are disjoint, cover every case, keep linked operations together and split the same way every time", async () => {
    const api = await loadRepoApi("smartpay-v1");
    const cases = planCases(api, "reference");
    const split = (n: number) => Array.from({ length: n }, (_, i) => shardCases(cases, api.model, { index: i + 1, count: n }).map((c) => c.id));
    for (const n of [1, 2, 3]) {
      const shards = split(n);
      expect(split(n)).toEqual(shards);
      const fixtures = cases.filter((c) => c.kind === "fixture").map((c) => c.id);
      for (const shard of shards) expect(shard.slice(0, fixtures.length)).toEqual(fixtures);
      const rest = shards.flatMap((s) => s.filter((id) => !fixtures.includes(id)));
      expect(rest.sort()).toEqual(cases.filter((c) => c.kind !== "fixture").map((c) => c.id).sort());
      // an operation's cases never span two shards
      const owner = new Map<string, number>();
      shards.forEach((s, i) => s.filter((id) => !fixtures.includes(id)).forEach((id) => {
        const op = cases.find((c) => c.id === id)!.operationId;
        expect(owner.get(op) ?? i, op).toBe(i);
        owner.set(op, i);
      }));
    }
  });
});
