import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from "yaml";
import type { Diagnostic } from "./diagnostics.js";
import { splitPointer } from "./pointer.js";
import { checkBounds, findDuplicateJsonKey } from "./bounds.js";
import { DEFAULT_LIMITS, type InputLimits } from "./limits.js";
import { jsonLocator } from "./json-positions.js";

export interface Position {
  line: number;
  column: number;
}

/** A parsed document that can say where any JSON pointer sits in its source text. */
export interface SourceDocument {
  /** Path as given by the caller (relative paths stay relative: no machine paths in output). */
  file: string;
  text: string;
  root: unknown;
  locate(pointer: string): Position;
}

interface ParsedYaml {
  contents: YamlNode | null;
  counter: LineCounter;
}

/**
 * Parse YAML or JSON text, strictly (duplicate keys are errors) and within `limits` (nesting depth,
 * YAML alias expansion). JSON goes through JSON.parse (fast for large specs) and is only re-read with
 * the YAML parser the first time a position is needed.
 */
export function parseSource(
  file: string,
  text: string,
  limits: Pick<InputLimits, "maxDepth" | "maxAliasNodes"> = DEFAULT_LIMITS,
): { doc?: SourceDocument; diagnostics: Diagnostic[] } {
  const looksJson = /^\s*[{[]/.test(text);
  if (looksJson) {
    let root: unknown;
    let parsedJson = false;
    try {
      root = JSON.parse(text);
      parsedJson = true;
    } catch {
      // fall through: the YAML parser gives positioned errors for JSON too
    }
    if (parsedJson) {
      const duplicate = findDuplicateJsonKey(text);
      if (duplicate) return { diagnostics: [atOffset(file, text, duplicate.offset, `duplicate key '${duplicate.key}' in one object`)] };
      return finish(makeDocument(file, text, root, undefined), limits, false);
    }
  }
  const counter = new LineCounter();
  let parsed;
  let root: unknown;
  try {
    parsed = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true });
    if (parsed.errors.length > 0) {
      return {
        diagnostics: parsed.errors.map((e) => {
          const pos = counter.linePos(e.pos[0]);
          return { code: "SC001", severity: "error", message: firstLine(e.message), pointer: "#", file, line: pos.line, column: pos.col };
        }),
      };
    }
    root = parsed.toJS({ maxAliasCount: -1 });
  } catch (error) {
    if (!(error instanceof RangeError || error instanceof ReferenceError)) throw error;
    const message = error instanceof RangeError ? `nesting is too deep to parse (limit ${limits.maxDepth} levels)` : firstLine((error as Error).message);
    return { diagnostics: [atOffset(file, text, 0, message)] };
  }
  return finish(makeDocument(file, text, root, { contents: parsed.contents, counter }), limits);
}

/** Depth and alias expansion are measured on the parsed value, before any stage walks it. */
function finish(doc: SourceDocument, limits: Pick<InputLimits, "maxDepth" | "maxAliasNodes">, shared = true): { doc?: SourceDocument; diagnostics: Diagnostic[] } {
  const finding = checkBounds(doc.root, limits, shared);
  if (!finding) return { doc, diagnostics: [] };
  const pos = doc.locate(finding.pointer);
  return { diagnostics: [{ code: "SC001", severity: "error", message: finding.message, pointer: finding.pointer, file: doc.file, line: pos.line, column: pos.column }] };
}

/** An SC001 diagnostic at a character offset of the text. */
export function atOffset(file: string, text: string, offset: number, message: string): Diagnostic {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { code: "SC001", severity: "error", message, pointer: "#", file, line, column };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}

function makeDocument(file: string, text: string, root: unknown, yaml: ParsedYaml | undefined): SourceDocument {
  let parsed = yaml;
  let jsonLocate: ((pointer: string) => Position) | null | undefined;
  return {
    file,
    text,
    root,
    locate(pointer: string): Position {
      if (!parsed && yaml === undefined) {
        // parsed with JSON.parse: positions from a light JSON syntax tree, built on first use
        jsonLocate ??= jsonLocator(text) ?? null;
        if (jsonLocate) return jsonLocate(pointer);
      }
      if (!parsed) {
        const counter = new LineCounter();
        try {
          parsed = { contents: parseDocument(text, { lineCounter: counter }).contents, counter };
        } catch {
          return { line: 1, column: 1 }; // nesting too deep for the YAML parser: no position better than the start
        }
      }
      return locateInYaml(parsed, pointer);
    },
  };
}

/** Walk the YAML AST along the pointer; answer the deepest node found (the key, where there is one). */
function locateInYaml(parsed: ParsedYaml, pointer: string): Position {
  let node: YamlNode | null = parsed.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of splitPointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const pos = parsed.counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
