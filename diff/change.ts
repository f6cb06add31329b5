import type { Level, RuleId } from "./rules.js";
import { RULES } from "./rules.js";

/** Where a change sits on one side: a JSON pointer, resolved to file:line:column at report time. */
export interface Location {
  pointer: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface Change {
  rule: RuleId;
  client: Level;
  server: Level;
  message: string;
  /** Operations that reach the change, as `METHOD /path` (new path where it exists). */
  operations: string[];
  old?: Location;
  new?: Location;
}

export function makeChange(
  rule: RuleId,
  message: string,
  where: { operation: string; old?: string; new?: string },
): Change {
  const { client, server } = RULES[rule];
  return {
    rule,
    client,
    server,
    message,
    operations: [where.operation],
    old: where.old === undefined ? undefined : { pointer: where.old },
    new: where.new === undefined ? undefined : { pointer: where.new },
  };
}
