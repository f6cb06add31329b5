import { relative, resolve, sep } from "node:path";

/** A path as messages, banners and diagnostics show it: relative to `cwd` (`.` for `cwd` itself), with `/` separators (no machine paths). */
export function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, resolve(cwd, file));
  return (rel === "" ? "." : rel).split(sep).join("/");
}
