import type { Change, Location } from "./change.js";
import { compareOperation, indexOperations } from "./compare-operations.js";
import type { DiffContext } from "./compare-schema.js";
import { emitChange, type Pair } from "./pair.js";
import { levelRank, maxLevel } from "./rules.js";
import type { Side } from "./sources.js";

export interface DiffResult {
  old: string;
  new: string;
  changes: Change[];
}

/** Compare two loaded documents: every change, classified, with file:line:column on both sides. */
export function diffSides(before: Side, after: Side): DiffResult {
  const ctx: DiffContext = { oldRoot: before.root, newRoot: after.root, operation: "", scope: "", memo: new Map() };
  const pair: Pair = { ctx, out: [], oldRoot: before.root, newRoot: after.root };
  const oldOps = indexOperations(before.root);
  const newOps = indexOperations(after.root);
  for (const [key, o] of oldOps) {
    const n = newOps.get(key);
    ctx.operation = n?.label ?? o.label;
    if (n) compareOperation(pair, o, n);
    else emitChange(pair, "operation-removed", `operation ${o.label} removed`, { old: o.at.pointer, new: "#/paths" });
  }
  for (const [key, n] of newOps) {
    if (oldOps.has(key)) continue;
    ctx.operation = n.label;
    emitChange(pair, "operation-added", `operation ${n.label} added`, { old: "#/paths", new: n.at.pointer });
  }
  const unique = mergeDuplicates(pair.out);
  const changes = sortChanges(unique);
  for (const change of changes) {
    locate(before, change.old);
    locate(after, change.new);
  }
  return { old: before.label, new: after.label, changes };
}

/** One change per rule and pair of pointers, whichever walks reached it; its operations merged. */
function mergeDuplicates(changes: Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const change of changes) {
    const key = `${change.rule}|${change.old?.pointer}|${change.new?.pointer}`;
    const first = byKey.get(key);
    if (!first) byKey.set(key, change);
    else if (first !== change) first.operations = [...new Set([...first.operations, ...change.operations])];
  }
  const out = [...byKey.values()];
  for (const change of out) change.operations.sort();
  return out;
}

function locate(side: Side, location: Location | undefined): void {
  if (!location) return;
  const { line, column } = side.doc.locate(location.pointer);
  Object.assign(location, { file: side.doc.file, line, column });
}

export function levelOf(change: Change): ReturnType<typeof maxLevel> {
  return maxLevel(change.client, change.server);
}

function sortChanges(changes: Change[]): Change[] {
  return changes.sort(
    (a, b) =>
      levelRank(levelOf(b)) - levelRank(levelOf(a)) ||
      levelRank(b.client) - levelRank(a.client) ||
      a.operations[0]!.localeCompare(b.operations[0]!) ||
      a.rule.localeCompare(b.rule) ||
      (a.old?.pointer ?? "").localeCompare(b.old?.pointer ?? "") ||
      (a.new?.pointer ?? "").localeCompare(b.new?.pointer ?? "") ||
      a.message.localeCompare(b.message),
  );
}
