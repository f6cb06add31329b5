import type { LoadedApi } from "./load-api.js";
import { buildNegativeCases } from "./negative.js";
import type { ContractCase, ExampleJson, ModelJson, TargetKind } from "./types.js";
import { applyTargetLimits } from "./target-limits.js";

/**
 * The cases of one suite, in run order: fixtures, then documented examples in dependency order
 * (a link's source operation before its target; operations outside every link last, so reads see
 * what the writes made; within an operation 2xx examples first), then negative cases.
 */
export function planCases(api: LoadedApi, target: TargetKind): ContractCase[] {
  const fixtures: ContractCase[] = (api.config.fixtures ?? []).map((f) => {
    const example = api.examples.find((e) => e.operationId === f.operationId && e.name === f.example);
    if (!example) throw new Error(`${api.name}: fixture '${f.name}' names example ${f.operationId} › ${f.example}, which the spec does not have`);
    return { id: `fixture:${f.name}`, title: `fixture › ${f.name} (${f.operationId} › ${f.example})`, kind: "fixture", operationId: f.operationId, example, expectStatuses: [example.response.status] };
  });
  const rank = operationRanks(api.model);
  const order = new Map(api.model.operations.map((o, i) => [o.operationId, i]));
  const examples = api.examples
    .map((example, index) => ({ example, index }))
    .sort((a, b) => compareExamples(a, b, rank, order))
    .map(({ example }): ContractCase => ({
      id: `example:${example.operationId}:${example.name}`,
      title: `${example.operationId} › ${example.name}`,
      kind: "example",
      operationId: example.operationId,
      example,
      expectStatuses: [example.response.status],
    }));
  const negatives = buildNegativeCases(api, examples);
  return [...fixtures, ...examples, ...negatives].map((c) => {
    const pointer = c.kind === "negative" ? (api.model.operations.find((o) => o.operationId === c.operationId)?.pointer ?? "#") : c.example.response.pointer;
    return applyTargetLimits(api, { ...c, at: `${api.spec.file}:${api.spec.locate(pointer).line}` }, target);
  });
}

function compareExamples(
  a: { example: ExampleJson; index: number },
  b: { example: ExampleJson; index: number },
  rank: Map<string, number>,
  order: Map<string, number>,
): number {
  const byRank = (rank.get(a.example.operationId) ?? 0) - (rank.get(b.example.operationId) ?? 0);
  if (byRank !== 0) return byRank;
  const byOperation = (order.get(a.example.operationId) ?? 0) - (order.get(b.example.operationId) ?? 0);
  if (byOperation !== 0) return byOperation;
  const success = (e: ExampleJson) => (e.response.status.startsWith("2") ? 0 : 1);
  return success(a.example) - success(b.example) || a.index - b.index;
}

/**
 * Longest link path to each operation (0 for a source no link points at); operations in no link get
 * one more than the deepest linked operation, so they run after all the others.
 */
export function operationRanks(model: ModelJson): Map<string, number> {
  const edges = new Map<string, Set<string>>();
  const linked = new Set<string>();
  for (const op of model.operations) {
    for (const link of op.responses.flatMap((r) => r.links)) {
      if (link.operationId === op.operationId) continue;
      if (!edges.has(op.operationId)) edges.set(op.operationId, new Set());
      edges.get(op.operationId)!.add(link.operationId);
      linked.add(op.operationId).add(link.operationId);
    }
  }
  const rank = new Map<string, number>();
  const visit = (id: string, depth: number, seen: Set<string>): void => {
    if (seen.has(id)) return; // a cycle: keep the first depth found
    if ((rank.get(id) ?? -1) >= depth) return;
    rank.set(id, depth);
    for (const next of edges.get(id) ?? []) visit(next, depth + 1, new Set(seen).add(id));
  };
  const targets = new Set([...edges.values()].flatMap((s) => [...s]));
  for (const id of linked) if (!targets.has(id)) visit(id, 0, new Set());
  for (const id of linked) if (!rank.has(id)) visit(id, 0, new Set());
  const afterLinked = rank.size === 0 ? 0 : Math.max(...rank.values()) + 1;
  for (const op of model.operations) if (!rank.has(op.operationId)) rank.set(op.operationId, afterLinked);
  return rank;
}
