import { getAtPointer } from "../document/pointer.js";
import { walkEntries } from "../generator/schema/walk.js";
import { resolve } from "node:path";
import { formatDiagnostic, hasErrors } from "../document/diagnostics.js";
import { loadSourceFile } from "../document/load.js";
import { DEFAULT_LIMITS } from "../document/limits.js";
import { buildApi } from "../generator/model/build-api.js";
import type { ApiModel } from "../generator/model/types.js";
import { createContext } from "../generator/stages/context.js";
import { loadStage } from "../generator/stages/load.js";
import { displayPath } from "../document/display-path.js";
import { isOpenApi3, onlyLocalRefs } from "./generated.js";
import { createMockSpec, type MockSpec } from "./mock-spec.js";

export type { MockSpec } from "./mock-spec.js";

/**
 * Load a document given directly: parse and check it, normalise it and build the model with the
 * generator's own stages (a model read from model.json is used as it is). Schemas are converted and
 * validators compiled per operation on first use (see createMockSpec), so start-up is parsing and the model.
 */
export function loadMockSpec(spec: string, options: { cwd: string; model?: ApiModel }): MockSpec {
  const absolute = resolve(options.cwd, spec);
  const file = displayPath(options.cwd, spec);
  const parsed = loadSourceFile(absolute, file, DEFAULT_LIMITS);
  if (!parsed.doc) throw new Error(parsed.diagnostics.map(formatDiagnostic).join("\n"));
  const ctx = createContext({ file, absolute, cwd: options.cwd, doc: parsed.doc, allowFormats: [], limits: DEFAULT_LIMITS, strict: false });
  // A document whose every $ref is a local pointer needs no normalising (the slow part of loading).
  // (one whose local $refs do not all resolve goes through the loader too, which names each with SC003)
  const fast = onlyLocalRefs(parsed.doc.text) && isOpenApi3(parsed.doc.root) && localRefsResolve(parsed.doc.root);
  const root = fast ? (parsed.doc.root as Record<string, unknown>) : loadStage(ctx);
  const fail = () => new Error(ctx.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n"));
  if (!root || hasErrors(ctx.diagnostics)) throw fail();
  const model =
    options.model ??
    buildApi(root, {
      warn: (code, pointer, message) => ctx.report(code, "warning", pointer, message),
      error: (code, pointer, message) => ctx.report(code, "error", pointer, message),
    });
  if (hasErrors(ctx.diagnostics)) throw fail();
  return createMockSpec(root, model, { mayHaveDiscriminators: parsed.doc.text.includes("discriminator") });
}

/** Every `#…` `$ref` of the document points at something: each distinct one looked up once. */
function localRefsResolve(root: unknown): boolean {
  const refs = new Set<string>();
  walkEntries([root], (key, value) => {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#")) refs.add(value);
  });
  for (const ref of refs) if (getAtPointer(root, ref) === undefined) return false;
  return true;
}
