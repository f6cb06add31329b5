import { getAtPointer, joinPointer } from "../../document/pointer.js";
import { findInexpressibleCycles } from "../check/cycles.js";
import { findDanglingLinks } from "../check/links.js";
import { findLintConfig, lintDocument } from "../check/lint.js";
import { findSchemaFacts } from "../check/schema-facts.js";
import { isRecord } from "../model/deref.js";
import type { StageContext } from "./context.js";

export interface CheckStageResult {
  /** formats no validator knows and no --allow-format names: ajv accepts any value for them */
  unknownFormats: string[];
}

/**
 * Checks on the loaded document before any model is built: `$ref` cycles no output can express
 * (broken, so later stages terminate), links to missing operations, unknown formats, patterns
 * JavaScript cannot compile, and the spec's own lint rules. Facts are warnings (errors under
 * --strict); what makes output wrong is an error.
 */
export async function checkStage(ctx: StageContext, root: Record<string, unknown>): Promise<CheckStageResult> {
  for (const finding of findInexpressibleCycles(root)) {
    const message = `$ref cycle with no object or array in between: ${finding.cycle.join(" → ")}`;
    ctx.report("SC004", "error", joinPointer(finding.pointer, "$ref"), message);
    const node = getAtPointer(root, finding.pointer);
    if (isRecord(node)) delete node.$ref;
  }
  for (const link of findDanglingLinks(root)) ctx.report("SC012", "error", link.pointer, `no operation '${link.operationId}'`);
  const facts = findSchemaFacts(root, ctx.allowFormats);
  for (const { format, pointer, uses } of facts.unknownFormats) {
    const where = uses > 1 ? ` (used in ${uses} places; this is the first)` : "";
    ctx.warn("SC007", pointer, `unknown format '${format}'${where}: validated as its type alone; --allow-format ${format} silences this`);
  }
  for (const bad of facts.badPatterns) {
    ctx.warn("SC009", bad.pointer, `pattern ${JSON.stringify(bad.pattern)} is not a JavaScript (unicode) regular expression, left out of the validator: ${bad.reason}`);
  }
  const lintConfig = findLintConfig(ctx.absolute, ctx.cwd);
  // The linter resolves `$ref`s itself: not on a document whose refs failed (or were refused by confinement).
  const refsFailed = ctx.diagnostics.some((d) => d.code === "SC003");
  if (lintConfig && !refsFailed) {
    for (const d of await lintDocument(ctx.doc, ctx.absolute, lintConfig)) ctx.diagnostics.push(ctx.strict && d.severity === "warning" ? { ...d, severity: "error" } : d);
  }
  return { unknownFormats: facts.unknownFormats.map((f) => f.format) };
}
