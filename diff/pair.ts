import { makeChange, type Change } from "./change.js";
import type { DiffContext } from "./compare-schema.js";
import type { RuleId } from "./rules.js";
import type { Json } from "./schema-facts.js";

/** The two documents being compared, the walk's context and where its changes go. */
export interface Pair {
  ctx: DiffContext;
  out: Change[];
  oldRoot: Json;
  newRoot: Json;
}

export function emitChange(pair: Pair, rule: RuleId, message: string, pointers: { old?: string; new?: string }): void {
  pair.out.push(makeChange(rule, message, { operation: pair.ctx.operation, ...pointers }));
}
