import { HarnessSetupError } from "./setup-error.js";
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
  return [...fixtures, ...examples, ...negatives, ...listUnreplayed(api)].map((c) => {
    const pointer = c.kind === "negative" || c.kind === "unreplayed" ? (api.model.operations.find((o) => o.operationId === c.operationId)?.pointer ?? "#") : c.example.response.pointer;
    return applyTargetLimits(api, { ...c, at: `${api.spec.file}:${api.spec.locate(pointer).line}` }, target);
  });
}

export const NO_EXAMPLE = "no example";

/**
 * What the run lists without sending: every example that breaks its schema ("invalid example
 * (SC006), not replayed") and every operation with no example to replay ("no example"). Neither is a
 * failure; both show in the report so nothing is dropped silently.
 */
export function listUnreplayed(api: LoadedApi): ContractCase[] {
  const listed = (operationId: string, name: string, reason: string): ContractCase => {
    const op = api.model.operations.find((o) => o.operationId === operationId);
    const example: ExampleJson = {
      operationId,
      name,
      method: op?.method.toUpperCase() ?? "GET",
      path: op?.path ?? "/",
      request: { params: { path: {}, query: {}, header: {}, cookie: {} } },
      auth: "valid",
      response: { status: "", pointer: op?.pointer ?? "#" },
      pointer: op?.pointer ?? "#",
    };
    return { id: `unreplayed:${operationId}:${name}`, title: `${operationId} › ${name}`, kind: "unreplayed", operationId, example, expectStatuses: [], notApplicable: reason };
  };
  const invalid = api.notReplayed.map((n) => listed(n.operationId, n.name, `${n.reason}, not replayed`));
  const withExample = new Set([...api.examples.map((e) => e.operationId), ...api.notReplayed.map((n) => n.operationId)]);
  const none = api.model.operations.filter((o) => !withExample.has(o.operationId)).map((o) => listed(o.operationId, NO_EXAMPLE, NO_EXAMPLE));
  return [...invalid, ...none];
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

/** The cases of a run; a spec with nothing to replay (listed-only cases aside) is a setup error, never "passed". */
export function planRunCases(api: LoadedApi, target: TargetKind): ContractCase[] {
  const cases = planCases(api, target);
  if (!cases.some((c) => c.kind !== "unreplayed")) {
    throw new HarnessSetupError(`${api.config.spec} documents no examples, so there is nothing to replay (request and response examples pair by name)`);
  }
  return cases;
}
