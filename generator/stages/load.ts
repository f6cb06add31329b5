import { findInexpressibleCycles } from "../check/cycles.js";
import { checkStructure } from "../../document/structure.js";
import { confinedLoader } from "../../document/load.js";
import { getAtPointer, joinPointer } from "../../document/pointer.js";
import { normalizeRefs } from "../../document/refs.js";
import { isRecord } from "../model/deref.js";
import type { StageContext } from "./context.js";

/** Always relative: no machine paths in output or messages. */
export { displayPath } from "../../document/display-path.js";

/**
 * Check the document is OpenAPI 3.x, make every `$ref` a local pointer and report cycles no
 * output can express (breaking each so later stages terminate). Answers the normalised root.
 */
export function loadStage(ctx: StageContext): Record<string, unknown> | undefined {
  const structural = checkStructure(ctx.doc.root);
  for (const finding of structural) ctx.report("SC002", "error", finding.pointer, finding.message);
  if (structural.length > 0) return undefined;
  const normalized = normalizeRefs(ctx.doc, ctx.remote ? () => ({ problem: "a spec read from a URL may only refer to itself" }) : confinedLoader(ctx.absolute, ctx.cwd, ctx.limits), ctx.absolute);
  ctx.diagnostics.push(...normalized.diagnostics);
  const root = normalized.root as Record<string, unknown>;
  for (const finding of findInexpressibleCycles(root)) {
    const message = `$ref cycle with no object or array in between: ${finding.cycle.join(" → ")}`;
    ctx.report("SC004", "error", joinPointer(finding.pointer, "$ref"), message);
    const node = getAtPointer(root, finding.pointer);
    if (isRecord(node)) delete node.$ref;
  }
  return root;
}
