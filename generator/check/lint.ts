import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Diagnostic } from "../../document/diagnostics.js";
import type { SourceDocument } from "../../document/source.js";

/** The redocly.yaml that governs a spec: the nearest one in its folder or a parent, up to `stopAt`. */
export function findLintConfig(specPath: string, stopAt: string): string | undefined {
  let dir = dirname(resolve(specPath));
  const stop = resolve(stopAt);
  for (;;) {
    const candidate = join(dir, "redocly.yaml");
    if (existsSync(candidate)) return candidate;
    if (dir === stop || dirname(dir) === dir || !dir.startsWith(stop)) return undefined;
    dir = dirname(dir);
  }
}

/**
 * Run @redocly/openapi-core's linter with the spec's own redocly.yaml. Documents with no
 * config are not style-linted: style rules never block generating someone else's valid spec.
 */
export async function lintDocument(doc: SourceDocument, absolutePath: string, configPath: string): Promise<Diagnostic[]> {
  // loaded on use (0.4 s): only documents with a redocly.yaml are style-linted
  const { lint, loadConfig } = await import("@redocly/openapi-core");
  const config = await loadConfig({ configPath });
  const problems = await lint({ ref: absolutePath, config });
  return problems
    .filter((p) => !p.ignored)
    .map((p) => {
      const location = p.location[0];
      const pointer = location?.pointer ?? "#";
      const pos = doc.locate(pointer);
      return {
        code: "SC008",
        severity: p.severity === "error" ? "error" : "warning",
        message: `${p.ruleId}: ${p.message}`,
        pointer,
        file: doc.file,
        line: pos.line,
        column: pos.column,
      } satisfies Diagnostic;
    });
}
