import type { Random } from "./random.js";

/**
 * A string for a regular expression, for the common subset of patterns in API descriptions: literals,
 * escapes (\d \w \s \. …), character classes with ranges, groups with alternation, and the
 * quantifiers ? * + {n} {n,m}; a negated class draws from letters, digits, `_` and `-`. Answers
 * undefined for anything else (lookarounds, backreferences, `\b`…), or when the result does not
 * match: the caller then falls back to plain text.
 */
export function stringForPattern(pattern: string, random: Random): string | undefined {
  let parsed: Node[];
  try {
    parsed = parseSequence({ source: pattern, at: 0, depth: 0 }, false);
  } catch {
    return undefined;
  }
  const text = parsed.map((n) => emit(n, random)).join("");
  try {
    return new RegExp(pattern, "u").test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

type Node =
  | { kind: "chars"; chars: string; min: number; max: number }
  | { kind: "group"; alternatives: Node[][]; min: number; max: number };

interface Cursor {
  source: string;
  at: number;
  depth: number;
}

const CLASS_ESCAPES: Record<string, string> = {
  d: "0123456789",
  w: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
  s: " ",
};
const MAX_REPEAT = 8;

function parseSequence(cur: Cursor, inGroup: boolean): Node[] {
  if (cur.depth > 8) throw new Error("too deep");
  const nodes: Node[] = [];
  while (cur.at < cur.source.length) {
    const ch = cur.source[cur.at]!;
    if (ch === ")" || ch === "|") {
      if (!inGroup) throw new Error("unbalanced");
      break;
    }
    cur.at++;
    if (ch === "^" || ch === "$") continue;
    let node: Node;
    if (ch === "(") node = parseGroup(cur);
    else if (ch === "[") node = { kind: "chars", chars: parseClass(cur), min: 1, max: 1 };
    else if (ch === "\\") node = { kind: "chars", chars: parseEscape(cur), min: 1, max: 1 };
    else if (ch === ".") node = { kind: "chars", chars: "abcxyz", min: 1, max: 1 };
    else if ("*+?{".includes(ch)) throw new Error("dangling quantifier");
    else node = { kind: "chars", chars: ch, min: 1, max: 1 };
    applyQuantifier(cur, node);
    nodes.push(node);
  }
  return nodes;
}

function parseGroup(cur: Cursor): Node {
  if (cur.source.startsWith("?:", cur.at)) cur.at += 2;
  else if (cur.source[cur.at] === "?") throw new Error("lookaround");
  const alternatives: Node[][] = [];
  for (;;) {
    alternatives.push(parseSequenceInto(cur));
    const ch = cur.source[cur.at];
    cur.at++;
    if (ch === ")") break;
    if (ch !== "|") throw new Error("unterminated group");
  }
  return { kind: "group", alternatives, min: 1, max: 1 };
}

/** A group's alternative: parseSequence one level deeper. */
function parseSequenceInto(cur: Cursor): Node[] {
  cur.depth++;
  try {
    return parseSequence(cur, true);
  } finally {
    cur.depth--;
  }
}

const NEGATED_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

function parseClass(cur: Cursor): string {
  const negated = cur.source[cur.at] === "^";
  if (negated) cur.at++;
  let chars = "";
  while (cur.at < cur.source.length && cur.source[cur.at] !== "]") {
    const ch = cur.source[cur.at++]!;
    if (ch === "\\") {
      chars += parseEscape(cur);
      continue;
    }
    if (cur.source[cur.at] === "-" && cur.source[cur.at + 1] !== "]" && cur.at + 1 < cur.source.length) {
      const end = cur.source[cur.at + 1]!;
      cur.at += 2;
      const from = ch.codePointAt(0)!;
      const to = end.codePointAt(0)!;
      if (to < from || to - from > 256) throw new Error("range");
      for (let c = from; c <= to; c++) chars += String.fromCodePoint(c);
      continue;
    }
    chars += ch;
  }
  if (cur.source[cur.at] !== "]" || chars === "") throw new Error("unterminated class");
  cur.at++;
  if (!negated) return chars;
  const allowed = [...NEGATED_ALPHABET].filter((c) => !chars.includes(c)).join("");
  if (allowed === "") throw new Error("empty class");
  return allowed;
}

function parseEscape(cur: Cursor): string {
  const ch = cur.source[cur.at++];
  if (ch === undefined) throw new Error("trailing backslash");
  if (ch in CLASS_ESCAPES) return CLASS_ESCAPES[ch]!;
  if (/[A-Za-z0-9]/.test(ch)) throw new Error("unsupported escape");
  return ch;
}

function applyQuantifier(cur: Cursor, node: Node): void {
  const ch = cur.source[cur.at];
  if (ch === "?") [node.min, node.max] = [0, 1];
  else if (ch === "*") [node.min, node.max] = [0, MAX_REPEAT];
  else if (ch === "+") [node.min, node.max] = [1, MAX_REPEAT];
  else if (ch === "{") {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(cur.source.slice(cur.at));
    if (!match) throw new Error("bad quantifier");
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === "" ? min + MAX_REPEAT : Number(match[3]);
    if (min > 1000 || max < min) throw new Error("range");
    [node.min, node.max] = [min, Math.min(max, Math.max(min, 1000))];
    cur.at += match[0].length;
    return;
  } else return;
  cur.at++;
}

function emit(node: Node, random: Random): string {
  const count = random.int(node.min, Math.min(node.max, node.min + MAX_REPEAT));
  let out = "";
  for (let i = 0; i < count; i++) {
    if (node.kind === "chars") out += [...node.chars][random.int(0, [...node.chars].length - 1)];
    else out += random.pick(node.alternatives).map((n) => emit(n, random)).join("");
  }
  return out;
}
