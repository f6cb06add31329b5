import { parseTree, type Node as JsonNode } from "jsonc-parser";
import type { Position } from "./source.js";
import { splitPointer } from "./pointer.js";

/**
 * Positions of JSON pointers in a JSON text, from jsonc-parser's light syntax tree (offsets only):
 * a fraction of the time and memory of re-reading a large JSON spec with the YAML parser. Answers
 * the deepest node found along the pointer, at its key where it has one (as for YAML).
 */
export function jsonLocator(text: string): ((pointer: string) => Position) | undefined {
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  } catch {
    return undefined; // nesting too deep for the recursive parser: the caller falls back
  }
  if (!tree) return undefined;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const position = (offset: number): Position => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  const root = tree;
  return (pointer) => {
    let node: JsonNode = root;
    let offset = root.offset;
    for (const segment of splitPointer(pointer)) {
      const next = childOf(node, segment);
      if (!next) break;
      offset = next.at;
      node = next.node;
    }
    return position(offset);
  };
}

function childOf(node: JsonNode, segment: string): { node: JsonNode; at: number } | undefined {
  if (node.type === "object") {
    // the last property of that name wins, as JSON.parse decides (duplicates are refused earlier anyway)
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) {
      const [key, value] = node.children![i]!.children ?? [];
      if (key?.value === segment && value) return { node: value, at: key.offset };
    }
    return undefined;
  }
  if (node.type === "array" && /^(0|[1-9]\d*)$/.test(segment)) {
    const item = node.children?.[Number(segment)];
    return item ? { node: item, at: item.offset } : undefined;
  }
  return undefined;
}
