import type { ErrorObject } from "ajv";
import { escapeSegment, getAtPointer } from "../../document/pointer.js";
import type { SourceDocument } from "../../document/source.js";
import { splitSchemaPath } from "../../runtime/shared/index.js";

/** Where an ajv error's schemaPath sits in the spec: a JSON pointer and `file:line`. */
export interface SpecLocation {
  pointer: string;
  at: string;
}

/**
 * Map ajv's schemaPath to the spec. runtime/shared's splitSchemaPath gives the starting pointer
 * (the response content's schemaPointer for `#/…`, model.json's defPointers for
 * `spec-contract:schemas/<key>#/…`) and the decoded segments below it. `$ref`s met on the way
 * are followed, so the pointer names a node that exists in the document.
 */
export function locateSchemaError(
  error: ErrorObject,
  context: { schemaPointer: string; defPointers: Record<string, string>; spec: SourceDocument },
): SpecLocation {
  const { base, segments } = splitSchemaPath(error, { validatorPointer: context.schemaPointer, defPointers: context.defPointers });
  const pointer = walkWithRefs(context.spec.root, base, segments);
  const { line } = context.spec.locate(pointer);
  return { pointer, at: `${context.spec.file}:${line}` };
}

/** Follow `segments` from `base`, jumping through local `$ref`s whenever the next key is not present. */
export function walkWithRefs(root: unknown, base: string, segments: string[]): string {
  let pointer = derefPointer(root, base);
  for (const segment of segments) {
    let node = getAtPointer(root, pointer);
    if (!hasKey(node, segment)) {
      pointer = derefPointer(root, pointer);
      node = getAtPointer(root, pointer);
    }
    if (!hasKey(node, segment)) {
      // ajv-only keywords (such as the null branch made from `nullable`) have no node in the spec
      return pointer;
    }
    pointer = `${pointer}/${escapeSegment(segment)}`;
  }
  return pointer;
}

/** The pointer a node's `$ref` chain ends at (itself when it has no local `$ref`). */
export function derefPointer(root: unknown, pointer: string): string {
  let current = pointer;
  for (let i = 0; i < 20; i++) {
    const node = getAtPointer(root, current);
    const ref = node !== null && typeof node === "object" ? (node as Record<string, unknown>).$ref : undefined;
    if (typeof ref !== "string" || !ref.startsWith("#")) return current;
    current = ref;
  }
  return current;
}

/** The schema object at a pointer, with its `$ref` chain followed. */
export function schemaAt(root: unknown, pointer: string | undefined): Record<string, unknown> | undefined {
  if (pointer === undefined) return undefined; // a media type documented with no schema
  const node = getAtPointer(root, derefPointer(root, pointer));
  return node !== null && typeof node === "object" ? (node as Record<string, unknown>) : undefined;
}

function hasKey(node: unknown, key: string): boolean {
  return node !== null && typeof node === "object" && Object.prototype.hasOwnProperty.call(node, key);
}
