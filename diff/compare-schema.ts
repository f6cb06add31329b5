import { joinPointer } from "../document/pointer.js";
import { makeChange, type Change } from "./change.js";
import { schemaRule, type Direction, type SchemaKind } from "./rules.js";
import {
  child, enumOf, isNullable, LOWER_BOUNDS, numberAt, propertiesOf, requiredOf, signatureOf, typesOf, UPPER_BOUNDS, variantsOf,
  type At, type Json,
} from "./schema-facts.js";

export interface DiffContext {
  oldRoot: unknown;
  newRoot: unknown;
  /** The operation being walked, as `METHOD /path`. */
  operation: string;
  /** What is being compared in it, e.g. `response 200 application/json`; leads each message. */
  scope: string;
  /** Changes found under each (direction, old pointer, new pointer) pair; in-progress pairs hold what they have so far (cycle guard). */
  memo: Map<string, Set<Change>>;
}

interface Walk {
  ctx: DiffContext;
  scope: string;
  direction: Direction;
  out: Set<Change>;
}

function absorb(out: Set<Change>, found: Iterable<Change>): void {
  for (const change of found) out.add(change);
}

/**
 * Compare two schemas for one direction and answer every change found beneath them. A pair of
 * schema pointers is walked once per direction; later operations that reach it are added to
 * the changes it produced, and a pair met again while it is being walked (a recursive schema)
 * answers nothing.
 */
