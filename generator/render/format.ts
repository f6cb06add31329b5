import * as prettier from "prettier";

/** Format TypeScript with Prettier's defaults plus a wide print width; deterministic for the same input. */
export async function formatTypeScript(source: string): Promise<string> {
  return prettier.format(source, { parser: "typescript", printWidth: 120, endOfLine: "lf" });
}
