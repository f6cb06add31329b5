import { relative, resolve, sep } from "node:path";

/** A path as messages, banners and diagnostics show it: relative to `cwd`, with `/` separators (no machine paths). */
export function displayPath(cwd: string, file: string): string {
  return relative(cwd, resolve(cwd, file)).split(sep).join("/");
}
