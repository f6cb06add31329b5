import { joinPointer } from "../document/pointer.js";
import { compareSchema } from "./compare-schema.js";
import { emitChange, type Pair } from "./pair.js";
import { child, type At, type Json } from "./schema-facts.js";
import { compareSecurity } from "./compare-security.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface OperationAt {
  label: string;
  at: At;
  pathItem: At;
}

/** Operations by `METHOD /path` with path parameter names blanked, so renaming `{id}` is no change. */
export function indexOperations(root: Json): Map<string, OperationAt> {
  const out = new Map<string, OperationAt>();
  const paths = (root.paths ?? {}) as Json;
  for (const path of Object.keys(paths).sort()) {
    const pathItem = child(root, { node: paths as Json, pointer: "#/paths" }, path);
    if (!pathItem) continue;
    for (const method of METHODS) {
      const op = child(root, pathItem, method);
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`;
      out.set(key, { label: `${method.toUpperCase()} ${path}`, at: op, pathItem });
    }
  }
  return out;
}

export function compareOperation(pair: Pair, before: OperationAt, after: OperationAt): void {
  compareParameters(pair, before, after);
  compareRequestBody(pair, before.at, after.at);
  compareResponses(pair, before.at, after.at);
  compareSecurity(pair, before.at, after.at);
}

function schemaPair(pair: Pair, scope: string, direction: "request" | "response", sides: { old?: At; new?: At }): void {
  const o = sides.old && child(pair.oldRoot, sides.old, "schema");
  const n = sides.new && child(pair.newRoot, sides.new, "schema");
  if (!o || !n) return;
  pair.ctx.scope = scope;
  for (const change of compareSchema(pair.ctx, direction, { oldAt: o, newAt: n, label: "" })) pair.out.push(change);
}

interface Parameter {
  name: string;
  in: string;
  at: At;
}

function parametersOf(root: Json, operation: OperationAt): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  for (const holder of [operation.pathItem, operation.at]) {
    const list = holder.node.parameters;
    if (!Array.isArray(list)) continue;
    list.forEach((_, i) => {
      const at = child(root, holder, "parameters", i);
      if (!at || typeof at.node.name !== "string" || typeof at.node.in !== "string") return;
      const name = at.node.in === "header" ? at.node.name.toLowerCase() : at.node.name;
      out.set(`${at.node.in} ${name}`, { name: at.node.name, in: at.node.in, at });
    });
  }
  return out;
}

function styleOf(p: Parameter): string {
  const style = (p.at.node.style as string | undefined) ?? (p.in === "query" || p.in === "cookie" ? "form" : "simple");
  const explode = (p.at.node.explode as boolean | undefined) ?? style === "form";
  return `${style}${explode ? ", explode" : ""}`;
}

function compareParameters(pair: Pair, before: OperationAt, after: OperationAt): void {
  const oldParams = parametersOf(pair.oldRoot, before);
  const newParams = parametersOf(pair.newRoot, after);
  for (const [key, o] of oldParams) {
    const n = newParams.get(key);
    if (n) {
      compareParameter(pair, o, n);
      continue;
    }
    const moved = [...newParams.entries()].find(([k, p]) => p.name.toLowerCase() === o.name.toLowerCase() && !oldParams.has(k));
    if (moved) {
      newParams.delete(moved[0]);
      const message = `parameter \`${o.name}\` moved from ${o.in} to ${moved[1].in}`;
      emitChange(pair, "request-parameter-location-changed", message, { old: o.at.pointer, new: moved[1].at.pointer });
      continue;
    }
    emitChange(pair, "request-parameter-removed", `${o.in} parameter \`${o.name}\` removed`, { old: o.at.pointer, new: after.at.pointer });
  }
  for (const [key, n] of newParams) {
    if (oldParams.has(key)) continue;
    const required = n.at.node.required === true;
    const rule = required ? "request-parameter-added-required" : "request-parameter-added-optional";
    emitChange(pair, rule, `${required ? "required" : "optional"} ${n.in} parameter \`${n.name}\` added`, { old: before.at.pointer, new: n.at.pointer });
  }
}

function compareParameter(pair: Pair, o: Parameter, n: Parameter): void {
  const pointers = { old: o.at.pointer, new: n.at.pointer };
  const wasRequired = o.at.node.required === true;
  const isRequired = n.at.node.required === true;
  if (!wasRequired && isRequired) emitChange(pair, "request-parameter-became-required", `${n.in} parameter \`${n.name}\` became required`, pointers);
  if (wasRequired && !isRequired) emitChange(pair, "request-parameter-became-optional", `${n.in} parameter \`${n.name}\` became optional`, pointers);
  if (styleOf(o) !== styleOf(n)) {
    emitChange(pair, "request-parameter-style-changed", `${n.in} parameter \`${n.name}\` style ${styleOf(o)} → ${styleOf(n)}`, pointers);
  }
  schemaPair(pair, `${n.in} parameter \`${n.name}\``, "request", { old: o.at, new: n.at });
}

