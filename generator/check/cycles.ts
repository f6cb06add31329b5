import { getAtPointer, joinPointer } from "../../document/pointer.js";
import { isRecord } from "../model/deref.js";

export interface CycleFinding {
  pointer: string;
  cycle: string[];
}

const COMPOSITIONS = ["allOf", "anyOf", "oneOf"] as const;

/**
 * Find `$ref` cycles no type or validator can express: a chain that returns to its start
 * through `$ref` and allOf/anyOf/oneOf alone, never through a property or an array item
 * (`A = A`, `A = B | A`). Recursion through properties or items is fine and is not reported.
 */
export function findInexpressibleCycles(root: unknown): CycleFinding[] {
  const state = new Map<string, "active" | "done">();
  const findings: CycleFinding[] = [];
  const reported = new Set<string>();
  const stack: string[] = [];

  const edges = (pointer: string): string[] => {
    const node = getAtPointer(root, pointer);
    if (!isRecord(node)) return [];
    const out: string[] = [];
    if (typeof node.$ref === "string" && node.$ref.startsWith("#")) out.push(node.$ref);
    for (const key of COMPOSITIONS) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((_, i) => out.push(joinPointer(pointer, key, i)));
    }
    return out;
  };

  const visit = (pointer: string): void => {
    const seen = state.get(pointer);
    if (seen === "done") return;
    if (seen === "active") {
      const cycle = stack.slice(stack.indexOf(pointer));
      const refs = cycle.filter((p) => isRefNode(root, p));
      const key = [...refs].sort().join(" ");
      if (!reported.has(key)) {
        reported.add(key);
        findings.push({ pointer: refs[0] ?? pointer, cycle: [...cycle, pointer] });
      }
      return;
    }
    state.set(pointer, "active");
    stack.push(pointer);
    for (const next of edges(pointer)) visit(next);
    stack.pop();
    state.set(pointer, "done");
  };

  for (const start of refHolders(root)) visit(start);
  return findings;
}

function isRefNode(root: unknown, pointer: string): boolean {
  const node = getAtPointer(root, pointer);
  return isRecord(node) && typeof node.$ref === "string";
}

/** Pointers of every object that holds a `$ref`, in document order. */
function refHolders(root: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, joinPointer(pointer, i)));
    else if (isRecord(node)) {
      if (typeof node.$ref === "string") out.push(pointer);
      for (const [k, v] of Object.entries(node)) if (k !== "$ref") walk(v, joinPointer(pointer, k));
    }
  };
  walk(root, "#");
  return out;
}
