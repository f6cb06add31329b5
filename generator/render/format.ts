import * as prettier from "prettier";

/** Format TypeScript with Prettier's defaults plus a wide print width; deterministic for the same input. */
export async function formatTypeScript(source: string): Promise<string> {
  // a .ts file name: Prettier parses it as TypeScript at once instead of first testing the text for JSX
  return prettier.format(source, { parser: "typescript", filepath: "generated.ts", printWidth: 120, endOfLine: "lf" });
}