function mediaTypes(at: At | undefined): string[] {
  const content = at?.node.content;
  return content && typeof content === "object" ? Object.keys(content).sort() : [];
}

function compareRequestBody(pair: Pair, before: At, after: At): void {
  const o = child(pair.oldRoot, before, "requestBody");
  const n = child(pair.newRoot, after, "requestBody");
  if (!o && !n) return;
  if (o && !n) return emitChange(pair, "request-body-removed", "request body removed", { old: o.pointer, new: after.pointer });
  const isRequired = n!.node.required === true;
  if (!o) {
    const rule = isRequired ? "request-body-added-required" : "request-body-added-optional";
    return emitChange(pair, rule, `${isRequired ? "required" : "optional"} request body added`, { old: before.pointer, new: n!.pointer });
  }
  const pointers = { old: o.pointer, new: n!.pointer };
  const wasRequired = o.node.required === true;
  if (!wasRequired && isRequired) emitChange(pair, "request-body-became-required", "request body became required", pointers);
  if (wasRequired && !isRequired) emitChange(pair, "request-body-became-optional", "request body became optional", pointers);
  compareContent(pair, { old: o, new: n!, scope: "request body", direction: "request" });
}

function compareContent(pair: Pair, sides: { old: At; new: At; scope: string; direction: "request" | "response" }): void {
  const before = mediaTypes(sides.old);
  const after = mediaTypes(sides.new);
  const prefix = sides.direction === "request" ? "request" : "response";
  for (const type of before) {
    const o = child(pair.oldRoot, sides.old, "content", type);
    const n = child(pair.newRoot, sides.new, "content", type);
    if (!n) {
      emitChange(pair, `${prefix}-media-type-removed`, `${sides.scope}: media type ${type} removed`, { old: o?.pointer, new: sides.new.pointer });
      continue;
    }
    schemaPair(pair, `${sides.scope} ${type}`, sides.direction, { old: o, new: n });
  }
  for (const type of after.filter((t) => !before.includes(t))) {
    const n = joinPointer(sides.new.pointer, "content", type);
    emitChange(pair, `${prefix}-media-type-added`, `${sides.scope}: media type ${type} added`, { old: sides.old.pointer, new: n });
  }
}

function compareResponses(pair: Pair, before: At, after: At): void {
  const o = child(pair.oldRoot, before, "responses");
  const n = child(pair.newRoot, after, "responses");
  const oldStatuses = Object.keys(o?.node ?? {}).sort();
  const newStatuses = Object.keys(n?.node ?? {}).sort();
  for (const status of oldStatuses) {
    const oldResponse = child(pair.oldRoot, o!, status);
    const newResponse = n && child(pair.newRoot, n, status);
    if (!oldResponse) continue;
    if (!newResponse) {
      const rule = /^2/.test(status) ? "response-success-status-removed" : "response-error-status-removed";
      emitChange(pair, rule, `response ${status} removed`, { old: oldResponse.pointer, new: n?.pointer ?? after.pointer });
      continue;
    }
    compareHeaders(pair, status, oldResponse, newResponse);
    compareContent(pair, { old: oldResponse, new: newResponse, scope: `response ${status}`, direction: "response" });
  }
  for (const status of newStatuses.filter((s) => !oldStatuses.includes(s))) {
    emitChange(pair, "response-status-added", `response ${status} added`, { old: o?.pointer ?? before.pointer, new: joinPointer(n!.pointer, status) });
  }
}

function compareHeaders(pair: Pair, status: string, before: At, after: At): void {
  const lower = (node: Json): Map<string, string> =>
    new Map(Object.keys((node.headers ?? {}) as Json).map((name) => [name.toLowerCase(), name]));
  const oldNames = lower(before.node);
  const newNames = lower(after.node);
  for (const [key, name] of oldNames) {
    const o = child(pair.oldRoot, before, "headers", name);
    if (newNames.has(key) || o?.node.required !== true) continue;
    emitChange(pair, "response-header-removed", `response ${status}: required header \`${name}\` removed`, { old: o.pointer, new: after.pointer });
  }
  for (const [key, name] of newNames) {
    const n = child(pair.newRoot, after, "headers", name);
    const o = oldNames.has(key) ? child(pair.oldRoot, before, "headers", oldNames.get(key)!) : undefined;
    if (n?.node.required !== true || o?.node.required === true) continue;
    const message = `response ${status}: header \`${name}\` ${o ? "became required" : "added, required"}`;
    emitChange(pair, "response-header-added-required", message, { old: o?.pointer ?? before.pointer, new: n.pointer });
  }
}
