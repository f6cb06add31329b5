import { randomBytes } from "node:crypto";
import type { ExampleJson, ModelJson } from "./types.js";

/**
 * Values an API must keep unique (a promotion code): the documented values at the request schemas
 * the config marks, each mapped to itself plus one suffix per run, so a second run against the same
 * live API does not collide with the first.
 */
export class UniqueValues {
  readonly suffix: string;
  private readonly live = new Map<string, string>();

  constructor(model: ModelJson, examples: readonly ExampleJson[], pointers: readonly string[], suffix = newSuffix()) {
    this.suffix = suffix;
    for (const value of documentedValues(model, examples, pointers)) this.live.set(value, `${value}${suffix}`);
  }

  get size(): number {
    return this.live.size;
  }

  /** A request value with every marked documented string replaced (deeply); `replaced` learns documented → live. */
  apply<T>(value: T, replaced: Map<string, unknown>): T {
    if (this.live.size === 0) return value;
    const walk = (node: unknown): unknown => {
      if (typeof node === "string") {
        const live = this.live.get(node);
        if (live === undefined) return node;
        replaced.set(JSON.stringify(node), live);
        return live;
      }
      if (Array.isArray(node)) return node.map(walk);
      if (node !== null && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
      return node;
    };
    return walk(value) as T;
  }
}

/** Letters and digits only, so it fits codes that allow nothing else. */
export function newSuffix(): string {
  return `R${randomBytes(4).readUInt32BE(0).toString(36).toUpperCase()}`;
}

/** The documented string values found where the marked schemas apply: request bodies and parameters. */
function documentedValues(model: ModelJson, examples: readonly ExampleJson[], pointers: readonly string[]): Set<string> {
  const values = new Set<string>();
  for (const pointer of pointers) {
    for (const operation of model.operations) {
      const own = examples.filter((e) => e.operationId === operation.operationId);
      for (const content of operation.requestBody?.contents ?? []) {
        const path = instancePath(content.schemaPointer, pointer);
        if (path === undefined) continue;
        for (const e of own) if (e.request.mediaType === content.mediaType) collect(e.request.body, path, values);
      }
      for (const param of operation.parameters) {
        if (param.schemaPointer !== pointer) continue;
        for (const e of own) collect(e.request.params[param.in][param.name], [], values);
      }
    }
  }
  return values;
}

/** `…/schema/properties/code` under `…/schema` → ["code"]; `items` → "*" (every element). */
function instancePath(schemaPointer: string, marked: string): string[] | undefined {
  if (marked !== schemaPointer && !marked.startsWith(`${schemaPointer}/`)) return undefined;
  const segments = marked.slice(schemaPointer.length).split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const path: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === "properties" && i + 1 < segments.length) path.push(segments[++i]!);
    else if (segments[i] === "items") path.push("*");
    else return undefined;
  }
  return path;
}

function collect(value: unknown, path: readonly string[], into: Set<string>): void {
  if (path.length === 0) {
    if (typeof value === "string") into.add(value);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const [head, ...rest] = path;
  if (head === "*") {
    if (Array.isArray(value)) for (const item of value) collect(item, rest, into);
    return;
  }
  if (Object.prototype.hasOwnProperty.call(value, head!)) collect((value as Record<string, unknown>)[head!], rest, into);
}
