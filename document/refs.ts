import { pathToFileURL, fileURLToPath } from "node:url";
import { setOwn } from "../runtime/shared/own.js";
import type { Diagnostic } from "./diagnostics.js";
import type { SourceDocument } from "./source.js";
import { getAtPointer, joinPointer, splitPointer, escapeSegment } from "./pointer.js";

/** Why another file may not or cannot be used; its own diagnostics (parse errors) when it has some. */
export interface ExternalProblem {
  problem: string;
  diagnostics?: Diagnostic[];
}

/** Loads another file named by an external `$ref` (see document/load.ts confinedLoader); undefined when it cannot. */
export type LoadExternal = (absolutePath: string) => SourceDocument | ExternalProblem | undefined;

interface ResourceIndex {
  /** absolute `$id` URL (no fragment) → pointer of the schema that declares it */
  ids: Map<string, string>;
  /** absolute `$id`/document URL + `#anchor` → pointer */
  anchors: Map<string, string>;
}

interface RefContext {
  doc: SourceDocument;
  baseUrl: string;
  index: ResourceIndex;
  diagnostics: Diagnostic[];
  loadExternal: LoadExternal;
  /** external documents already normalised, by URL */
  externals: Map<string, { root: unknown; ctx: RefContext } | { problem: string }>;
  /** external pointers being inlined, to stop cycles */
  inlining: Set<string>;
}

/**
 * Rewrite every `$ref` so that it is a plain local JSON pointer (`#/components/...`):
 * `$id` and `$anchor` targets (JSON Schema 2020-12) become pointers, external files are
 * inlined, unresolvable refs become SC003 diagnostics. `$id` keywords are dropped from the
 * result so later tools resolve every pointer against the document root.
 */
export function normalizeRefs(
  doc: SourceDocument,
  loadExternal: LoadExternal,
  absolutePath: string,
): { root: unknown; diagnostics: Diagnostic[] } {
  const ctx = makeContext(doc, pathToFileURL(absolutePath).href, loadExternal, new Map(), new Set());
  const root = rewrite(ctx, doc.root, "#", ctx.baseUrl);
  return { root, diagnostics: ctx.diagnostics };
}

function makeContext(
  doc: SourceDocument,
  baseUrl: string,
  loadExternal: LoadExternal,
  externals: RefContext["externals"],
  inlining: Set<string>,
): RefContext {
  return { doc, baseUrl, index: indexResources(doc.root, baseUrl), diagnostics: [], loadExternal, externals, inlining };
}

function indexResources(root: unknown, documentUrl: string): ResourceIndex {
  const index: ResourceIndex = { ids: new Map(), anchors: new Map() };
  const visit = (node: unknown, pointer: string, base: string): void => {
    if (node === null || typeof node !== "object") return;
    let here = base;
    if (!Array.isArray(node)) {
      const record = node as Record<string, unknown>;
      if (typeof record.$id === "string" && !isPropertiesMap(pointer)) {
        here = safeUrl(record.$id as string, base)?.split("#")[0] ?? base;
        index.ids.set(here, pointer);
      }
      if (typeof record.$anchor === "string") index.anchors.set(`${here}#${record.$anchor}`, pointer);
    }
    for (const [key, value] of entries(node)) visit(value, joinPointer(pointer, key), here);
  };
  visit(root, "#", documentUrl);
  return index;
}

function entries(node: object): [string, unknown][] {
  return Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
}

function safeUrl(ref: string, base: string): string | undefined {
  try {
    return new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

function rewrite(ctx: RefContext, node: unknown, pointer: string, base: string): unknown {
  if (node === null || typeof node !== "object" || isLiteralData(pointer, node)) return node;
  if (Array.isArray(node)) return node.map((v, i) => rewrite(ctx, v, joinPointer(pointer, i), base));
  const record = node as Record<string, unknown>;
  let here = base;
  if (typeof record.$id === "string") here = safeUrl(record.$id, base)?.split("#")[0] ?? base;
  if (typeof record.$ref === "string" && !isPropertiesMap(pointer)) {
    const resolved = resolveRef(ctx, record.$ref, here, pointer);
    if (resolved.kind === "local") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) {
        if (k === "$id") continue;
        setOwn(out, k, k === "$ref" ? resolved.pointer : rewrite(ctx, v, joinPointer(pointer, k), here));
      }
      return out;
    }
    if (resolved.kind === "inline") return resolved.value;
    // Reported already; an empty object lets the later stages go on and report the rest.
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === "$id" && !isPropertiesMap(pointer)) continue;
    setOwn(out, k, rewrite(ctx, v, joinPointer(pointer, k), here));
  }
  return out;
}

/** Maps whose keys are names chosen by the spec's author, not keywords. */
const NAME_MAPS = new Set([
  "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "paths", "webhooks", "callbacks",
  "responses", "schemas", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links",
  "pathItems", "content", "encoding", "variables", "mapping",
]);
const VALUE_KEYWORDS = new Set(["example", "default", "enum", "const"]);

/**
 * Values, not schemas or references: example values (`example`, an Example Object's `value`, a
 * schema's `examples` array), `default`, `enum`, `const` and `x-` extensions. A `$ref` inside them is
 * data and is never followed.
 */
function isLiteralData(pointer: string, node: unknown): boolean {
  const [grandparent, parent, key] = lastSegments(pointer);
  if (key === undefined || (parent !== undefined && NAME_MAPS.has(parent))) return false;
  if (key.startsWith("x-")) return true;
  if (key === "value") return grandparent === "examples";
  if (key === "examples") return Array.isArray(node);
  return VALUE_KEYWORDS.has(key);
}

