import type { ContractCase, ModelJson } from "./types.js";

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** `2/4` → { index: 2, count: 4 }; undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * The cases of one shard. Operations joined by links (one needs an id another makes) stay together;
 * those groups are dealt out largest first to the shard with the fewest cases so far. Fixtures run in
 * every shard, since any group may need what they create. The same plan always splits the same way.
 */
export function shardCases(cases: readonly ContractCase[], model: ModelJson, shard: Shard): ContractCase[] {
  if (shard.count === 1) return [...cases];
  const group = linkGroups(model);
  const sizes = new Map<string, number>();
  for (const c of cases) if (c.kind !== "fixture") sizes.set(group(c.operationId), (sizes.get(group(c.operationId)) ?? 0) + 1);
  const units = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const load = new Array<number>(shard.count).fill(0);
  const owner = new Map<string, number>();
  for (const [name, size] of units) {
    const target = load.indexOf(Math.min(...load));
    owner.set(name, target);
    load[target]! += size;
  }
  return cases.filter((c) => c.kind === "fixture" || owner.get(group(c.operationId)) === shard.index - 1);
}

/** operationId → the name of its link group (the smallest operationId in it). */
function linkGroups(model: ModelJson): (operationId: string) => string {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  for (const op of model.operations) {
    parent.set(op.operationId, parent.get(op.operationId) ?? op.operationId);
    for (const link of op.responses.flatMap((r) => r.links)) {
      parent.set(link.operationId, parent.get(link.operationId) ?? link.operationId);
      union(op.operationId, link.operationId);
    }
  }
  return (id) => find(id);
}
