import { joinPointer } from "../document/pointer.js";
import type { Change } from "./change.js";
import { emitChange, type Pair } from "./pair.js";
import type { At, Json } from "./schema-facts.js";
import { getOwn } from "../runtime/shared/own.js";

interface Effective {
  /** Each alternative as its sorted scheme names joined by `+`; `{}` (no credentials) is "". */
  alternatives: string[];
  pointer: string;
}

function effectiveSecurity(root: Json, op: At): Effective {
  const own = Array.isArray(op.node.security);
  const list = (own ? op.node.security : root.security) as unknown;
  const pointer = own ? joinPointer(op.pointer, "security") : Array.isArray(root.security) ? "#/security" : op.pointer;
  const alternatives = Array.isArray(list)
    ? list.map((r) => (r && typeof r === "object" ? Object.keys(r as Json).sort().join("+") : ""))
    : [];
  return { alternatives: [...new Set(alternatives)].sort(), pointer };
}

function needsCredentials(e: Effective): boolean {
  return e.alternatives.length > 0 && !e.alternatives.includes("");
}

export function compareSecurity(pair: Pair, before: At, after: At): void {
  const o = effectiveSecurity(pair.oldRoot, before);
  const n = effectiveSecurity(pair.newRoot, after);
  const pointers = { old: o.pointer, new: n.pointer };
  const show = (e: Effective): string => e.alternatives.map((a) => a || "none").join(" or ") || "none";
  if (!needsCredentials(o) && needsCredentials(n)) {
    emitChange(pair, "security-added", `credentials now required (${show(n)})`, pointers);
  } else if (needsCredentials(o) && !needsCredentials(n)) {
    emitChange(pair, "security-removed", `credentials no longer required (was ${show(o)})`, pointers);
  } else {
    for (const alt of o.alternatives.filter((a) => a !== "" && !n.alternatives.includes(a))) {
      emitChange(pair, "security-requirement-removed", `security alternative ${alt} removed`, pointers);
    }
    for (const alt of n.alternatives.filter((a) => a !== "" && !o.alternatives.includes(a))) {
      emitChange(pair, "security-requirement-added", `security alternative ${alt} added`, pointers);
    }
  }
  const used = new Set(n.alternatives.flatMap((a) => (a === "" ? [] : a.split("+"))));
  for (const name of [...used].sort()) compareScheme(pair, name);
}

const SCHEME_FIELDS = ["type", "scheme", "in", "name"] as const;

/** A scheme both versions define under the same name, judged once and shared by every operation using it. */
function compareScheme(pair: Pair, name: string): void {
  const key = `security-scheme|${name}`;
  const seen = pair.ctx.memo.get(key);
  if (seen) {
    for (const change of seen) if (!change.operations.includes(pair.ctx.operation)) change.operations.push(pair.ctx.operation);
    pair.out.push(...seen);
    return;
  }
  const found = new Set<Change>();
  pair.ctx.memo.set(key, found);
  const schemes = (root: Json): Json => (((root.components as Json | undefined)?.securitySchemes ?? {}) as Json);
  const o = getOwn(schemes(pair.oldRoot), name) as Json | undefined;
  const n = getOwn(schemes(pair.newRoot), name) as Json | undefined;
  if (!o || !n) return;
  const normal = (s: Json, f: string): string => String(s[f] ?? "").toLowerCase();
  const differing = SCHEME_FIELDS.filter((f) => normal(o, f) !== normal(n, f));
  if (differing.length === 0) return;
  const detail = differing.map((f) => `${f} ${String(o[f] ?? "none")} → ${String(n[f] ?? "none")}`).join(", ");
  const pointer = joinPointer("#/components/securitySchemes", name);
  const sub: Pair = { ...pair, out: [] };
  emitChange(sub, "security-scheme-changed", `security scheme \`${name}\`: ${detail}`, { old: pointer, new: pointer });
  for (const change of sub.out) found.add(change);
  pair.out.push(...found);
}
