import { getAtPointer } from "../../document/pointer.js";

/** Follow a chain of local `$ref`s (already normalised to `#/...`); stops on a cycle. */
export function deref<T = Record<string, unknown>>(root: unknown, node: unknown): { value: T | undefined; pointer?: string } {
  let current = node;
  let pointer: string | undefined;
  const seen = new Set<string>();
  while (isRecord(current) && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) return { value: undefined };
    seen.add(current.$ref);
    pointer = current.$ref;
    current = getAtPointer(root, current.$ref);
  }
  return { value: current as T | undefined, pointer };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
