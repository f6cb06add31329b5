import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from "yaml";
import type { Diagnostic } from "./diagnostics.js";
import { splitPointer } from "./pointer.js";

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
 * Parse YAML or JSON text. JSON goes through JSON.parse (fast for large specs) and is
 * only re-read with the YAML parser the first time a position is needed.
 */
export function parseSource(file: string, text: string): { doc?: SourceDocument; diagnostics: Diagnostic[] } {
  const looksJson = /^\s*[{[]/.test(text);
  if (looksJson) {
    try {
      const root: unknown = JSON.parse(text);
      return { doc: makeDocument(file, text, root, undefined), diagnostics: [] };
    } catch {
      // fall through: the YAML parser gives positioned errors for JSON too
    }
  }
  const counter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (parsed.errors.length > 0) {
    return {
      diagnostics: parsed.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return {
          code: "SC001",
          severity: "error",
          message: firstLine(e.message),
          pointer: "#",
          file,
          line: pos.line,
          column: pos.col,
        };
      }),
    };
  }
  const root: unknown = parsed.toJS({ maxAliasCount: 10_000 });
  return { doc: makeDocument(file, text, root, { contents: parsed.contents, counter }), diagnostics: [] };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}

function makeDocument(file: string, text: string, root: unknown, yaml: ParsedYaml | undefined): SourceDocument {
  let parsed = yaml;
  return {
    file,
    text,
    root,
    locate(pointer: string): Position {
      if (!parsed) {
        const counter = new LineCounter();
        parsed = { contents: parseDocument(text, { lineCounter: counter }).contents, counter };
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
