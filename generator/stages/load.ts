import { checkStructure } from "../../document/structure.js";
import { confinedLoader } from "../../document/load.js";
import { resolve } from "node:path";
import { normalizeRefs, type LoadExternal } from "../../document/refs.js";
import type { StageContext } from "./context.js";

/**
 * Check the document's structure (OpenAPI 3.x, `paths` an object of `/…` keys) and make every `$ref`
 * a local pointer: files only under the spec's folder (or --allow-ref-dir), none for a spec read
 * from a URL. Answers the normalised root.
 */
export function loadStage(ctx: StageContext): Record<string, unknown> | undefined {
  const structural = checkStructure(ctx.doc.root);
  for (const finding of structural) ctx.report("SC002", "error", finding.pointer, finding.message);
  if (structural.length > 0) return undefined;
  const normalized = normalizeRefs(ctx.doc, ctx.remote ? () => ({ problem: "a spec read from a URL may only refer to itself" }) : keptFiles(ctx), ctx.absolute);
  for (const d of normalized.diagnostics) d.severity === "warning" ? ctx.report(d.code, "warning", d.pointer, d.message) : ctx.diagnostics.push(d);
  return normalized.root as Record<string, unknown>;
}

/** The confined loader, keeping the files it read: the manifest hashes them too, so that --check can name one that changed. */
function keptFiles(ctx: StageContext): LoadExternal {
  const confined = confinedLoader(ctx.absolute, ctx.cwd, ctx.limits);
  return (path) => {
    const loaded = confined(path);
    if (loaded !== undefined && "root" in loaded) ctx.refFiles.push({ file: resolve(path), root: loaded.root });
    return loaded;
  };
}
