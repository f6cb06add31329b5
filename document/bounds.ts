import { joinPointer } from "./pointer.js";

/** Where a parsed document breaks a bound, as a pointer and a message. */
export interface BoundFinding {
  pointer: string;
  message: string;
}

/**
 * Depth and expanded size of a parsed document, without recursion (no stack overflow at any depth).
 * YAML aliases come out of the parser as shared objects: each shared object is counted once in the
 * document's own size and once per use in its expanded size, so an alias bomb is measured, not expanded.
 * `shared: false` (JSON.parse output, which never shares objects) skips that bookkeeping.
 */
export function checkBounds(root: unknown, limits: { maxDepth: number; maxAliasNodes: number }, shared = true): BoundFinding | undefined {
  if (root === null || typeof root !== "object") return undefined;
  interface Frame {
    node: object;
    key: string;
    children: [string, unknown][];
    next: number;
    total: number;
  }
  const expanded = new Map<object, number>();
  const stack: Frame[] = [{ node: root, key: "", children: entriesOf(root), next: 0, total: 1 }];
  const onStack = new Set<object>([root]);
  // Pointers are built only for a finding: building one per node costs more than the walk.
  const pointerTo = (extra?: string): string => joinPointer("#", ...stack.slice(1).map((f) => f.key), ...(extra === undefined ? [] : [extra]));
  let own = 1;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const [key, child] = frame.children[frame.next++]!;
      if (child === null || typeof child !== "object") {
        own++;
        frame.total++;
        continue;
      }
      const known = shared ? expanded.get(child) : undefined;
      if (known !== undefined) {
        frame.total += known;
        continue;
      }
      if (shared && onStack.has(child)) return { pointer: pointerTo(key), message: "a YAML alias refers to a node that contains it" };
      if (stack.length >= limits.maxDepth) {
        return { pointer: pointerTo(key), message: `nesting is deeper than ${limits.maxDepth} levels (raise with --max-depth)` };
      }
      own++;
      stack.push({ node: child, key, children: entriesOf(child), next: 0, total: 1 });
      if (shared) onStack.add(child);
      continue;
    }
    if (frame.total - own > limits.maxAliasNodes) {
      return { pointer: pointerTo(), message: `YAML aliases expand the document by more than ${limits.maxAliasNodes} nodes (raise with --max-alias-nodes)` };
    }
    stack.pop();
    if (shared) {
      onStack.delete(frame.node);
      expanded.set(frame.node, frame.total);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.total += frame.total;
  }
  return undefined;
}

function entriesOf(node: object): [string, unknown][] {
  return Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
}

/**
 * The first key that appears twice in one JSON object (JSON.parse keeps the last silently), as its
 * offset in the text. Assumes the text is valid JSON (run after JSON.parse succeeded).
 */
export function findDuplicateJsonKey(text: string): { offset: number; key: string } | undefined {
  const objects: (Set<string> | null)[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) objects.push(new Set());
    else if (c === 0x5b /* [ */) objects.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) objects.pop();
    else if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const raw = text.slice(i + 1, j);
      const keys = objects.at(-1);
      if (keys) {
        let k = j + 1;
        while (k < n && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x0a || text.charCodeAt(k) === 0x0d || text.charCodeAt(k) === 0x09)) k++;
        if (text[k] === ":") {
          const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
          if (keys.has(key)) return { offset: i, key };
          keys.add(key);
        }
      }
      i = j;
    }
  }
  return undefined;
}
