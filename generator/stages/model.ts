import { findLintConfig, lintDocument } from "../check/lint.js";
import { joinPointer } from "../../document/pointer.js";
import { buildApi } from "../model/build-api.js";
import type { ApiModel } from "../model/types.js";
import type { StageContext } from "./context.js";

/** Build the model, check links point at real operations, and apply the spec's own lint rules. */
export async function modelStage(ctx: StageContext, root: Record<string, unknown>): Promise<ApiModel> {
  const api = buildApi(root, {
    warn: (code, pointer, message) => ctx.report(code, "warning", pointer, message),
    error: (code, pointer, message) => ctx.report(code, "error", pointer, message),
  });
  const ids = new Set(api.operations.map((o) => o.operationId));
  for (const link of api.operations.flatMap((op) => op.responses.flatMap((r) => r.links))) {
    if (!ids.has(link.operationId)) ctx.report("SC012", "error", joinPointer(link.pointer, "operationId"), `no operation '${link.operationId}'`);
  }
  const lintConfig = findLintConfig(ctx.absolute, ctx.cwd);
  // The linter resolves `$ref`s itself: not on a document whose refs failed (or were refused by confinement).
  const refsFailed = ctx.diagnostics.some((d) => d.code === "SC003");
  if (lintConfig && !refsFailed) ctx.diagnostics.push(...(await lintDocument(ctx.doc, ctx.absolute, lintConfig)));
  return api;
}