export function compareSchema(
  ctx: DiffContext,
  direction: Direction,
  sides: { oldAt: At; newAt: At; label: string; scope?: string; asVariant?: boolean },
): Set<Change> {
  const { oldAt, newAt } = sides;
  // Inside a component schema, messages name the component: many operations share it.
  const component = /^#\/components\/schemas\/([^/]+)$/.exec(newAt.pointer)?.[1];
  const scope = component ? `schema \`${component}\`` : (sides.scope ?? ctx.scope);
  const label = component ? "" : sides.label;
  const key = `${direction}|${sides.asVariant ? "variant" : ""}|${oldAt.pointer}|${newAt.pointer}`;
  const seen = ctx.memo.get(key);
  if (seen) {
    for (const change of seen) if (!change.operations.includes(ctx.operation)) change.operations.push(ctx.operation);
    return seen;
  }
  const out = new Set<Change>();
  ctx.memo.set(key, out);
  const walk: Walk = { ctx, direction, out, scope };
  const emit = (kind: SchemaKind, message: string, oldPointer = oldAt.pointer, newPointer = newAt.pointer): void => {
    out.add(makeChange(schemaRule(direction, kind), `${scope}${label === "" ? "" : ` \`${label}\``}: ${message}`, { operation: ctx.operation, old: oldPointer, new: newPointer }));
  };
  // An alternative's nullability was judged on the schema holding the anyOf/oneOf.
  if (!sides.asVariant) compareNullability(walk, oldAt, newAt, emit);
  const oldVariants = variantsOf(ctx.oldRoot, oldAt);
  const newVariants = variantsOf(ctx.newRoot, newAt);
  if (oldVariants.length > 0 || newVariants.length > 0) {
    compareVariants(walk, { oldAt, newAt, oldVariants, newVariants, label }, emit);
    // A plain schema on one side was compared, whole, with its matching alternative.
    if (oldVariants.length === 0 || newVariants.length === 0) return out;
  } else {
    compareTypes(oldAt.node, newAt.node, emit);
    compareEnums(oldAt.node, newAt.node, emit);
  }
  compareConstraints(oldAt.node, newAt.node, emit);
  compareProperties(walk, oldAt, newAt, label, emit);
  for (const key of ["items", "additionalProperties"] as const) {
    const o = child(ctx.oldRoot, oldAt, key);
    const n = child(ctx.newRoot, newAt, key);
    if (o && n) absorb(out, compareSchema(ctx, direction, { oldAt: o, newAt: n, scope, label: key === "items" ? `${label}[]` : `${label}.*` }));
  }
  return out;
}

type Emit = (kind: SchemaKind, message: string, oldPointer?: string, newPointer?: string) => void;

function compareNullability(walk: Walk, oldAt: At, newAt: At, emit: Emit): void {
  const before = isNullable(walk.ctx.oldRoot, oldAt);
  const after = isNullable(walk.ctx.newRoot, newAt);
  if (!before && after) emit("became-nullable", "may now be null");
  if (before && !after) emit("became-not-nullable", "may no longer be null");
}

function covers(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === "integer" && types.has("number"));
}

function compareTypes(oldNode: Json, newNode: Json, emit: Emit): void {
  const before = typesOf(oldNode);
  const after = typesOf(newNode);
  const show = (t: Set<string> | undefined): string => (t ? [...t].sort().join(" | ") || "null" : "any");
  if (!before && !after) return;
  if (before && after) {
    const widened = [...before].every((t) => covers(after, t));
    const narrowed = [...after].every((t) => covers(before, t));
    if (widened && narrowed) return;
    const kind: SchemaKind = widened ? "type-widened" : narrowed ? "type-narrowed" : "type-changed";
    emit(kind, `type ${show(before)} → ${show(after)}`);
    return;
  }
  emit(before ? "type-widened" : "type-narrowed", `type ${show(before)} → ${show(after)}`);
}

function compareEnums(oldNode: Json, newNode: Json, emit: Emit): void {
  const before = enumOf(oldNode);
  const after = enumOf(newNode);
  if (!before && !after) return;
  if (!before) return emit("constraint-tightened", `now limited to ${after!.join(", ")}`);
  if (!after) return emit("constraint-relaxed", `no longer limited to ${before.join(", ")}`);
  const removed = before.filter((v) => !after.includes(v));
  const added = after.filter((v) => !before.includes(v));
  if (removed.length > 0) emit("enum-value-removed", `enum value${removed.length > 1 ? "s" : ""} ${removed.join(", ")} removed`);
  if (added.length > 0) emit("enum-value-added", `enum value${added.length > 1 ? "s" : ""} ${added.join(", ")} added`);
}

function compareConstraints(oldNode: Json, newNode: Json, emit: Emit): void {
  const bound = (key: string, tightensWhen: (before: number, after: number) => boolean): void => {
    const before = numberAt(oldNode, key);
    const after = numberAt(newNode, key);
    if (before === after) return;
    const tightened = before === undefined || (after !== undefined && tightensWhen(before, after));
    emit(tightened ? "constraint-tightened" : "constraint-relaxed", `${key} ${before ?? "none"} → ${after ?? "none"}`);
  };
  for (const key of UPPER_BOUNDS) bound(key, (b, a) => a < b);
  for (const key of LOWER_BOUNDS) bound(key, (b, a) => a > b);
  const [oldPattern, newPattern] = [oldNode.pattern, newNode.pattern];
  if (oldPattern !== newPattern) {
    const kind: SchemaKind = oldPattern === undefined ? "constraint-tightened" : newPattern === undefined ? "constraint-relaxed" : "pattern-changed";
    emit(kind, `pattern ${String(oldPattern ?? "none")} → ${String(newPattern ?? "none")}`);
  }
  if (oldNode.format !== newNode.format) {
    emit("format-changed", `format ${String(oldNode.format ?? "none")} → ${String(newNode.format ?? "none")}`);
  }
  const closedBefore = oldNode.additionalProperties === false;
  const closedAfter = newNode.additionalProperties === false;
  if (closedBefore !== closedAfter) {
    emit(closedAfter ? "constraint-tightened" : "constraint-relaxed", `additional properties ${closedAfter ? "no longer" : "now"} allowed`);
  }
}

function compareVariants(
  walk: Walk,
  sides: { oldAt: At; newAt: At; oldVariants: At[]; newVariants: At[]; label: string },
  emit: Emit,
): void {
  const oldList = sides.oldVariants.length > 0 ? sides.oldVariants : [sides.oldAt];
  const newList = sides.newVariants.length > 0 ? sides.newVariants : [sides.newAt];
  const unmatched = [...newList];
  for (const o of oldList) {
    const index = unmatched.findIndex((n) => signatureOf(n) === signatureOf(o));
    if (index === -1) {
      emit("variant-removed", `alternative ${describe(o)} removed`, o.pointer, sides.newAt.pointer);
      continue;
    }
    const [n] = unmatched.splice(index, 1);
    if (o === sides.oldAt && n === sides.newAt) continue;
    absorb(walk.out, compareSchema(walk.ctx, walk.direction, { oldAt: o, newAt: n!, scope: walk.scope, label: sides.label, asVariant: true }));
  }
  for (const n of unmatched) emit("variant-added", `alternative ${describe(n)} added`, sides.oldAt.pointer, n.pointer);
}

function describe(at: At): string {
  const signature = signatureOf(at);
  return signature.startsWith("ref:") ? `\`${signature.slice(4)}\`` : signature;
}

function compareProperties(walk: Walk, oldAt: At, newAt: At, label: string, emit: Emit): void {
  const { ctx, direction } = walk;
  const oldProps = propertiesOf(oldAt.node);
  const newProps = propertiesOf(newAt.node);
  const oldRequired = requiredOf(oldAt.node);
  const newRequired = requiredOf(newAt.node);
  const hidden = direction === "request" ? "readOnly" : "writeOnly";
  const names = [...new Set([...Object.keys(oldProps), ...Object.keys(newProps)])].sort();
  for (const name of names) {
    const o = child(ctx.oldRoot, oldAt, "properties", name);
    const n = child(ctx.newRoot, newAt, "properties", name);
    const where = label === "" ? name : `${label}.${name}`;
    const oldPointer = joinPointer(oldAt.pointer, "properties", name);
    const newPointer = joinPointer(newAt.pointer, "properties", name);
    if (o && !n) {
      if (o.node[hidden] === true) continue;
      const movedTo = findMoved(ctx, newAt, name, Object.keys(oldProps));
      emit("property-removed", `property \`${name}\` removed${movedTo ? ` (now at \`${movedTo}\`)` : ""}`, oldPointer, newAt.pointer);
    } else if (!o && n) {
      if (n.node[hidden] === true) continue;
      const required = newRequired.has(name);
      emit(required ? "property-added-required" : "property-added-optional", `${required ? "required" : "optional"} property \`${name}\` added`, oldAt.pointer, newPointer);
    } else if (o && n) {
      if (oldRequired.has(name) && !newRequired.has(name)) emit("property-became-optional", `property \`${name}\` became optional`, oldPointer, newPointer);
      if (!oldRequired.has(name) && newRequired.has(name)) emit("property-became-required", `property \`${name}\` became required`, oldPointer, newPointer);
      absorb(walk.out, compareSchema(ctx, direction, { oldAt: o, newAt: n, scope: walk.scope, label: where }));
    }
  }
}

/** A removed property that reappears inside a property the new version added: `coupon` → `promotion.coupon`. */
function findMoved(ctx: DiffContext, newAt: At, name: string, oldNames: string[]): string | undefined {
  for (const added of Object.keys(propertiesOf(newAt.node)).sort()) {
    if (oldNames.includes(added)) continue;
    const target = child(ctx.newRoot, newAt, "properties", added);
    if (target && name in propertiesOf(target.node)) return `${added}.${name}`;
  }
  return undefined;
}