/** The last three segments of a pointer (escaped; only compared with plain keywords). */
function lastSegments(pointer: string): [string | undefined, string | undefined, string | undefined] {
  const out: (string | undefined)[] = [];
  let end = pointer.length;
  for (let i = 0; i < 3; i++) {
    const slash = pointer.lastIndexOf("/", end - 1);
    if (slash === -1) break;
    out.unshift(pointer.slice(slash + 1, end));
    end = slash;
  }
  while (out.length < 3) out.unshift(undefined);
  return out as [string | undefined, string | undefined, string | undefined];
}

/** A schema's `properties` map may hold a property literally named `$ref` or `$id`. */
function isPropertiesMap(pointer: string): boolean {
  return /\/(properties|patternProperties|\$defs|definitions)$/.test(pointer);
}

type Resolution = { kind: "local"; pointer: string } | { kind: "inline"; value: unknown } | { kind: "missing" };

function resolveRef(ctx: RefContext, ref: string, base: string, at: string): Resolution {
  const url = safeUrl(ref, base);
  if (!url) return missing(ctx, at, `cannot parse $ref '${ref}'`);
  const hash = url.indexOf("#");
  const resource = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? "" : decodeURIComponent(url.slice(hash + 1));
  let rootPointer: string | undefined;
  if (resource === ctx.baseUrl) rootPointer = "#";
  else rootPointer = ctx.index.ids.get(resource);
  if (rootPointer !== undefined) {
    const target = fragmentToPointer(ctx, resource, rootPointer, fragment);
    if (target === undefined || getAtPointer(ctx.doc.root, target) === undefined) {
      return missing(ctx, at, `$ref '${ref}' points at nothing in ${ctx.doc.file}`);
    }
    return { kind: "local", pointer: target };
  }
  if (resource.startsWith("file:")) return inlineExternal(ctx, ref, resource, fragment, at);
  return missing(ctx, at, `$ref '${ref}' names no $id in this document and no local file`);
}

function fragmentToPointer(ctx: RefContext, resource: string, rootPointer: string, fragment: string): string | undefined {
  if (fragment === "" ) return rootPointer;
  if (fragment.startsWith("/")) {
    return splitPointer(`#${fragment}`).reduce((p, s) => `${p}/${escapeSegment(s)}`, rootPointer);
  }
  return ctx.index.anchors.get(`${resource}#${fragment}`);
}

function inlineExternal(ctx: RefContext, ref: string, resource: string, fragment: string, at: string): Resolution {
  const key = `${resource}#${fragment}`;
  if (ctx.inlining.has(key)) {
    ctx.diagnostics.push(diagnostic(ctx, "SC004", at, `$ref '${ref}' is part of a cycle across files that cannot be inlined`));
    return { kind: "missing" };
  }
  let loaded = ctx.externals.get(resource);
  if (loaded === undefined) {
    const other = ctx.loadExternal(fileURLToPath(resource));
    if (other === undefined) loaded = { problem: `cannot read ${fileURLToPath(resource)}` };
    else if ("problem" in other) {
      loaded = { problem: `the file ${other.problem}` };
      ctx.diagnostics.push(...(other.diagnostics ?? []));
    } else loaded = { root: other.root, ctx: makeContext(other, resource, ctx.loadExternal, ctx.externals, ctx.inlining) };
    ctx.externals.set(resource, loaded);
  }
  if ("problem" in loaded) return missing(ctx, at, `$ref '${ref}': ${loaded.problem}`);
  const otherCtx = loaded.ctx;
  const pointer = fragmentToPointer(otherCtx, resource, "#", fragment);
  const target = pointer === undefined ? undefined : getAtPointer(otherCtx.doc.root, pointer);
  if (pointer === undefined || target === undefined) return missing(ctx, at, `$ref '${ref}' points at nothing`);
  ctx.inlining.add(key);
  // Inside the inlined part every ref is resolved as if it were external too.
  const inlined = rewriteExternal(otherCtx, target, pointer);
  ctx.inlining.delete(key);
  ctx.diagnostics.push(...otherCtx.diagnostics.splice(0));
  return { kind: "inline", value: inlined };
}

function rewriteExternal(ctx: RefContext, node: unknown, pointer: string): unknown {
  if (node === null || typeof node !== "object" || isLiteralData(pointer, node)) return node;
  if (Array.isArray(node)) return node.map((v, i) => rewriteExternal(ctx, v, joinPointer(pointer, i)));
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === "string" && !isPropertiesMap(pointer)) {
    const url = safeUrl(record.$ref, ctx.baseUrl) ?? "";
    const hash = url.indexOf("#");
    const resource = hash === -1 ? url : url.slice(0, hash);
    const fragment = hash === -1 ? "" : decodeURIComponent(url.slice(hash + 1));
    const result = inlineExternal(ctx, record.$ref, resource, fragment, pointer);
    return result.kind === "inline" ? result.value : {};
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (k !== "$id") setOwn(out, k, rewriteExternal(ctx, v, joinPointer(pointer, k)));
  return out;
}

function missing(ctx: RefContext, at: string, message: string): Resolution {
  ctx.diagnostics.push(diagnostic(ctx, "SC003", joinPointer(at, "$ref"), message));
  return { kind: "missing" };
}

function diagnostic(ctx: RefContext, code: "SC003" | "SC004", pointer: string, message: string): Diagnostic {
  const pos = ctx.doc.locate(pointer);
  return { code, severity: "error", message, pointer, file: ctx.doc.file, line: pos.line, column: pos.column };
}
