/**
 * Line layout for the emitters, which print their output already formatted (no Prettier pass: on large
 * specs it cost seconds and hundreds of MB). The rule is Prettier's: one line when it fits in
 * PRINT_WIDTH columns, otherwise one item per line.
 */
export const PRINT_WIDTH = 120;

const fits = (indent: number, text: string): boolean => indent + text.length <= PRINT_WIDTH && !text.includes("\n");

/**
 * `open a, b close` on one line, or each item on its own line. A trailing comma follows the last item
 * unless `trailingComma` is false (a rest parameter may not have one).
 */
export function list(indent: number, open: string, items: readonly string[], close: string, trailingComma = true): string {
  const oneLine = `${open}${items.join(", ")}${close}`;
  if (items.length === 0 || fits(indent, oneLine)) return oneLine;
  const pad = " ".repeat(indent + 2);
  const lines = items.map((item, i) => `${pad}${item}${i < items.length - 1 || trailingComma ? "," : ""}`);
  return `${open}\n${lines.join("\n")}\n${" ".repeat(indent)}${close}`;
}

/**
 * `prefix A | B suffix` on one line, or Prettier's leading-bar form with one member per line. Inside a
 * type argument (`prefix` ending in `<`) the closing `>` goes on its own line.
 */
export function union(indent: number, prefix: string, types: readonly string[], suffix: string): string {
  const oneLine = `${prefix}${types.join(" | ")}${suffix}`;
  if (types.length < 2 || fits(indent, oneLine)) return oneLine;
  const pad = " ".repeat(indent + 2);
  const members = types.map((t) => `${pad}| ${t}`).join("\n");
  return prefix.endsWith("<") ? `${prefix}\n${members}\n${" ".repeat(indent)}${suffix}` : `${prefix.trimEnd()}\n${members}${suffix}`;
}
