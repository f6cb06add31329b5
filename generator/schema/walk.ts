/**
 * Visit every key and value of every object below the roots (arrays are walked through), without
 * recursion, so a deep schema cannot overflow the stack. `more` adds another root while walking (a
 * `$ref`'s target, say).
 */
export function walkEntries(roots: readonly unknown[], visit: (key: string, value: unknown, more: (node: unknown) => void) => void): void {
  const stack: unknown[] = [...roots];
  const more = (node: unknown): void => {
    stack.push(node);
  };
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      // one at a time: a spread of a 300,000-value `enum` would overflow the call stack
      for (const item of node) stack.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      visit(key, value, more);
      if (value !== null && typeof value === "object") stack.push(value);
    }
  }
}
