import { joinPointer } from "../../document/pointer.js";
import { knownFormats } from "../schema/formats.js";
import { compilesAsUnicode } from "../schema/patterns.js";

/** Keys whose values are data (examples, defaults, enums), never schemas: not walked. */
const DATA_KEYS = new Set(["example", "examples", "value", "default", "enum", "const"]);
/** Maps whose keys are names (a property called `default`, a `default` response): every entry is walked. */
const NAMED_MAPS = new Set([
  "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "paths", "webhooks", "callbacks",
  "responses", "headers", "content", "encoding", "schemas", "parameters", "requestBodies", "pathItems", "links",
]);

export interface UnknownFormat {
  format: string;
  /** the first place it is used */
  pointer: string;
  uses: number;
}

export interface BadPattern {
  pointer: string;
  pattern: string;
  reason: string;
}

export interface SchemaFacts {
  unknownFormats: UnknownFormat[];
  badPatterns: BadPattern[];
}

/**
 * Walk the document once for facts about its schemas that do not stop correct output: formats no
 * validator knows (reported once per format, with a count) and patterns that JavaScript's `u`-mode
 * RegExp (what ajv uses) cannot compile. Example values, defaults and `x-` extensions are data and
 * are not walked.
 */
export function findSchemaFacts(root: unknown, allowFormats: readonly string[]): SchemaFacts {
  const allowed = new Set([...knownFormats(), ...allowFormats]);
  const formats = new Map<string, UnknownFormat>();
  const badPatterns: BadPattern[] = [];
  const walk = (node: unknown, pointer: string, named = false): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, joinPointer(pointer, i)));
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const at = joinPointer(pointer, key);
      if (named) {
        walk(value, at);
        continue;
      }
      if (key.startsWith("x-") || DATA_KEYS.has(key)) continue;
      if (key === "format" && typeof value === "string" && !allowed.has(value)) {
        const seen = formats.get(value);
        if (seen) seen.uses++;
        else formats.set(value, { format: value, pointer: at, uses: 1 });
      } else if (key === "pattern" && typeof value === "string") {
        const reason = compilesAsUnicode(value);
        if (reason) badPatterns.push({ pointer: at, pattern: value, reason });
      } else if (key === "patternProperties" && value !== null && typeof value === "object") {
        for (const name of Object.keys(value)) {
          const reason = compilesAsUnicode(name);
          if (reason) badPatterns.push({ pointer: joinPointer(at, name), pattern: name, reason });
        }
      }
      walk(value, at, NAMED_MAPS.has(key));
    }
  };
  walk(root, "#");
  return { unknownFormats: [...formats.values()].sort((a, b) => a.format.localeCompare(b.format)), badPatterns };
}
