import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { parseSource, type SourceDocument } from "../../document/source.js";
import { normalizeRefs } from "../../document/refs.js";
import { isRecord } from "../model/deref.js";
import type { StageContext } from "./context.js";

/** Always relative: no machine paths in output or messages. */
export function displayPath(cwd: string, file: string): string {
  return relative(cwd, resolve(cwd, file)).split(sep).join("/");
}

/** Check the document is OpenAPI 3.x and make every `$ref` a local pointer. Answers the normalised root. */
export function loadStage(ctx: StageContext): Record<string, unknown> | undefined {
  if (!isOpenApi3(ctx.doc)) {
    ctx.report("SC002", "error", "#/openapi", "expected `openapi: 3.0.x` or `openapi: 3.1.x` at the top level");
    return undefined;
  }
  const normalized = normalizeRefs(ctx.doc, (path) => loadExternal(path, ctx.cwd), ctx.absolute);
  for (const d of normalized.diagnostics) d.severity === "warning" ? ctx.report(d.code, "warning", d.pointer, d.message) : ctx.diagnostics.push(d);
  return normalized.root as Record<string, unknown>;
}

function isOpenApi3(doc: SourceDocument): boolean {
  return isRecord(doc.root) && typeof doc.root.openapi === "string" && /^3\.[01]\.\d+/.test(doc.root.openapi);
}

function loadExternal(path: string, cwd: string): SourceDocument | undefined {
  try {
    return parseSource(displayPath(cwd, path), readFileSync(path, "utf8")).doc;
  } catch {
    return undefined;
  }
}
